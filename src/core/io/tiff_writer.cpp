#include "insitu/io/tiff_writer.h"

#include "insitu/error.h"

#include <tiffio.h>

#include <cstdio>
#include <sstream>
#include <system_error>

namespace insitu {

struct TiffStackWriter::Handle
{
    TIFF* tiff = nullptr;
    ~Handle()
    {
        if (tiff)
            TIFFClose(tiff);
    }
};

namespace {

std::string formatNumber(double value)
{
    std::ostringstream out;
    out.imbue(std::locale::classic());
    out.precision(10);
    out << value;
    return out.str();
}

int expectedCvDepth(PixelType type)
{
    return type == PixelType::Float32 ? CV_32F : CV_16U;
}

} // namespace

std::string imageJDescription(const TiffStackOptions& options)
{
    // Keys and order follow ij/io/FileSaver.getDescriptionString; ImageJ ignores unknown keys.
    std::string text = "ImageJ=1.54f\n";
    text += "images=" + std::to_string(options.frameCount) + "\n";
    if (options.frameCount > 1)
        text += "frames=" + std::to_string(options.frameCount) + "\n";
    if (options.nmPerPixel) {
        text += "unit=nm\n";
        text += "spacing=" + formatNumber(*options.nmPerPixel) + "\n";
    } else if (options.secondsPerRow) {
        text += "unit=px\n";
    }
    if (options.secondsPerRow)
        text += "yunit=s\n";
    if (options.frameIntervalS)
        text += "finterval=" + formatNumber(*options.frameIntervalS) + "\n";
    text += "loop=false\n";
    return text;
}

TiffStackWriter::TiffStackWriter(std::filesystem::path path, const TiffStackOptions& options)
    : m_path(std::move(path)), m_options(options), m_handle(std::make_unique<Handle>())
{
    const std::string name = m_path.string();
    if (options.width <= 0 || options.height <= 0 || options.frameCount <= 0)
        throw Error(name + ": TIFF stack needs positive width, height and frame count");
    if (options.pixelType != PixelType::UInt16 && options.pixelType != PixelType::Float32)
        throw Error(name + ": the TIFF writer writes uint16 or float32 frames only");
    if (options.nmPerPixel && !(*options.nmPerPixel > 0))
        throw Error(name + ": pixel size must be positive");
    if (options.frameIntervalS && !(*options.frameIntervalS > 0))
        throw Error(name + ": frame interval must be positive");
    if (options.secondsPerRow && (!(*options.secondsPerRow > 0) || options.frameCount != 1))
        throw Error(name + ": a time axis along y needs one image and a positive row interval");

    const std::uint64_t dataBytes = std::uint64_t(options.width) * std::uint64_t(options.height) *
                                    bytesPerPixel(options.pixelType) *
                                    std::uint64_t(options.frameCount);
    m_bigTiff = dataBytes > options.bigTiffThresholdBytes;

    m_tempPath = m_path;
    m_tempPath += ".part";
    // "l": little-endian; "8": BigTIFF.
    m_handle->tiff = TIFFOpen(m_tempPath.c_str(), m_bigTiff ? "w8l" : "wl");
    if (!m_handle->tiff)
        throw Error(name + ": cannot create the file (is the folder writable?)");
}

TiffStackWriter::~TiffStackWriter()
{
    if (m_handle && m_handle->tiff) {
        TIFFClose(m_handle->tiff);
        m_handle->tiff = nullptr;
        std::error_code ignored;
        std::filesystem::remove(m_tempPath, ignored);
    }
}

void TiffStackWriter::appendFrame(const cv::Mat& frame)
{
    const std::string name = m_path.string();
    TIFF* tiff = m_handle->tiff;
    if (!tiff)
        throw Error(name + ": the TIFF stack is already finished");
    if (m_written >= m_options.frameCount)
        throw Error(name + ": more frames appended than the " +
                    std::to_string(m_options.frameCount) + " announced");
    if (frame.channels() != 1 || frame.depth() != expectedCvDepth(m_options.pixelType) ||
        frame.cols != m_options.width || frame.rows != m_options.height)
        throw Error(name + ": frame " + std::to_string(m_written) + " has the wrong size or type");

    const bool isFloat = m_options.pixelType == PixelType::Float32;
    TIFFSetField(tiff, TIFFTAG_SUBFILETYPE, 0);
    TIFFSetField(tiff, TIFFTAG_IMAGEWIDTH, static_cast<uint32_t>(m_options.width));
    TIFFSetField(tiff, TIFFTAG_IMAGELENGTH, static_cast<uint32_t>(m_options.height));
    TIFFSetField(tiff, TIFFTAG_BITSPERSAMPLE, isFloat ? 32 : 16);
    TIFFSetField(tiff, TIFFTAG_SAMPLESPERPIXEL, 1);
    TIFFSetField(tiff, TIFFTAG_SAMPLEFORMAT, isFloat ? SAMPLEFORMAT_IEEEFP : SAMPLEFORMAT_UINT);
    TIFFSetField(tiff, TIFFTAG_PHOTOMETRIC, PHOTOMETRIC_MINISBLACK);
    TIFFSetField(tiff, TIFFTAG_PLANARCONFIG, PLANARCONFIG_CONTIG);
    TIFFSetField(tiff, TIFFTAG_COMPRESSION, COMPRESSION_NONE);
    TIFFSetField(tiff, TIFFTAG_ROWSPERSTRIP, static_cast<uint32_t>(m_options.height));
    if (m_written == 0) {
        const std::string description = imageJDescription(m_options);
        TIFFSetField(tiff, TIFFTAG_IMAGEDESCRIPTION, description.c_str());
    }
    if (m_options.nmPerPixel || m_options.secondsPerRow) {
        // ImageJ: X/YResolution are pixels per unit (unit=, yunit=); ResolutionUnit none.
        const double xPerUnit = m_options.nmPerPixel ? 1.0 / *m_options.nmPerPixel : 1.0;
        const double yPerUnit = m_options.secondsPerRow ? 1.0 / *m_options.secondsPerRow : xPerUnit;
        TIFFSetField(tiff, TIFFTAG_XRESOLUTION, static_cast<float>(xPerUnit));
        TIFFSetField(tiff, TIFFTAG_YRESOLUTION, static_cast<float>(yPerUnit));
        TIFFSetField(tiff, TIFFTAG_RESOLUTIONUNIT, RESUNIT_NONE);
    }

    const cv::Mat contiguous = frame.isContinuous() ? frame : frame.clone();
    const tmsize_t bytes = static_cast<tmsize_t>(contiguous.total() * contiguous.elemSize());
    if (TIFFWriteEncodedStrip(tiff, 0, const_cast<uchar*>(contiguous.ptr()), bytes) != bytes ||
        !TIFFWriteDirectory(tiff))
        throw Error(name + ": write failed at frame " + std::to_string(m_written) +
                    " (disk full?)");
    ++m_written;
}

void TiffStackWriter::finish()
{
    const std::string name = m_path.string();
    if (!m_handle->tiff)
        throw Error(name + ": the TIFF stack is already finished");
    if (m_written != m_options.frameCount)
        throw Error(name + ": only " + std::to_string(m_written) + " of " +
                    std::to_string(m_options.frameCount) + " frames were written");
    TIFFClose(m_handle->tiff);
    m_handle->tiff = nullptr;
    std::error_code error;
    std::filesystem::rename(m_tempPath, m_path, error);
    if (error) {
        std::filesystem::remove(m_tempPath, error);
        throw Error(name + ": cannot rename the finished stack into place");
    }
}

void writeTiffStack(const std::filesystem::path& path, const std::vector<cv::Mat>& frames,
                    const TiffStackOptions& options)
{
    TiffStackOptions resolved = options;
    resolved.frameCount = static_cast<int>(frames.size());
    if (!frames.empty() && resolved.width == 0) {
        resolved.width = frames.front().cols;
        resolved.height = frames.front().rows;
    }
    TiffStackWriter writer(path, resolved);
    for (const auto& frame : frames)
        writer.appendFrame(frame);
    writer.finish();
}

} // namespace insitu
