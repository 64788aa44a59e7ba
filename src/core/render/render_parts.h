#pragma once
// Private to src/core/render: the drawing steps of one annotated frame and the output sinks.

#include "insitu/render/movie_render.h"

#include <opencv2/core.hpp>

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace insitu::render {

/// Grey values shown black and white: the given ones, else percentiles of frame.
using ContrastLimits = DisplayRange;
[[nodiscard]] ContrastLimits contrastLimits(const cv::Mat& frameF32, const RenderOptions& options);

/// Draws shapes shifted by (dxPx, dyPx) into image (BGR).
void drawOverlays(cv::Mat& image, const std::vector<OverlayShape>& shapes, double dxPx, double dyPx,
                  double textScale);

/// Draws a white scale bar of lengthPx with its label in the bottom-right corner.
void drawScaleBar(cv::Mat& image, double lengthPx, const std::string& label, double textScale);

/// Draws text lines from the top-left corner, white with a black outline.
void drawTextLines(cv::Mat& image, const std::vector<std::string>& lines, double textScale);

/// Receives the finished frames in order: 8-bit grey (CV_8UC1) or BGR (CV_8UC3).
class FrameSink
{
public:
    virtual ~FrameSink() = default;
    virtual void write(const cv::Mat& image) = 0;
    /// Flushes and closes the file; throws insitu::Error on failure.
    virtual void finish() = 0;
    [[nodiscard]] virtual std::string codec() const = 0;
    /// Output frame rate actually stored (GIF rounds to centiseconds).
    [[nodiscard]] virtual double storedFps() const = 0;
};

/// A sink for format at path, frame size (width, height) and fps; x264Preset for MP4
/// (mp4WriterOptionsForPreset).
[[nodiscard]] std::unique_ptr<FrameSink> openSink(RenderFormat format,
                                                  const std::filesystem::path& path, cv::Size size,
                                                  double fps, const std::string& x264Preset);

/// sink behind a bounded queue of `capacity` frames written on a worker thread, so the next
/// frame is read and drawn while the encoder works. write() takes a copy of the image; an
/// error on the worker is rethrown by the next write() or finish(); destroying the queue
/// without finish() (error, Cancel) drops the queued frames and joins the worker.
[[nodiscard]] std::unique_ptr<FrameSink> queuedSink(std::unique_ptr<FrameSink> sink,
                                                    int capacity = 4);

} // namespace insitu::render
