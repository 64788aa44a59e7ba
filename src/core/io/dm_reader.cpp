#include "insitu/io/dm_reader.h"

#include "dm_tags.h"
#include "raw_pixels.h"

#include "insitu/error.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <limits>
#include <optional>
#include <set>
#include <variant>

namespace insitu {

namespace {

/// One axis calibration of a DM image: physical(i) = (i - origin) × scale in units.
struct DmAxis
{
    double scale = 1.0;
    double origin = 0.0;
    std::string units;
};

/// The chosen image entry, or why an entry is not usable.
struct DmImage
{
    std::vector<std::uint64_t> dims; // x fastest
    int dataType = 0;
    raw::Stored stored = raw::Stored::UInt8;
    std::vector<DmAxis> axes; // one per dimension (defaults where missing)
    const dm::Tag* data = nullptr;
    const dm::Tag* entry = nullptr;
};

std::string lower(std::string s)
{
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

std::string trimmed(const std::string& s)
{
    const auto b = s.find_first_not_of(" \t\r\n");
    if (b == std::string::npos)
        return {};
    return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

/// The unit with a leading micro sign (U+00B5 or Greek mu) replaced by 'u'.
std::string withAsciiMicro(const std::string& unit)
{
    for (const std::string_view mu : {std::string_view("\xC2\xB5"), std::string_view("\xCE\xBC")})
        if (unit.size() >= mu.size() && unit.compare(0, mu.size(), mu) == 0) {
            std::string out(1, 'u');
            out.append(unit, mu.size(), std::string::npos);
            return out;
        }
    return unit;
}

/// Nanometres per DM length unit ("nm", "µm", "um", "A", "Å", "pm", "mm", "m"), or nullopt.
std::optional<double> nmPerDmUnit(const std::string& raw)
{
    std::string u = withAsciiMicro(trimmed(raw));
    if (u == "m")
        return 1e9;
    u = lower(u);
    if (u == "nm")
        return 1.0;
    if (u == "um" || u == "micron" || u == "microns")
        return 1e3;
    if (u == "a" || u == "\xC3\x85" || u == "\xE2\x84\xAB" || u == "angstrom")
        return 0.1;
    if (u == "pm")
        return 1e-3;
    if (u == "mm")
        return 1e6;
    return std::nullopt;
}

/// Seconds per DM time unit ("s", "ms", "µs", "us", "min"), or nullopt.
std::optional<double> secondsPerDmUnit(const std::string& raw)
{
    const std::string u = lower(withAsciiMicro(trimmed(raw)));
    if (u == "s" || u == "sec" || u == "secs" || u == "seconds")
        return 1.0;
    if (u == "ms")
        return 1e-3;
    if (u == "us")
        return 1e-6;
    if (u == "min")
        return 60.0;
    return std::nullopt;
}

bool isReciprocal(const std::string& units)
{
    const std::string u = trimmed(units);
    return u.rfind("1/", 0) == 0 || u.rfind("1 /", 0) == 0;
}

bool isEnergy(const std::string& units)
{
    const std::string u = lower(trimmed(units));
    return u == "ev" || u == "kev" || u == "mev";
}

std::string text(const dm::Tag* tag)
{
    return tag && tag->value.is_string() ? tag->value.get<std::string>() : std::string();
}

/// DM ImageData.DataType code to storage, or nullopt when unsupported.
std::optional<raw::Stored> storedKind(int dataType)
{
    switch (dataType) {
    case 1:
        return raw::Stored::Int16;
    case 2:
        return raw::Stored::Float32;
    case 3:
        return raw::Stored::Complex64;
    case 6:
        return raw::Stored::UInt8;
    case 7:
        return raw::Stored::Int32;
    case 8:
        return raw::Stored::Bgra8;
    case 9:
        return raw::Stored::Int8;
    case 10:
        return raw::Stored::UInt16;
    case 11:
        return raw::Stored::UInt32;
    case 12:
        return raw::Stored::Float64;
    case 13:
        return raw::Stored::Complex128;
    case 14:
        return raw::Stored::Bool8;
    case 23:
        return raw::Stored::Bgra8;
    default:
        return std::nullopt;
    }
}

/// Checks one ImageList entry; returns the image or throws an Error-worthy reason (string).
std::variant<DmImage, std::string> describe(const dm::Tag& entry)
{
    DmImage image;
    image.entry = &entry;
    const dm::Tag* imageData = entry.child("ImageData");
    if (!imageData)
        return std::string("image entry has no ImageData");
    const dm::Tag* dims = imageData->child("Dimensions");
    image.data = imageData->child("Data");
    const dm::Tag* dataType = imageData->child("DataType");
    if (!dims || !image.data || !dataType || image.data->isGroup)
        return std::string("image entry lacks Data, DataType or Dimensions");
    for (const auto& d : dims->children) {
        const double v = d.number(-1);
        if (!(v >= 1 && v <= std::numeric_limits<std::int32_t>::max()))
            return "absurd image dimension " + d.value.dump() + " (corrupt file?)";
        image.dims.push_back(static_cast<std::uint64_t>(v));
    }
    const std::size_t ndim = image.dims.size();
    if (ndim == 0)
        return std::string("image has no dimensions");

    const dm::Tag* dimCal = imageData->find("Calibrations/Dimension");
    for (std::size_t k = 0; k < ndim; ++k) {
        DmAxis axis;
        if (dimCal && k < dimCal->children.size()) {
            const auto& c = dimCal->children[k];
            axis.scale = c.child("Scale") ? c.child("Scale")->number(1.0) : 1.0;
            axis.origin = c.child("Origin") ? c.child("Origin")->number(0.0) : 0.0;
            axis.units = text(c.child("Units"));
        }
        image.axes.push_back(axis);
    }

    const dm::Tag* tags = entry.child("ImageTags");
    const std::string format = lower(text(tags ? tags->find("Meta Data/Format") : nullptr));
    const std::string signal = lower(text(tags ? tags->find("Meta Data/Signal") : nullptr));
    if (ndim == 1)
        return "not an image series: a 1-D spectrum or profile (" + std::to_string(image.dims[0]) +
               " channels)";
    if ((tags && tags->child("spim")) || format.find("spectrum image") != std::string::npos)
        return std::string("not an image series: a spectrum image (EELS/EDS spim)");
    if (format.find("spectrum") != std::string::npos)
        return "not an image series: a spectrum (" + std::to_string(image.dims[0]) + " channels)";
    if (signal == "eels" || signal == "eds" || signal == "x-ray" || signal == "cl" ||
        isEnergy(image.axes[0].units))
        return "not an image series: a spectrum (" + image.axes[0].units + " axis)";
    if (ndim >= 4)
        return "not an image series: " + std::to_string(ndim) + "-D data (e.g. 4D-STEM)";
    if (image.dims[1] == 1)
        return "not an image series: a single-row spectrum or profile (" +
               std::to_string(image.dims[0]) + " x 1)";
    if (ndim == 3 && isEnergy(image.axes[2].units))
        return std::string("not an image series: a spectrum image (energy axis)");

    image.dataType = static_cast<int>(dataType->number(-1));
    if (image.dataType == 5 || image.dataType == 27 || image.dataType == 28)
        return "packed complex FFT data (DataType " + std::to_string(image.dataType) +
               ") is not an image series";
    const auto stored = storedKind(image.dataType);
    if (!stored)
        return "unsupported DM pixel DataType " + std::to_string(image.dataType);
    image.stored = *stored;
    return image;
}

/// ImageTags entry by path, also looked up under "source/Tags at creation" where DM's
/// StackBuilder keeps the tags of the images a stack was built from.
const dm::Tag* findTag(const dm::Tag* tags, std::string_view path)
{
    if (!tags)
        return nullptr;
    if (const dm::Tag* t = tags->find(path))
        return t;
    const dm::Tag* source = tags->find("source/Tags at creation");
    return source ? source->find(path) : nullptr;
}

std::optional<double> numberAt(const dm::Tag* tags, std::string_view path)
{
    const dm::Tag* t = findTag(tags, path);
    if (t && t->value.is_number())
        return t->value.get<double>();
    return std::nullopt;
}

/// Acquisition summary (microscope, voltage, magnification, exposure, date) + the tag tree.
nlohmann::json buildMetadata(const dm::TagFile& tagFile, const DmImage& image)
{
    nlohmann::json meta = nlohmann::json::object();
    meta["dm_version"] = tagFile.version;
    meta["image_name"] = text(image.entry->child("Name"));
    meta["dm_data_type"] = image.dataType;
    const dm::Tag* tags = image.entry->child("ImageTags");
    if (const auto v = numberAt(tags, "Microscope Info/Voltage"))
        meta["voltage_kV"] = *v / 1000.0;
    for (const char* key :
         {"Microscope Info/Indicated Magnification", "Microscope Info/Actual Magnification"})
        if (const auto v = numberAt(tags, key); v && !meta.contains("magnification"))
            meta["magnification"] = *v;
    for (const char* key : {"Microscope Info/Microscope", "Microscope Info/Name"})
        if (const auto s = text(findTag(tags, key)); !s.empty() && !meta.contains("microscope"))
            meta["microscope"] = s;
    if (const auto s = text(findTag(tags, "Microscope Info/Operation Mode")); !s.empty())
        meta["mode"] = s;
    for (const char* key :
         {"DataBar/Exposure Time (s)", "Acquisition/Parameters/High Level/Exposure (s)"})
        if (const auto v = numberAt(tags, key); v && !meta.contains("exposure_s"))
            meta["exposure_s"] = *v;
    if (const auto v = numberAt(tags, "Microscope Info/STEM Camera Length"))
        meta["camera_length_mm"] = *v;
    if (const auto s = text(findTag(tags, "DataBar/Acquisition Date")); !s.empty())
        meta["acquisition_date"] = s;
    if (const auto s = text(findTag(tags, "DataBar/Acquisition Time")); !s.empty())
        meta["acquisition_time"] = s;
    nlohmann::json axes = nlohmann::json::array();
    for (const auto& a : image.axes)
        axes.push_back({{"scale", a.scale}, {"origin_px", a.origin}, {"units", a.units}});
    meta["axes"] = axes;
    meta["tags"] = tags ? dm::toJson(*tags) : nlohmann::json::object();
    return meta;
}

std::string formatNumber(double v)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.6g", v);
    return buf;
}

} // namespace

DmReader::DmReader(const std::filesystem::path& path) : m_file(path)
{
    const dm::TagFile tagFile = dm::parseTagFile(m_file);
    m_stack.order = tagFile.dataOrder;
    const dm::Tag* list = tagFile.root.child("ImageList");
    if (!list || !list->isGroup || list->children.empty())
        m_file.fail("no ImageList in this DM file (not a DigitalMicrograph image?)");

    std::set<std::size_t> thumbnails;
    if (const dm::Tag* thumbs = tagFile.root.child("Thumbnails")) {
        for (const auto& t : thumbs->children)
            if (const dm::Tag* idx = t.child("ImageIndex"))
                thumbnails.insert(static_cast<std::size_t>(std::max(0.0, idx->number(0))));
    } else if (list->children.size() > 1) {
        thumbnails.insert(0); // GMS convention: entry 0 is the RGBA thumbnail
    }

    std::optional<DmImage> chosen;
    std::string firstProblem;
    for (std::size_t i = 0; i < list->children.size() && !chosen; ++i) {
        if (thumbnails.count(i) && list->children.size() > 1)
            continue;
        auto result = describe(list->children[i]);
        if (auto* image = std::get_if<DmImage>(&result))
            chosen = *image;
        else if (firstProblem.empty())
            firstProblem = std::get<std::string>(result);
    }
    if (!chosen)
        m_file.fail(firstProblem.empty() ? "no image in this DM file" : firstProblem);
    const DmImage& image = *chosen;

    const auto width = image.dims[0];
    const auto height = image.dims[1];
    const auto frames = image.dims.size() > 2 ? image.dims[2] : 1;
    m_stack.storedKind = static_cast<int>(image.stored);
    m_stack.frameBytes =
        raw::frameBytes(m_file, static_cast<int>(width), static_cast<int>(height), image.stored);
    if (frames > image.data->payloadBytes / m_stack.frameBytes)
        m_file.fail("image data (" + std::to_string(image.data->payloadBytes) +
                    " bytes) is shorter than its dimensions " + std::to_string(width) + " x " +
                    std::to_string(height) + " x " + std::to_string(frames) +
                    " need (corrupt file?)");
    m_stack.firstOffset = image.data->payloadOffset;

    m_info.format = tagFile.version == 4 ? "DM4" : "DM3";
    m_info.path = path;
    m_info.width = static_cast<int>(width);
    m_info.height = static_cast<int>(height);
    m_info.frameCount = static_cast<int>(frames);
    m_info.pixelType = raw::deliveredType(image.stored);
    if (const auto note = raw::conversionNote(image.stored))
        m_info.notes.push_back(*note);

    const DmAxis& ax = image.axes[0];
    const DmAxis& ay = image.axes[1];
    if (isReciprocal(ax.units)) {
        m_info.notes.push_back("calibrated in " + ax.units +
                               " (reciprocal space, e.g. a diffraction pattern): pixel size "
                               "in nm left unknown");
    } else if (const auto f = nmPerDmUnit(ax.units); f && ax.scale > 0 && std::isfinite(ax.scale)) {
        m_info.calibration.nmPerPixel = ax.scale * *f;
        const auto fy = nmPerDmUnit(ay.units);
        if (fy) {
            const double nmY = ay.scale * *fy;
            if (std::abs(nmY - ax.scale * *f) > 1e-6 * ax.scale * *f)
                m_info.notes.push_back("pixels are not square (x " + formatNumber(ax.scale * *f) +
                                       " nm, y " + formatNumber(nmY) + " nm): x pixel size used");
        }
    }
    if (image.axes.size() > 2) {
        const DmAxis& az = image.axes[2];
        if (const auto s = secondsPerDmUnit(az.units); s && az.scale > 0 && std::isfinite(az.scale))
            m_info.calibration.frameIntervalS = az.scale * *s;
    }
    m_info.metadata = buildMetadata(tagFile, image);

    // Complex data is accepted only when trivially real: check frame 0 now, others on read.
    if (image.stored == raw::Stored::Complex64 || image.stored == raw::Stored::Complex128)
        (void)readFrame(0);
}

Frame DmReader::readFrame(int index)
{
    return raw::readStackFrame(m_file, m_stack, m_info.width, m_info.height, m_info.frameCount,
                               index);
}

bool DmReader::matchesMagic(const std::vector<unsigned char>& head)
{
    return dm::looksLikeDm(head);
}

std::unique_ptr<MovieReader> openDmReader(const std::filesystem::path& path)
{
    return std::make_unique<DmReader>(path);
}

} // namespace insitu
