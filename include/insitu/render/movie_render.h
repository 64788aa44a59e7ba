#pragma once
// renderMovie: an annotated movie (MP4, AVI, GIF) drawn with OpenCV, streamed frame by frame.

#include "insitu/calibration.h"
#include "insitu/progress.h"
#include "insitu/render/mp4_writer.h"
#include "insitu/roi/roi.h"

#include <opencv2/core.hpp>

#include <array>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace insitu {

class Movie;
struct DriftResult;

/// One shape drawn on a frame, in frame-0 pixel coordinates (pixel centres at integers), or in
/// the image coordinates of one movie frame (`imageOfFrame`, e.g. an outline found on frame k).
/// One point is drawn as a cross marker, several as a polyline (closed when `closed`).
struct OverlayShape
{
    std::vector<PointPx> points;
    std::optional<int> imageOfFrame; ///< none: frame-0 coordinates; k: frame k's image coordinates
    bool closed = false;
    std::array<std::uint8_t, 3> rgb{230, 159, 0};
    double thicknessPx = 2.0; ///< line thickness in output pixels
    std::string label;        ///< drawn beside the first point when not empty
};

/// The shapes to draw on movie frame `frame` (ROIs, front markers, outlines, particles, …).
using OverlayProvider = std::function<std::vector<OverlayShape>(int frame)>;
/// An 8-bit BGR image of `size` drawn beside movie frame `frame` (e.g. an L(t) plot with a
/// cursor), or an empty Mat for none. Called from the rendering thread.
using SidePanelProvider = std::function<cv::Mat(int frame, cv::Size size)>;

/// shapes moved to where they are drawn on movie frame `frame`: a point p of frame-0 coordinates
/// at p + d(frame) on raw frames (d = drift, zero without one) and at p on drift-corrected ones;
/// a point of frame r's image at p − d(r) + d(frame), or p − d(r) when corrected. The shapes
/// returned are in output image coordinates (imageOfFrame unset).
[[nodiscard]] std::vector<OverlayShape> placeOverlays(std::vector<OverlayShape> shapes, int frame,
                                                      const DriftResult* drift,
                                                      bool driftCorrected);

/// Container and codec of the output, from the file's extension.
enum class RenderFormat {
    Mp4, ///< H.264 (libx264, yuv420p; Mp4Writer) via FFmpeg's libraries, even frame sizes
    Avi, ///< PNG per frame ("png "), which Fiji's AVI reader opens; never MJPG
    Gif  ///< animated GIF (giflib), 256-colour palette (grey ramp + overlay colours)
};

/// .mp4 → Mp4, .avi → Avi, .gif → Gif; other extensions throw insitu::Error.
[[nodiscard]] RenderFormat renderFormatFromPath(const std::filesystem::path& path);

/// What to render and how.
struct RenderOptions
{
    int firstFrame = 0;
    std::optional<int> lastFrame;     ///< inclusive; none = the last frame of the movie
    int stride = 1;                   ///< every stride-th frame
    double fps = 10.0;                ///< output frame rate (frames/s)
    bool driftCorrected = false;      ///< shift frames by −drift (needs a drift result)
    std::optional<double> contrastLo; ///< grey value shown black; none = automatic
    std::optional<double> contrastHi; ///< grey value shown white; none = automatic
    double autoLowPercentile = 0.5;   ///< automatic contrast: percentiles of the first frame
    double autoHighPercentile = 99.5;
    bool scaleBar = false;    ///< needs a pixel size (throws insitu::Error without one)
    bool timestamp = false;   ///< "t = mm:ss.s" and "×N real time" (needs frame times)
    bool frameNumber = false; ///< "frame k" (0-based movie index)
    int sidePanelWidthPx = 0; ///< width of the side panel (0 = none)
    double textScale = 0;     ///< font scale; 0 = from the frame height
    /// MP4 only: the libx264 preset (x264PresetNames(), mp4WriterOptionsForPreset()); faster
    /// presets make larger files at the same crf.
    std::string x264Preset = Mp4WriterOptions{}.preset;
    std::optional<Calibration> calibration; ///< replaces the movie's (user overrides)
};

/// What renderMovie wrote.
struct RenderSummary
{
    std::filesystem::path path;
    RenderFormat format = RenderFormat::Mp4;
    int frames = 0; ///< frames written
    int width = 0;  ///< output frame size (px)
    int height = 0;
    double fps = 0;
    std::optional<double> realTimeFactor; ///< movie seconds per output second, when known
    std::optional<double> scaleBarNm;     ///< length of the drawn scale bar
    std::string codec;                    ///< e.g. "avc1", "png ", "gif"
};

/// Grey values shown black and white.
struct DisplayRange
{
    double lo = 0;
    double hi = 1;
};

/// options' contrast, or the automatic one (percentiles of movie frame `frame`).
[[nodiscard]] DisplayRange renderDisplayRange(const Movie& movie, int frame,
                                              const RenderOptions& options);

/// Movie frame `frame` as 8-bit grey under range (drift-corrected when options.driftCorrected;
/// drift must then cover the frame), as drawn under the overlays of a rendered movie.
[[nodiscard]] cv::Mat displayFrameGrey(const Movie& movie, int frame, const RenderOptions& options,
                                       const DriftResult* drift, const DisplayRange& range);

/// The movie frame indices options selects (first..last by stride). Throws insitu::Error for
/// an empty or out-of-range selection.
[[nodiscard]] std::vector<int> renderFrameIndices(int frameCount, const RenderOptions& options);

/// The 1-2-5×10ⁿ length (nm) not longer than maxNm, or none for maxNm ≤ 0.
[[nodiscard]] std::optional<double> scaleBarLengthNm(double maxNm);
/// "mm:ss.s" of a time in seconds (negative times with a leading "−").
[[nodiscard]] std::string formatClock(double timeS);

/// Renders the selected frames of movie to path, reading and writing one frame at a time.
/// Overlays are given in frame-0 coordinates and drawn where the specimen is: at (x+dx, y+dy)
/// on raw frames, unchanged on drift-corrected ones. drift may be null unless
/// options.driftCorrected. Throws insitu::Error (naming path) for bad options or a codec that
/// cannot be opened, insitu::Canceled when progress is canceled (the partial file is removed).
RenderSummary renderMovie(const Movie& movie, const std::filesystem::path& path,
                          const RenderOptions& options, const DriftResult* drift = nullptr,
                          const OverlayProvider& overlays = {},
                          const SidePanelProvider& sidePanel = {},
                          Progress& progress = Progress::none());

} // namespace insitu
