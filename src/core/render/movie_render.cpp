// renderMovie: selects frames, drift-corrects, annotates and streams them to a sink.

#include "render_parts.h"

#include "insitu/error.h"
#include "insitu/io/movie.h"
#include "insitu/registration/drift_result.h"
#include "insitu/render/mp4_writer.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace insitu {

namespace {

constexpr double kScaleBarMaxFraction = 0.2; // of the frame width

std::string lowerExtension(const std::filesystem::path& path)
{
    std::string ext = path.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return ext;
}

void checkOptions(const std::filesystem::path& path, RenderFormat format, const RenderOptions& o,
                  const Movie& movie, const Calibration& cal, const DriftResult* drift)
{
    const std::string where = path.string() + ": ";
    if (!(o.fps > 0) || !std::isfinite(o.fps))
        throw Error(where + "the frame rate must be positive");
    if (o.stride < 1)
        throw Error(where + "the frame step must be at least 1");
    if (o.contrastLo && o.contrastHi && !(*o.contrastHi > *o.contrastLo))
        throw Error(where + "contrast: HI must be above LO");
    if (o.driftCorrected && (drift == nullptr || drift->frameCount() < movie.frameCount()))
        throw Error(where + "drift-corrected frames need a drift result for every frame");
    if (o.scaleBar && !cal.nmPerPixel)
        throw Error(where + "a scale bar needs the pixel size (give --pixel-size-nm)");
    if (o.timestamp && !cal.timeOfFrameS(0))
        throw Error(where + "a time stamp needs frame times (give --frame-interval-s)");
    if (format == RenderFormat::Mp4) {
        const auto& presets = x264PresetNames();
        if (std::find(presets.begin(), presets.end(), o.x264Preset) == presets.end())
            throw Error(where + "unknown x264 preset \"" + o.x264Preset + "\"");
    }
    if (o.sidePanelWidthPx < 0)
        throw Error(where + "the side panel width must not be negative");
}

std::string lengthLabel(double nm)
{
    char text[32];
    if (nm >= 1000)
        std::snprintf(text, sizeof text, "%g µm", nm / 1000);
    else
        std::snprintf(text, sizeof text, "%g nm", nm);
    std::string label = text;
    // cv::putText draws ASCII only.
    if (const auto at = label.find("µ"); at != std::string::npos)
        label.replace(at, std::string("µ").size(), "u");
    return label;
}

std::optional<double> realTimeFactor(const Calibration& cal, const std::vector<int>& frames,
                                     double fps)
{
    if (frames.size() < 2)
        return std::nullopt;
    const auto t0 = cal.timeOfFrameS(frames.front());
    const auto t1 = cal.timeOfFrameS(frames.back());
    if (!t0 || !t1 || !(*t1 > *t0))
        return std::nullopt;
    return (*t1 - *t0) / static_cast<double>(frames.size() - 1) * fps;
}

std::string factorText(double factor)
{
    char text[48];
    std::snprintf(text, sizeof text, "x%.3g real time", factor);
    return text;
}

cv::Mat correctDrift(const cv::Mat& frame, double dxPx, double dyPx)
{
    if (dxPx == 0 && dyPx == 0)
        return frame;
    const cv::Matx23d shift(1, 0, -dxPx, 0, 1, -dyPx);
    cv::Mat out;
    cv::warpAffine(frame, out, shift, frame.size(), cv::INTER_LINEAR, cv::BORDER_CONSTANT);
    return out;
}

PointPx driftAt(const DriftResult* drift, int frame)
{
    if (drift == nullptr || frame < 0 || frame >= drift->frameCount())
        return {0, 0};
    return {drift->dxPx[static_cast<std::size_t>(frame)],
            drift->dyPx[static_cast<std::size_t>(frame)]};
}

} // namespace

std::vector<OverlayShape> placeOverlays(std::vector<OverlayShape> shapes, int frame,
                                        const DriftResult* drift, bool driftCorrected)
{
    const PointPx here = driftCorrected ? PointPx{0, 0} : driftAt(drift, frame);
    for (auto& shape : shapes) {
        const PointPx from = shape.imageOfFrame ? driftAt(drift, *shape.imageOfFrame) : PointPx{};
        const double dx = here.x - from.x;
        const double dy = here.y - from.y;
        if (dx != 0 || dy != 0)
            for (auto& p : shape.points)
                p = {p.x + dx, p.y + dy};
        shape.imageOfFrame.reset();
    }
    return shapes;
}

DisplayRange renderDisplayRange(const Movie& movie, int frame, const RenderOptions& options)
{
    if (options.contrastLo && options.contrastHi) // no need to read the frame
        return render::contrastLimits(cv::Mat(1, 1, CV_32F, cv::Scalar(0)), options);
    return render::contrastLimits(movie.frameFloat(frame), options);
}

cv::Mat displayFrameGrey(const Movie& movie, int frame, const RenderOptions& options,
                         const DriftResult* drift, const DisplayRange& range)
{
    const Frame native = movie.frame(frame);
    // Integer and float frames convert straight to 8 bits (the same float arithmetic as going
    // through float32, without the 4-byte copy); uint32 and shifted frames go through float32.
    cv::Mat source = native.mat();
    const PointPx d = options.driftCorrected ? driftAt(drift, frame) : PointPx{0, 0};
    if (native.type() == PixelType::UInt32 || d.x != 0 || d.y != 0)
        source = correctDrift(native.toFloat32(), d.x, d.y);
    cv::Mat out;
    const double alpha = 255.0 / (range.hi - range.lo);
    source.convertTo(out, CV_8U, alpha, -range.lo * alpha); // saturates at 0 and 255
    return out;
}

