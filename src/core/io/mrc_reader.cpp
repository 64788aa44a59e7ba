#include "insitu/io/mrc_reader.h"

#include "raw_pixels.h"

#include "insitu/error.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <limits>
#include <optional>
#include <string>

namespace insitu {

namespace {

constexpr std::uint64_t kHeaderBytes = 1024;
// FEI1/FEI2 extended-header block fields (byte offsets in each block; Thermo Fisher
// "MRC2014 FEI extended header" description).
constexpr std::uint64_t kFeiTimestamp = 12;        // float64, days since 1899-12-30
constexpr std::uint64_t kFeiMicroscope = 20;       // char[16]
constexpr std::uint64_t kFeiHighTension = 84;      // float64, V
constexpr std::uint64_t kFeiPixelSizeX = 156;      // float64, m
constexpr std::uint64_t kFeiPixelSizeY = 164;      // float64, m
constexpr std::uint64_t kFeiMagnification = 289;   // float64
constexpr std::uint64_t kFeiIntegrationTime = 419; // float64, s
constexpr std::uint64_t kFeiCameraName = 435;      // char[16]

std::optional<raw::Stored> storedKind(int mode)
{
    switch (mode) {
    case 0:
        return raw::Stored::UInt8;
    case 1:
        return raw::Stored::Int16;
    case 2:
        return raw::Stored::Float32;
    case 6:
        return raw::Stored::UInt16;
    case 12:
        return raw::Stored::Float16;
    default:
        return std::nullopt;
    }
}

std::string fixedString(const BinaryFile& file, std::uint64_t at, std::size_t bytes)
{
    const auto raw = file.readBytes(at, bytes);
    std::string s(raw.begin(), raw.end());
    s = s.substr(0, s.find('\0'));
    std::string ascii;
    for (const char c : s)
        if (static_cast<unsigned char>(c) >= 0x20 && static_cast<unsigned char>(c) < 0x7F)
            ascii.push_back(c);
    return ascii;
}

bool plausible(double v, double lo, double hi)
{
    return std::isfinite(v) && v > lo && v < hi;
}

/// "Key = Value" lines of a Direct Electron `<prefix>_info.txt` sidecar (small files only).
std::optional<std::string> deInfoValue(const std::filesystem::path& info, const std::string& key)
{
    std::error_code ec;
    if (!std::filesystem::is_regular_file(info, ec) ||
        std::filesystem::file_size(info, ec) > (1u << 20))
        return std::nullopt;
    std::ifstream in(info);
    std::string line;
    while (std::getline(in, line)) {
        const auto eq = line.find('=');
        if (eq == std::string::npos)
            continue;
        std::string k = line.substr(0, eq);
        k = k.substr(0, k.find_last_not_of(" \t") + 1);
        if (k != key)
            continue;
        std::string v = line.substr(eq + 1);
        const auto b = v.find_first_not_of(" \t");
        return b == std::string::npos ? std::string()
                                      : v.substr(b, v.find_last_not_of(" \t\r") - b + 1);
    }
    return std::nullopt;
}

} // namespace

MrcReader::MrcReader(const std::filesystem::path& path) : m_file(path)
{
    const BinaryFile& f = m_file;
    if (f.size() < kHeaderBytes)
        f.fail("too short to be an MRC file (" + std::to_string(f.size()) +
               " bytes, the header alone takes 1024)");
    const auto machst = f.readBytes(212, 2);
    if (machst[0] == 0x44 || machst[0] == 0x41)
        m_stack.order = Endian::Little;
    else if (machst[0] == 0x11)
        m_stack.order = Endian::Big;
    else // old writers leave MACHST empty: pick the order giving a sane mode and size
        m_stack.order =
            (f.readValue<std::uint32_t>(12, Endian::Little) < 256) ? Endian::Little : Endian::Big;
    const auto i32 = [&](std::uint64_t at) { return f.readValue<std::int32_t>(at, m_stack.order); };
    const auto f32 = [&](std::uint64_t at) { return f.readValue<float>(at, m_stack.order); };

    const std::int32_t nx = i32(0), ny = i32(4), nz = i32(8), mode = i32(12);
    const std::int32_t mx = i32(28);
    const float cellaX = f32(40);
    const std::int32_t ispg = i32(88), nsymbt = i32(92);
    const std::string exttyp = fixedString(f, 104, 4);
    const std::int32_t nversion = i32(108);

    if (nx <= 0 || ny <= 0 || nz <= 0)
        f.fail("absurd MRC dimensions " + std::to_string(nx) + " x " + std::to_string(ny) + " x " +
               std::to_string(nz) + " (corrupt file or not an MRC file?)");
    if (mode == 3 || mode == 4)
        f.fail("complex MRC data (mode " + std::to_string(mode) +
               ", e.g. an FFT) is not an image series");
    if (mode == 101)
        f.fail("4-bit packed MRC data (mode 101) is not supported");
    const auto stored = storedKind(mode);
    if (!stored)
        f.fail("unsupported MRC mode " + std::to_string(mode) + " (corrupt file?)");
    if (nsymbt < 0 || !f.contains(kHeaderBytes, static_cast<std::uint64_t>(nsymbt)))
        f.fail("MRC extended header length " + std::to_string(nsymbt) +
               " does not fit in the file (corrupt file?)");

    m_stack.storedKind = static_cast<int>(*stored);
    m_stack.firstOffset = kHeaderBytes + static_cast<std::uint64_t>(nsymbt);
    m_stack.frameBytes = raw::frameBytes(f, nx, ny, *stored);
    const std::uint64_t available = f.size() - m_stack.firstOffset;
    if (static_cast<std::uint64_t>(nz) > available / m_stack.frameBytes)
        f.fail("MRC data holds " + std::to_string(available / m_stack.frameBytes) +
               " complete frames of " + std::to_string(nx) + " x " + std::to_string(ny) +
               " but the header says " + std::to_string(nz) + " (truncated or corrupt file?)");

    m_info.format = "MRC";
    m_info.path = path;
    m_info.width = nx;
    m_info.height = ny;
    m_info.frameCount = nz;
    m_info.pixelType = raw::deliveredType(*stored);
    if (mode == 0)
        m_info.notes.push_back(
            "MRC mode 0 read as uint8 (as RosettaSciIO does; MRC2014 says int8)");
    if (const auto note = raw::conversionNote(*stored))
        m_info.notes.push_back(*note);

    nlohmann::json meta = nlohmann::json::object();
    meta["mode"] = mode;
    meta["ispg"] = ispg;
    meta["nversion"] = nversion;
    meta["exttyp"] = exttyp;
    meta["extended_header_bytes"] = nsymbt;
    meta["cella_A"] = {cellaX, f32(44), f32(48)};
    meta["mxyz"] = {mx, i32(32), i32(36)};

    // Pixel size: FEI extended header (m) first, else |CELLA.x| / MX (Å; DE writes CELLA < 0).
    const bool fei = (exttyp == "FEI1" || exttyp == "FEI2") && nsymbt >= 451;
    if (fei) {
        const std::uint64_t ext = kHeaderBytes;
        const auto blockBytes = f.readValue<std::int32_t>(ext, Endian::Little);
        const auto f64 = [&](std::uint64_t at) {
            return f.readValue<double>(ext + at, Endian::Little);
        };
        if (const double px = f64(kFeiPixelSizeX); plausible(px, 0, 1e-3))
            m_info.calibration.nmPerPixel = px * 1e9;
        if (const double ht = f64(kFeiHighTension); plausible(ht, 0, 1e7))
            meta["voltage_kV"] = ht / 1000.0;
        if (const double mag = f64(kFeiMagnification); plausible(mag, 0, 1e10))
            meta["magnification"] = mag;
        if (const double t = f64(kFeiIntegrationTime); plausible(t, 0, 1e6))
            meta["exposure_s"] = t;
        if (const auto s = fixedString(f, ext + kFeiMicroscope, 16); !s.empty())
            meta["microscope"] = s;
        if (const auto s = fixedString(f, ext + kFeiCameraName, 16); !s.empty())
            meta["camera"] = s;
        (void)kFeiPixelSizeY;
        // One block per frame: per-frame timestamps when they increase.
        if (blockBytes >= 20 && nz > 1 &&
            static_cast<std::uint64_t>(nsymbt) / static_cast<std::uint64_t>(blockBytes) >=
                static_cast<std::uint64_t>(nz)) {
            std::vector<double> days;
            FileCursor cursor(f, ext, Endian::Little);
            for (std::int32_t k = 0; k < nz; ++k) {
                cursor.seek(ext +
                            static_cast<std::uint64_t>(k) * static_cast<std::uint64_t>(blockBytes) +
                            kFeiTimestamp);
                days.push_back(cursor.value<double>());
            }
            bool increasing = std::all_of(days.begin(), days.end(),
                                          [](double d) { return plausible(d, 1.0, 1e6); });
            for (std::size_t k = 1; k < days.size() && increasing; ++k)
                increasing = days[k] > days[k - 1];
            if (increasing)
                for (const double d : days)
                    m_info.calibration.timestampsS.push_back((d - days.front()) * 86400.0);
        }
    }
    if (!m_info.calibration.nmPerPixel) {
        const double cellsPerAxis = mx > 0 ? mx : nx;
        const double angstrom = std::abs(static_cast<double>(cellaX)) / cellsPerAxis;
        if (plausible(angstrom, 0, 1e9))
            m_info.calibration.nmPerPixel = angstrom / 10.0;
    }

    // Direct Electron sidecar: <prefix>_info.txt next to <prefix>_movie.mrc.
    const std::string stem = path.stem().string();
    const auto underscore = stem.rfind('_');
    if (underscore != std::string::npos) {
        const auto info = path.parent_path() / (stem.substr(0, underscore) + "_info.txt");
        if (const auto fps = deInfoValue(info, "Frames Per Second")) {
            const double v = std::strtod(fps->c_str(), nullptr);
            if (plausible(v, 0, 1e9) && m_info.calibration.timestampsS.empty()) {
                m_info.calibration.frameIntervalS = 1.0 / v;
                meta["frames_per_second"] = v;
            }
        }
        if (const auto camera = deInfoValue(info, "Camera Model"))
            meta["camera"] = *camera;
        if (const auto kv = deInfoValue(info, "Instrument Accelerating Voltage (V)"))
            if (const double v = std::strtod(kv->c_str(), nullptr); plausible(v, 0, 1e7))
                meta["voltage_kV"] = v / 1000.0;
    }
    m_info.metadata = std::move(meta);
}

Frame MrcReader::readFrame(int index)
{
    return raw::readStackFrame(m_file, m_stack, m_info.width, m_info.height, m_info.frameCount,
                               index);
}

bool MrcReader::matchesMagic(const std::vector<unsigned char>& head)
{
    return head.size() >= 216 && head[208] == 'M' && head[209] == 'A' && head[210] == 'P' &&
           head[211] == ' ';
}

std::unique_ptr<MovieReader> openMrcReader(const std::filesystem::path& path)
{
    return std::make_unique<MrcReader>(path);
}

} // namespace insitu
