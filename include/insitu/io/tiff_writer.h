#pragma once
// TiffStackWriter: streams frames into an ImageJ-compatible TIFF stack (formats.md §6).

#include "insitu/frame.h"

#include <opencv2/core.hpp>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace insitu {

/// What the stack will hold; frameCount must be known up front (it goes into the ImageJ header).
struct TiffStackOptions
{
    int width = 0;                           ///< columns (x), > 0
    int height = 0;                          ///< rows (y), > 0
    int frameCount = 0;                      ///< frames that will be appended, > 0
    PixelType pixelType = PixelType::UInt16; ///< UInt16 or Float32
    std::optional<double> nmPerPixel =
        std::nullopt; ///< written as XResolution = px per nm, unit=nm
    std::optional<double> frameIntervalS = std::nullopt; ///< written as finterval= (seconds)
    /// A single image whose y axis is time (a kymograph): YResolution = rows per s and yunit=s
    /// (x stays nm, or px when nmPerPixel is unknown), so Fiji reads y in seconds.
    std::optional<double> secondsPerRow = std::nullopt;
    /// BigTIFF is chosen automatically when the pixel data exceed this many bytes (default 4 GiB
    /// minus room for the directories); tests may lower it to exercise the BigTIFF path.
    std::uint64_t bigTiffThresholdBytes = (std::uint64_t{4} << 30) - (std::uint64_t{64} << 20);
};

/// Writes a little-endian, uncompressed, one-strip-per-frame TIFF stack frame by frame, with an
/// ImageJ description (images=, frames=, unit=nm, yunit=s, finterval=, spacing=) in the first
/// directory. The file is written under a temporary name and renamed on finish(), so readers never
/// see a half-written stack; a writer destroyed before finish() removes its temporary file.
class TiffStackWriter
{
public:
    /// Opens `<path>.part` for writing. Throws insitu::Error for bad options or an unwritable path.
    TiffStackWriter(std::filesystem::path path, const TiffStackOptions& options);
    ~TiffStackWriter();
    TiffStackWriter(const TiffStackWriter&) = delete;
    TiffStackWriter& operator=(const TiffStackWriter&) = delete;

    /// Appends one frame (single channel, width × height, CV_16U for UInt16 or CV_32F for Float32).
    void appendFrame(const cv::Mat& frame);
    /// Closes the file and renames it to its final name; throws if fewer frames were appended.
    void finish();

    [[nodiscard]] int framesWritten() const { return m_written; }
    [[nodiscard]] bool isBigTiff() const { return m_bigTiff; }
    [[nodiscard]] const std::filesystem::path& path() const { return m_path; }

private:
    struct Handle;
    std::filesystem::path m_path;
    std::filesystem::path m_tempPath;
    TiffStackOptions m_options;
    std::unique_ptr<Handle> m_handle;
    int m_written = 0;
    bool m_bigTiff = false;
};

/// The ImageJ ImageDescription text written by TiffStackWriter (exposed for tests and readers).
[[nodiscard]] std::string imageJDescription(const TiffStackOptions& options);

/// Writes a whole in-memory stack (convenience for tests and small results).
void writeTiffStack(const std::filesystem::path& path, const std::vector<cv::Mat>& frames,
                    const TiffStackOptions& options);

} // namespace insitu