RenderFormat renderFormatFromPath(const std::filesystem::path& path)
{
    const std::string ext = lowerExtension(path);
    if (ext == ".mp4")
        return RenderFormat::Mp4;
    if (ext == ".avi")
        return RenderFormat::Avi;
    if (ext == ".gif")
        return RenderFormat::Gif;
    throw Error(path.string() + ": unknown movie format \"" + ext + "\" (use .mp4, .avi or .gif)");
}

std::vector<int> renderFrameIndices(int frameCount, const RenderOptions& o)
{
    const int last = o.lastFrame.value_or(frameCount - 1);
    if (o.firstFrame < 0 || last >= frameCount || last < o.firstFrame || o.stride < 1)
        throw Error("frames " + std::to_string(o.firstFrame) + ":" + std::to_string(last) +
                    " are not within the movie's 0:" + std::to_string(frameCount - 1));
    std::vector<int> frames;
    for (int k = o.firstFrame; k <= last; k += o.stride)
        frames.push_back(k);
    return frames;
}

RenderSummary renderMovie(const Movie& movie, const std::filesystem::path& path,
                          const RenderOptions& o, const DriftResult* drift,
                          const OverlayProvider& overlays, const SidePanelProvider& sidePanel,
                          Progress& progress)
{
    const RenderFormat format = renderFormatFromPath(path);
    const Calibration cal = o.calibration.value_or(movie.calibration());
    checkOptions(path, format, o, movie, cal, drift);
    const std::vector<int> frames = renderFrameIndices(movie.frameCount(), o);

    RenderSummary summary;
    summary.path = path;
    summary.format = format;
    summary.realTimeFactor = realTimeFactor(cal, frames, o.fps);

    const int panelWidth = sidePanel ? o.sidePanelWidthPx : 0;
    const int width = movie.width() + panelWidth;
    const int height = movie.height();
    summary.width = width;
    summary.height = height;
    if (format == RenderFormat::Mp4) // yuv420p needs even sizes: Mp4Writer pads
        summary.width += width % 2, summary.height += height % 2;
    const double textScale = o.textScale > 0 ? o.textScale : std::max(0.4, height / 700.0);

    double scaleBarPx = 0;
    if (o.scaleBar) {
        summary.scaleBarNm =
            scaleBarLengthNm(kScaleBarMaxFraction * movie.width() * *cal.nmPerPixel);
        scaleBarPx = *summary.scaleBarNm / *cal.nmPerPixel;
    }

    const DisplayRange limits = renderDisplayRange(movie, frames.front(), o);
    // The encoder works on a worker thread while the next frame is read and drawn.
    auto sink =
        render::queuedSink(render::openSink(format, path, {width, height}, o.fps, o.x264Preset));
    summary.codec = sink->codec();
    summary.fps = sink->storedFps();
    cv::Mat canvas; // BGR frame + side panel, reused from frame to frame
    const cv::Rect frameRect(0, 0, movie.width(), height);
    const cv::Rect panelRect(movie.width(), 0, panelWidth, height);
    try {
        // inside the try: a Cancel that arrives before the first frame removes the file too
        progress.start(static_cast<int>(frames.size()), "Rendering movie");
        for (const int k : frames) {
            // Grey until something coloured is drawn: the MP4 writer then skips colour conversion.
            cv::Mat image = displayFrameGrey(movie, k, o, drift, limits);
            const std::vector<OverlayShape> shapes =
                overlays ? placeOverlays(overlays(k), k, drift, o.driftCorrected)
                         : std::vector<OverlayShape>{};
            const bool colour = !shapes.empty() || panelWidth > 0;
            if (colour) {
                canvas.create(height, width, CV_8UC3);
                cv::Mat left = canvas(frameRect); // drawing below stays within the frame
                cv::cvtColor(image, left, cv::COLOR_GRAY2BGR);
                image = left;
            }
            if (!shapes.empty())
                render::drawOverlays(image, shapes, 0, 0, textScale);
            if (o.scaleBar)
                render::drawScaleBar(image, scaleBarPx, lengthLabel(*summary.scaleBarNm),
                                     textScale);
            std::vector<std::string> lines;
            if (o.timestamp) {
                lines.push_back("t = " + formatClock(cal.timeOfFrameS(k).value_or(0)));
                if (summary.realTimeFactor)
                    lines.push_back(factorText(*summary.realTimeFactor));
            }
            if (o.frameNumber)
                lines.push_back("frame " + std::to_string(k));
            render::drawTextLines(image, lines, textScale);
            if (panelWidth > 0) {
                const cv::Mat panel = sidePanel(k, panelRect.size());
                if (panel.empty())
                    canvas(panelRect).setTo(cv::Scalar(255, 255, 255));
                else if (panel.size() != panelRect.size() || panel.type() != CV_8UC3)
                    throw Error(path.string() + ": the side panel has the wrong size or type");
                else
                    panel.copyTo(canvas(panelRect));
            }
            sink->write(colour ? canvas : image);
            ++summary.frames;
            progress.advance();
        }
        sink->finish();
    } catch (...) {
        sink.reset();
        std::error_code ignored;
        std::filesystem::remove(path, ignored);
        throw;
    }
    return summary;
}

} // namespace insitu
