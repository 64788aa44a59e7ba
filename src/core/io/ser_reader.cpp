#include "insitu/io/ser_reader.h"

#include "raw_pixels.h"

#include "insitu/error.h"

#include <opencv2/core.hpp>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <limits>
#include <optional>

namespace insitu {

namespace {

constexpr std::uint16_t kByteOrder = 0x4949;
constexpr std::uint16_t kSeriesId = 0x0197;
constexpr std::uint32_t kData1D = 0x4120;
constexpr std::uint32_t kData2D = 0x4122;
constexpr std::uint32_t kTagTime = 0x4152;
constexpr std::uint32_t kTagTimePosition = 0x4142;
constexpr std::uint64_t kElementHeaderBytes = 50; // 2-D element header, formats.md §2
constexpr std::uint32_t kMaxDimensions = 16;

std::optional<raw::Stored> storedKind(int serType)
{
    switch (serType) {
    case 1:
        return raw::Stored::UInt8;
    case 2:
        return raw::Stored::UInt16;
    case 3:
        return raw::Stored::UInt32;
    case 4:
        return raw::Stored::Int8;
    case 5:
        return raw::Stored::Int16;
    case 6:
        return raw::Stored::Int32;
    case 7:
        return raw::Stored::Float32;
    case 8:
        return raw::Stored::Float64;
    case 9:
        return raw::Stored::Complex64;
    case 10:
        return raw::Stored::Complex128;
    default:
        return std::nullopt;
    }
}

std::string lower(std::string s)
{
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

std::string lowerExtension(const std::filesystem::path& path)
{
    return lower(path.extension().string());
}

/// DataTypeID of a .ser file, or 0 when it is not a readable SER header.
std::uint32_t peekDataType(const std::filesystem::path& path)
{
    try {
        const BinaryFile file(path);
        if (file.size() < 10 || file.readValue<std::uint16_t>(0, Endian::Little) != kByteOrder)
            return 0;
        return file.readValue<std::uint32_t>(6, Endian::Little);
    } catch (const Error&) {
        return 0;
    }
}

/// The .ser to read for path: itself, or for name.emi the first image series name_N.ser.
std::filesystem::path resolveSerPath(const std::filesystem::path& path)
{
    if (lowerExtension(path) != ".emi")
        return path;
    std::error_code ec;
    std::optional<std::filesystem::path> first;
    for (int n = 1; n <= 64; ++n) {
        const auto candidate =
            path.parent_path() / (path.stem().string() + "_" + std::to_string(n) + ".ser");
        if (!std::filesystem::is_regular_file(candidate, ec))
            continue;
        if (!first)
            first = candidate;
        if (peekDataType(candidate) == kData2D)
            return candidate;
    }
    if (!first)
        throw Error(path.string() + ": no " + path.stem().string() +
                    "_1.ser data file next to this TIA .emi file");
    return *first; // not an image series: its reader says so
}

/// name.emi for name_N.ser (with N), or nullopt when the name has no _N suffix.
std::optional<std::pair<std::filesystem::path, int>> emiFor(const std::filesystem::path& ser)
{
    const std::string stem = ser.stem().string();
    const auto underscore = stem.rfind('_');
    if (underscore == std::string::npos || underscore + 1 >= stem.size())
        return std::nullopt;
    const std::string digits = stem.substr(underscore + 1);
    if (!std::all_of(digits.begin(), digits.end(),
                     [](unsigned char c) { return std::isdigit(c); }) ||
        digits.size() > 4)
        return std::nullopt;
    return std::make_pair(ser.parent_path() / (stem.substr(0, underscore) + ".emi"),
                          std::stoi(digits));
}

std::string formatNumber(double v)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.6g", v);
    return buf;
}

} // namespace

SerReader::SerReader(const std::filesystem::path& path) : m_file(resolveSerPath(path))
{
    const BinaryFile& f = m_file;
    if (f.size() < 30)
        f.fail("too short to be a TIA .ser file (" + std::to_string(f.size()) + " bytes)");
    if (f.readValue<std::uint16_t>(0, Endian::Little) != kByteOrder ||
        f.readValue<std::uint16_t>(2, Endian::Little) != kSeriesId)
        f.fail("not a TIA .ser file (wrong byte-order mark or series id)");
    const auto version = f.readValue<std::uint16_t>(4, Endian::Little);
    if (version != 0x0210 && version != 0x0220)
        f.fail("unsupported TIA .ser version 0x" + [&] {
            char b[8];
            std::snprintf(b, sizeof b, "%x", version);
            return std::string(b);
        }());
    const bool wide = version == 0x0220;
    const auto dataTypeId = f.readValue<std::uint32_t>(6, Endian::Little);
    const auto tagTypeId = f.readValue<std::uint32_t>(10, Endian::Little);
    const auto total = f.readValue<std::uint32_t>(14, Endian::Little);
    const auto valid = f.readValue<std::uint32_t>(18, Endian::Little);
    const std::uint64_t offsetArray = wide ? f.readValue<std::uint64_t>(22, Endian::Little)
                                           : f.readValue<std::uint32_t>(22, Endian::Little);
    const auto ndim = f.readValue<std::uint32_t>(wide ? 30 : 26, Endian::Little);

    if (dataTypeId == kData1D)
        f.fail("not an image series: the .ser holds 1-D spectra (TIA DataTypeID 0x4120)");
    if (dataTypeId != kData2D)
        f.fail("unsupported TIA DataTypeID " + std::to_string(dataTypeId) + " (corrupt file?)");
    if (valid == 0)
        f.fail("the series holds no frames (ValidNumberElements 0)");
    if (valid > total)
        f.fail("ValidNumberElements " + std::to_string(valid) + " exceeds TotalNumberElements " +
               std::to_string(total) + " (corrupt file?)");
    if (valid > static_cast<std::uint32_t>(std::numeric_limits<int>::max()))
        f.fail("absurd frame count " + std::to_string(valid));
    const std::uint64_t offsetBytes = wide ? 8 : 4;
    f.requireRange(offsetArray, 2 * offsetBytes * total, "SER offset arrays");
    if (ndim > kMaxDimensions)
        f.fail("absurd number of series dimensions " + std::to_string(ndim) + " (corrupt file?)");

    // Series (navigation) dimensions: kept as metadata.
    nlohmann::json seriesDims = nlohmann::json::array();
    FileCursor cursor(f, wide ? 34 : 30, Endian::Little);
    for (std::uint32_t d = 0; d < ndim; ++d) {
        nlohmann::json dim;
        dim["size"] = cursor.value<std::int32_t>();
        dim["offset"] = cursor.value<double>();
        dim["delta"] = cursor.value<double>();
        dim["element"] = cursor.value<std::int32_t>();
        const auto descLength = cursor.value<std::int32_t>();
        if (descLength < 0 || descLength > 4096)
            f.fail("corrupt SER dimension description length " + std::to_string(descLength));
        dim["description"] = cursor.string(static_cast<std::size_t>(descLength));
        const auto unitLength = cursor.value<std::int32_t>();
        if (unitLength < 0 || unitLength > 4096)
            f.fail("corrupt SER dimension unit length " + std::to_string(unitLength));
        dim["units"] = cursor.string(static_cast<std::size_t>(unitLength));
        seriesDims.push_back(dim);
    }

    // Offsets of the valid elements and their tags.
    auto readOffsets = [&](std::uint64_t at) {
        std::vector<std::uint64_t> offsets(valid);
        FileCursor c(f, at, Endian::Little);
        for (auto& o : offsets)
            o = wide ? c.value<std::uint64_t>() : c.value<std::uint32_t>();
        return offsets;
    };
    m_dataOffsets = readOffsets(offsetArray);
    const std::vector<std::uint64_t> tagOffsets = readOffsets(offsetArray + offsetBytes * total);

    // Element 0 header: calibration, pixel type and size shared by the series.
    const std::uint64_t e0 = m_dataOffsets[0];
    f.requireRange(e0, kElementHeaderBytes, "SER element 0 header");
    const auto calOffsetX = f.readValue<double>(e0, Endian::Little);
    const auto calDeltaX = f.readValue<double>(e0 + 8, Endian::Little);
    const auto calDeltaY = f.readValue<double>(e0 + 28, Endian::Little);
    m_serDataType = f.readValue<std::int16_t>(e0 + 40, Endian::Little);
    const auto width = f.readValue<std::int32_t>(e0 + 42, Endian::Little);
    const auto height = f.readValue<std::int32_t>(e0 + 46, Endian::Little);
    const auto stored = storedKind(m_serDataType);
    if (!stored)
        f.fail("unsupported TIA pixel DataType " + std::to_string(m_serDataType));
    if (width <= 0 || height <= 0)
        f.fail("absurd frame size " + std::to_string(width) + " x " + std::to_string(height) +
               " (corrupt file?)");
    const std::uint64_t frameBytes = raw::frameBytes(f, width, height, *stored);
    for (std::uint32_t k = 0; k < valid; ++k)
        if (!f.contains(m_dataOffsets[k], kElementHeaderBytes) ||
            !f.contains(m_dataOffsets[k] + kElementHeaderBytes, frameBytes))
            f.fail("frame " + std::to_string(k) + " (" + std::to_string(width) + " x " +
                   std::to_string(height) +
                   " px) lies beyond the end of the file "
                   "(truncated or corrupt?)");

    m_info.format = wide ? "SER (TIA, v0x220)" : "SER (TIA, v0x210)";
    m_info.path = path;
    m_info.width = width;
    m_info.height = height;
    m_info.frameCount = static_cast<int>(valid);
    m_info.pixelType = raw::deliveredType(*stored);
    if (const auto note = raw::conversionNote(*stored))
        m_info.notes.push_back(*note);
    if (valid < total)
        m_info.notes.push_back(std::to_string(valid) + " of " + std::to_string(total) +
                               " allocated frames were recorded; only those are read");

    nlohmann::json meta = nlohmann::json::object();
    meta["ser_file"] = m_file.path().filename().string();
    meta["ser_version"] = version;
    meta["series_dimensions"] = seriesDims;
    meta["calibration_offset_x"] = calOffsetX;
    meta["calibration_delta_x"] = calDeltaX;
    meta["calibration_delta_y"] = calDeltaY;
    if (const auto emi = emiFor(m_file.path())) {
        std::error_code ec;
        if (std::filesystem::is_regular_file(emi->first, ec)) {
            const nlohmann::json objects = readEmiMetadata(emi->first);
            if (!objects.empty()) {
                const auto index = static_cast<std::size_t>(std::max(1, emi->second) - 1);
                const nlohmann::json& chosen = index < objects.size() ? objects[index] : objects[0];
                for (const auto& [key, value] : chosen.items())
                    meta[key] = value;
                meta["emi_file"] = emi->first.filename().string();
            }
        }
    }

    // Pixel size: metres in real space, 1/m in diffraction (reciprocal) space. The EMI "Mode"
    // cannot tell them apart (STEM images are taken in "... Diffraction" lens mode), the
    // magnitude can: real-space pixels are far below 1 m, reciprocal ones far above 1 1/m.
    const bool reciprocal = calDeltaX >= 1.0;
    if (!(calDeltaX > 0) || !std::isfinite(calDeltaX)) {
        m_info.notes.push_back("no spatial calibration in the file");
    } else if (reciprocal) {
        m_info.notes.push_back("calibrated in 1/nm (" + formatNumber(calDeltaX * 1e-9) +
                               " 1/nm per px, reciprocal space, e.g. a diffraction pattern): "
                               "pixel size in nm left unknown");
    } else {
        m_info.calibration.nmPerPixel = calDeltaX * 1e9;
        if (calDeltaY > 0 && std::abs(calDeltaY - calDeltaX) > 1e-6 * calDeltaX)
            m_info.notes.push_back("pixels are not square (x " + formatNumber(calDeltaX * 1e9) +
                                   " nm, y " + formatNumber(calDeltaY * 1e9) +
                                   " nm): x pixel size used");
    }

    // Per-frame tag times (Unix seconds, 1 s resolution).
    if (tagTypeId == kTagTime || tagTypeId == kTagTimePosition) {
        std::vector<double> times;
        for (std::uint32_t k = 0; k < valid; ++k) {
            if (!f.contains(tagOffsets[k], 8) || tagOffsets[k] == 0)
                break;
            const auto type = f.readValue<std::uint16_t>(tagOffsets[k], Endian::Little);
            if (type != tagTypeId)
                break;
            times.push_back(f.readValue<std::uint32_t>(tagOffsets[k] + 4, Endian::Little));
        }
        if (!times.empty())
            meta["acquisition_time_unix_s"] = times.front();
        if (times.size() == valid && valid > 1) {
            const bool increasing =
                std::adjacent_find(times.begin(), times.end(),
                                   [](double a, double b) { return b <= a; }) == times.end();
            if (increasing) {
                for (const double t : times)
                    m_info.calibration.timestampsS.push_back(t - times.front());
            } else {
                m_info.notes.push_back("SER frame times have 1 s resolution and do not resolve "
                                       "the frames: frame interval unknown");
            }
            if (valid <= 100000)
                meta["tag_times_unix_s"] = times;
        }
    }
    m_info.metadata = std::move(meta);

    if (*stored == raw::Stored::Complex64 || *stored == raw::Stored::Complex128)
        (void)readFrame(0);
}

Frame SerReader::readFrame(int index)
{
    if (index < 0 || index >= m_info.frameCount)
        m_file.fail("frame " + std::to_string(index) + " out of range (0.." +
                    std::to_string(m_info.frameCount - 1) + ")");
    const std::uint64_t at = m_dataOffsets[static_cast<std::size_t>(index)];
    unsigned char header[kElementHeaderBytes];
    m_file.read(at, header, sizeof header);
    const auto type = decodeValue<std::int16_t>(header + 40, Endian::Little);
    const auto width = decodeValue<std::int32_t>(header + 42, Endian::Little);
    const auto height = decodeValue<std::int32_t>(header + 46, Endian::Little);
    if (type != m_serDataType || width != m_info.width || height != m_info.height)
        m_file.fail("frame " + std::to_string(index) +
                    " differs in size or pixel type from "
                    "frame 0 (corrupt file?)");
    const Frame stored =
        raw::readFrame(m_file, at + kElementHeaderBytes, width, height, *storedKind(type),
                       Endian::Little, "frame " + std::to_string(index));
    // TIA stores the bottom row first (v: the peer's .npy of 64x64_TEM_images_acquire is the
    // file's rows upside down); deliver the top row first like every other format.
    cv::Mat upright;
    cv::flip(stored.mat(), upright, 0);
    return Frame(std::move(upright), stored.type());
}

bool SerReader::matchesMagic(const std::vector<unsigned char>& head)
{
    return head.size() >= 4 && head[0] == 0x49 && head[1] == 0x49 && head[2] == 0x97 &&
           head[3] == 0x01;
}

std::unique_ptr<MovieReader> openSerReader(const std::filesystem::path& path)
{
    return std::make_unique<SerReader>(path);
}

} // namespace insitu
