#pragma once
// Mp4Writer: H.264 (libx264, yuv420p) in MP4 written with FFmpeg's own libraries.

#include <opencv2/core.hpp>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace insitu {

/// Encoder settings; the defaults are what `insitu render` and the workbench use.
struct Mp4WriterOptions
{
    /// libx264 preset ("ultrafast" … "placebo", x264's names), with mbtree (and the lookahead it
    /// needs) put back and CAVLC instead of CABAC by x264Params. On noisy 1024² TEM frames:
    /// the same PSNR as "superfast" + mbtree with CABAC (the entropy coder is lossless, only
    /// the file is 22 % larger) at 0.8× its CPU time, and about "veryfast"'s quality at 1.8× its
    /// speed (docs/performance.md, "Movie export").
    std::string preset = "superfast";
    int crf = 23;    ///< x264 constant rate factor (0 = lossless … 51; 23 = x264's default)
    int threads = 0; ///< encoder frame threads; 0 = the machine's cores
    /// Extra libx264 settings over the preset ("key=value:key=value"), empty for none.
    std::string x264Params = "mbtree=1:rc-lookahead=10:cabac=0";
};

/// x264's preset names, fastest first (what `--preset` accepts).
[[nodiscard]] const std::vector<std::string>& x264PresetNames();

/// The writer's settings for a preset chosen by the user: the defaults for the default preset,
/// otherwise x264's own preset without the extra parameters (they are tuned for "superfast").
/// Throws insitu::Error naming an unknown preset.
[[nodiscard]] Mp4WriterOptions mp4WriterOptionsForPreset(const std::string& preset);

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
