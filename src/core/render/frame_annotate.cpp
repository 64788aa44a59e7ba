// The drawing steps of an annotated frame: contrast, overlays, scale bar and text (OpenCV).

#include "render_parts.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace insitu {

namespace render {

namespace {

constexpr int kSubpixelShift = 4; // OpenCV fixed-point drawing: 1/16 px
constexpr double kSubpixelScale = 1 << kSubpixelShift;

cv::Point fixedPoint(double x, double y)
{
    return {static_cast<int>(std::lround(x * kSubpixelScale)),
            static_cast<int>(std::lround(y * kSubpixelScale))};
}

void outlinedText(cv::Mat& image, const std::string& text, cv::Point origin, double scale)
{
    const int thickness = std::max(1, static_cast<int>(std::lround(scale * 1.5)));
    cv::putText(image, text, origin, cv::FONT_HERSHEY_SIMPLEX, scale, cv::Scalar(0, 0, 0),
                thickness + 2, cv::LINE_AA);
    cv::putText(image, text, origin, cv::FONT_HERSHEY_SIMPLEX, scale, cv::Scalar(255, 255, 255),
                thickness, cv::LINE_AA);
}

double percentile(std::vector<float>& values, double percent)
{
    if (values.empty())
        return 0;
    const auto k = static_cast<std::size_t>(
        std::clamp(percent / 100.0 * static_cast<double>(values.size() - 1), 0.0,
                   static_cast<double>(values.size() - 1)));
    std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(k), values.end());
    return values[k];
}

} // namespace

ContrastLimits contrastLimits(const cv::Mat& frameF32, const RenderOptions& options)
{
    ContrastLimits limits;
    if (!options.contrastLo || !options.contrastHi) {
        std::vector<float> values;
        values.reserve(frameF32.total());
        for (int r = 0; r < frameF32.rows; ++r) {
            const float* row = frameF32.ptr<float>(r);
            for (int c = 0; c < frameF32.cols; ++c)
                if (std::isfinite(row[c]))
                    values.push_back(row[c]);
        }
        limits.lo = percentile(values, options.autoLowPercentile);
        limits.hi = percentile(values, options.autoHighPercentile);
    }
    if (options.contrastLo)
        limits.lo = *options.contrastLo;
    if (options.contrastHi)
        limits.hi = *options.contrastHi;
    if (!(limits.hi > limits.lo))
        limits.hi = limits.lo + 1;
    return limits;
}

void drawOverlays(cv::Mat& image, const std::vector<OverlayShape>& shapes, double dxPx, double dyPx,
                  double textScale)
{
    for (const auto& shape : shapes) {
        if (shape.points.empty())
            continue;
        const cv::Scalar colour(shape.rgb[2], shape.rgb[1], shape.rgb[0]);
        const int thickness = std::max(1, static_cast<int>(std::lround(shape.thicknessPx)));
        std::vector<cv::Point> points;
        for (const auto& p : shape.points)
            points.push_back(fixedPoint(p.x + dxPx, p.y + dyPx));
        if (points.size() == 1) {
            const int arm = static_cast<int>(std::lround(4 * thickness * kSubpixelScale));
            const cv::Point c = points[0];
            cv::line(image, c - cv::Point(arm, 0), c + cv::Point(arm, 0), colour, thickness,
                     cv::LINE_AA, kSubpixelShift);
            cv::line(image, c - cv::Point(0, arm), c + cv::Point(0, arm), colour, thickness,
                     cv::LINE_AA, kSubpixelShift);
        } else {
            const std::vector<std::vector<cv::Point>> polylines{points};
            cv::polylines(image, polylines, shape.closed, colour, thickness, cv::LINE_AA,
                          kSubpixelShift);
        }
        if (!shape.label.empty()) {
            const cv::Point at(static_cast<int>(shape.points[0].x + dxPx) + 6,
                               static_cast<int>(shape.points[0].y + dyPx) - 6);
            outlinedText(image, shape.label, at, textScale * 0.8);
        }
    }
}

void drawScaleBar(cv::Mat& image, double lengthPx, const std::string& label, double textScale)
{
    const int margin = std::max(8, image.rows / 40);
    const int barHeight = std::max(3, image.rows / 100);
    const int x1 = image.cols - margin;
    const int x0 = x1 - static_cast<int>(std::lround(lengthPx));
    const int y1 = image.rows - margin;
    const int y0 = y1 - barHeight;
    cv::rectangle(image, cv::Point(x0 - 1, y0 - 1), cv::Point(x1 + 1, y1 + 1), cv::Scalar(0, 0, 0),
                  cv::FILLED);
    cv::rectangle(image, cv::Point(x0, y0), cv::Point(x1, y1), cv::Scalar(255, 255, 255),
                  cv::FILLED);
    int baseline = 0;
    const cv::Size size = cv::getTextSize(label, cv::FONT_HERSHEY_SIMPLEX, textScale, 1, &baseline);
    // centred over the bar, but kept inside the frame when the label is wider than the bar
    const int labelX = std::min((x0 + x1) / 2 - size.width / 2, image.cols - size.width - 2);
    const cv::Point origin(std::max(0, labelX), y0 - barHeight - baseline);
    outlinedText(image, label, origin, textScale);
}

void drawTextLines(cv::Mat& image, const std::vector<std::string>& lines, double textScale)
{
    const int margin = std::max(6, image.rows / 50);
    int baseline = 0;
    const int lineHeight =
        cv::getTextSize("Ag", cv::FONT_HERSHEY_SIMPLEX, textScale, 1, &baseline).height;
    int y = margin + lineHeight;
    for (const auto& line : lines) {
        outlinedText(image, line, cv::Point(margin, y), textScale);
        y += lineHeight * 3 / 2 + baseline;
    }
}

} // namespace render

std::optional<double> scaleBarLengthNm(double maxNm)
{
    if (!(maxNm > 0) || !std::isfinite(maxNm))
        return std::nullopt;
    const double decade = std::pow(10.0, std::floor(std::log10(maxNm)));
    for (const double m : {5.0, 2.0, 1.0})
        if (m * decade <= maxNm * (1 + 1e-12))
            return m * decade;
    return decade;
}

std::string formatClock(double timeS)
{
    const bool negative = timeS < 0;
    const double tenths = std::round(std::fabs(timeS) * 10.0);
    const auto minutes = static_cast<long long>(tenths / 600.0);
    const double seconds = (tenths - static_cast<double>(minutes) * 600.0) / 10.0;
    char text[48];
    std::snprintf(text, sizeof text, "%s%02lld:%04.1f", negative ? "-" : "", minutes, seconds);
    return text;
}

} // namespace insitu
