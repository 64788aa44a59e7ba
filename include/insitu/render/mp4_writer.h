#pragma once
// Mp4Writer: H.264 (libx264, yuv420p) in MP4 written with FFmpeg's own libraries.

#include <opencv2/core.hpp>

#include <filesystem>
#include <memory>
#include <string>

namespace insitu {

/// Encoder settings; the defaults are what `insitu render` and the workbench use.
struct Mp4WriterOptions
{
    /// libx264 preset, with mbtree (and the lookahead it needs) put back by x264Params: on
    /// noisy 1024² TEM frames about "veryfast"'s file size (+6 %) and quality (+0.3 dB PSNR) at
    /// 1.5× its speed and 4.4× the speed of x264's default "medium" (docs/performance.md,
    /// "Movie export"). Plain "superfast" (no mbtree) is 10 % faster but makes files up to 4×
    /// larger on quiet movies.
    std::string preset = "superfast";
    int crf = 23;    ///< x264 constant rate factor (0 = lossless … 51; 23 = x264's default)
    int threads = 0; ///< encoder frame threads; 0 = the machine's cores
    /// Extra libx264 settings over the preset ("key=value:key=value"), empty for none.
    std::string x264Params = "mbtree=1:rc-lookahead=10";
};

/// Writes 8-bit frames (grey CV_8UC1 or BGR CV_8UC3) of one size to an MP4 file with the moov
/// atom at the front (faststart). Odd sizes are padded to even ones by repeating the last
/// column / row (a black strip would ring into the picture's edge). Grey frames go straight into
/// the Y plane (U = V = 128, no colour conversion); BGR frames are converted with swscale (BT.601,
/// limited range — what players expect). Frame k has presentation time k / fps. Every failure
/// throws insitu::Error naming the file.
class Mp4Writer
{
public:
    Mp4Writer(const std::filesystem::path& path, cv::Size frameSize, double fps,
              const Mp4WriterOptions& options = {});
    ~Mp4Writer();
    Mp4Writer(const Mp4Writer&) = delete;
    Mp4Writer& operator=(const Mp4Writer&) = delete;

    /// Encodes one frame (CV_8UC1 or CV_8UC3 of frameSize).
    void write(const cv::Mat& image);
    /// Flushes the encoder and closes the file; throws insitu::Error on failure.
    void finish();

    [[nodiscard]] cv::Size encodedSize() const; ///< frameSize rounded up to even
    [[nodiscard]] int framesWritten() const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace insitu
