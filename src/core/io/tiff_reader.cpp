// TiffReader: opens a TIFF (header, IFD chain, layout of page 0, metadata) and reads frames;
// the parts live in tiff_pages.cpp, tiff_plane_mapping.cpp and tiff_truncation.cpp.

#include "tiff_reader_impl.h"

#include "insitu/io/length_unit.h"

#include <fcntl.h>

#include <cmath>

namespace insitu {

using namespace tiff_detail;

bool isTiffMagic(const std::vector<unsigned char>& head)
{
    if (head.size() < 4)
        return false;
    const bool ii =
        head[0] == 'I' && head[1] == 'I' && head[3] == 0 && (head[2] == 42 || head[2] == 43);
    const bool mm =
        head[0] == 'M' && head[1] == 'M' && head[2] == 0 && (head[3] == 42 || head[3] == 43);
    return ii || mm;
}

namespace {

PixelType pixelTypeOf(const std::string& name, std::uint16_t bits, std::uint16_t format)
{
    const auto refuse = [&](const std::string& what) -> PixelType {
        throw Error(name + ": " + what + " pixels are not supported");
    };
    if (format == SAMPLEFORMAT_COMPLEXINT || format == SAMPLEFORMAT_COMPLEXIEEEFP)
        return refuse("complex");
    const bool isSigned = format == SAMPLEFORMAT_INT;
    if (format == SAMPLEFORMAT_IEEEFP) {
        if (bits == 32)
            return PixelType::Float32;
        if (bits == 64)
            return PixelType::Float64;
        return refuse(std::to_string(bits) + "-bit floating-point");
    }
    switch (bits) {
    case 8:
        return isSigned ? PixelType::Int8 : PixelType::UInt8;
    case 16:
        return isSigned ? PixelType::Int16 : PixelType::UInt16;
    case 32:
        return isSigned ? PixelType::Int32 : PixelType::UInt32;
    default:
        return refuse(std::to_string(bits) + "-bit integer");
    }
}

} // namespace

TiffReader::TiffReader(const std::filesystem::path& path) : m_impl(std::make_unique<Impl>())
{
    Impl& d = *m_impl;
    d.name = path.string();
    m_info.path = path;
    d.fd = ::open(d.name.c_str(), O_RDONLY | O_CLOEXEC);
    if (d.fd < 0)
        d.fail("cannot open the file (does it exist and is it readable?)");
    const off_t end = ::lseek(d.fd, 0, SEEK_END);
    d.fileSize = end > 0 ? static_cast<std::uint64_t>(end) : 0;
    d.readHeader();
    d.walkIfdChain();
    const auto entries = d.readEntries(d.ifdOffsets.front());
    d.openLibtiff();

    // Layout of page 0.
    d.width = d.field<std::uint32_t>(TIFFTAG_IMAGEWIDTH, 0);
    d.height = d.field<std::uint32_t>(TIFFTAG_IMAGELENGTH, 0);
    d.samples = d.field<std::uint16_t>(TIFFTAG_SAMPLESPERPIXEL, 1);
    d.bits = d.field<std::uint16_t>(TIFFTAG_BITSPERSAMPLE, 1);
    d.sampleFormat = d.field<std::uint16_t>(TIFFTAG_SAMPLEFORMAT, SAMPLEFORMAT_UINT);
    d.photometric = d.field<std::uint16_t>(TIFFTAG_PHOTOMETRIC, PHOTOMETRIC_MINISBLACK);
    if (d.width == 0 || d.height == 0 || d.width > 1'000'000 || d.height > 1'000'000)
        d.fail("absurd image size " + std::to_string(d.width) + " x " + std::to_string(d.height));
    if (d.samples == 0 || d.samples > 16)
        d.fail("absurd number of samples per pixel (" + std::to_string(d.samples) + ")");
    d.type = pixelTypeOf(d.name, d.bits, d.sampleFormat);
    d.planeBytes = std::uint64_t(d.width) * d.height * d.samples * (d.bits / 8);
    if (d.planeBytes > kMaxFrameBytes)
        d.fail("absurd frame size (" + std::to_string(d.planeBytes) + " bytes)");

    m_info.width = static_cast<int>(d.width);
    m_info.height = static_cast<int>(d.height);
    m_info.pixelType = d.type;
    if (d.samples > 1) {
        if (d.photometric == PHOTOMETRIC_RGB && d.samples >= 3)
            m_info.notes.push_back("RGB converted to grey (luma 0.299 R + 0.587 G + 0.114 B)");
        else
            m_info.notes.push_back("first of " + std::to_string(d.samples) +
                                   " samples per pixel used");
    }
    if (d.photometric == PHOTOMETRIC_PALETTE)
        m_info.notes.push_back("palette image: colour-map indices shown as grey values");

    const std::string description = Impl::text(entries, TIFFTAG_IMAGEDESCRIPTION);
    if (const auto it = entries.find(TIFFTAG_IMAGEDESCRIPTION);
        it != entries.end() && it->second.count > 0 && it->second.bytes.empty() &&
        it->second.count <= (1u << 20))
        m_info.notes.push_back("truncated file: the image description (ImageJ or OME metadata) "
                               "lies beyond its end, so the pages are read as plain frames");
    const auto imagej = parseImageJDescription(description);
    const auto ome = imagej ? std::nullopt : parseOmeXml(description, path.filename().string());
    const bool dm = entries.count(65009) > 0 || entries.count(65010) > 0;
    const auto pages = static_cast<std::int64_t>(d.ifdOffsets.size());
    std::optional<int> announcedFrames; // frames the ImageJ or OME header promises

    nlohmann::json tiff = {
        {"byte_order", d.bigEndian ? "big-endian" : "little-endian"},
        {"bigtiff", d.bigTiff},
        {"pages", pages},
        {"bits_per_sample", d.bits},
        {"samples_per_pixel", d.samples},
        {"compression", d.field<std::uint16_t>(TIFFTAG_COMPRESSION, COMPRESSION_NONE)},
        {"tiled", TIFFIsTiled(d.tif) != 0},
    };
    if (const auto software = Impl::text(entries, TIFFTAG_SOFTWARE); !software.empty())
        tiff["software"] = latin1ToUtf8IfNeeded(software);
    if (const auto date = Impl::text(entries, TIFFTAG_DATETIME); !date.empty())
        tiff["datetime"] = latin1ToUtf8IfNeeded(date);

    std::string kind = "TIFF";
    Calibration& cal = m_info.calibration;

    // Frame mapping.
    if (imagej) {
        kind = "TIFF (ImageJ)";
        d.mapImageJFrames(*imagej, entries, m_info, announcedFrames);
    } else if (ome) {
        kind = "OME-TIFF";
        d.mapOmeFrames(*ome, m_info, announcedFrames);
    } else {
        for (std::int64_t k = 0; k < pages; ++k)
            d.frameIfd.push_back(k);
        if (!description.empty())
            tiff["description"] = latin1ToUtf8IfNeeded(description.substr(0, 4000));
    }

    // Gatan DigitalMicrograph export: private tags carry scales and units (XResolution is 72 dpi).
    if (dm) {
        kind = "TIFF (DigitalMicrograph)";
        const auto xScale = d.number(entries, 65009);
        const auto yScale = d.number(entries, 65010);
        std::string xUnit = latin1ToUtf8IfNeeded(Impl::text(entries, 65003));
        const std::string yUnit = latin1ToUtf8IfNeeded(Impl::text(entries, 65004));
        if (xUnit.empty())
            xUnit = yUnit;
        const std::string zUnit = latin1ToUtf8IfNeeded(Impl::text(entries, 65005));
        const auto zScale = d.number(entries, 65011);
        const auto perUnit = nmPerLengthUnit(xUnit);
        cal.nmPerPixel.reset();
        if (xScale && perUnit && *xScale > 0) {
            cal.nmPerPixel = *xScale * *perUnit;
            if (yScale && std::abs(*yScale - *xScale) > 1e-6 * std::abs(*xScale)) {
                const auto yPerUnit = nmPerLengthUnit(yUnit.empty() ? xUnit : yUnit);
                m_info.notes.push_back("non-square pixels: x " + std::to_string(*cal.nmPerPixel) +
                                       " nm, y " +
                                       std::to_string(*yScale * yPerUnit.value_or(*perUnit)) +
                                       " nm; the x size is used");
            }
        }
        if (zScale && *zScale > 0 && d.frameIfd.size() > 1)
            if (const auto s = secondsPerTimeUnit(zUnit))
                cal.frameIntervalS = *zScale * *s;
        m_info.metadata["dm"] = {{"x_scale", xScale.value_or(1.0)},
                                 {"y_scale", yScale.value_or(1.0)},
                                 {"z_scale", zScale.value_or(1.0)},
                                 {"x_unit", xUnit},
                                 {"y_unit", yUnit},
                                 {"z_unit", zUnit}};
    } else if (!imagej && !ome) {
        // Plain TIFF: XResolution means something only with a metric ResolutionUnit.
        const auto unit = d.number(entries, TIFFTAG_RESOLUTIONUNIT);
        const auto xres = d.number(entries, TIFFTAG_XRESOLUTION);
        if (unit && *unit == RESUNIT_CENTIMETER && xres && *xres > 0)
            cal.nmPerPixel = 1e7 / *xres;
    }

    d.cutToIntactFrames(m_info, announcedFrames);
    d.fastOffset.assign(static_cast<std::size_t>(m_info.frameCount), -2);
    m_info.format = d.bigTiff ? "Big" + kind : kind;
    m_info.metadata["tiff"] = tiff;
}

TiffReader::~TiffReader() = default;

Frame TiffReader::readFrame(int index)
{
    Impl& d = *m_impl;
    if (index < 0 || index >= m_info.frameCount)
        d.fail("frame " + std::to_string(index) + " out of range (0.." +
               std::to_string(m_info.frameCount - 1) + ")");
    cv::Mat raw = d.rawPlane();
    const auto k = static_cast<std::size_t>(index);
    if (d.contiguous) {
        d.readAt(d.contiguousBase + std::uint64_t(d.framePlane[k]) * d.planeBytes, raw.data,
                 d.planeBytes);
        d.swapIfNeeded(raw);
        return d.finish(raw);
    }
    const std::int64_t ifd = d.frameIfd[k];
    if (ifd < 0)
        d.fail("frame " + std::to_string(index) + " is not stored in this file");
    if (d.fastOffset[k] == -2) {
        d.selectIfd(ifd);
        d.checkCurrentLayout(ifd);
        d.fastOffset[k] = d.contiguousOffset();
    }
    if (d.fastOffset[k] >= 0) {
        d.readAt(static_cast<std::uint64_t>(d.fastOffset[k]), raw.data, d.planeBytes);
        d.swapIfNeeded(raw);
    } else {
        d.selectIfd(ifd);
        d.decodeCurrent(raw.data, ifd);
    }
    return d.finish(raw);
}

} // namespace insitu
