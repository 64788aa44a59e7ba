#include "insitu/error.h"
#include "insitu/registration/drift.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <string>

namespace insitu {

namespace {

int cvInterpolation(ShiftInterpolation interpolation)
{
    return interpolation == ShiftInterpolation::Cubic ? cv::INTER_CUBIC : cv::INTER_LINEAR;
}

/// dst(x, y) = src(x + offsetX, y + offsetY), CV_32F of the given size.
cv::Mat sampleShifted(const cv::Mat& source, double offsetX, double offsetY, cv::Size size,
                      ShiftInterpolation interpolation, int border)
{
    cv::Mat asFloat;
    if (source.depth() == CV_32F)
        asFloat = source;
    else
        source.convertTo(asFloat, CV_32F);
    const cv::Matx23d map(1, 0, offsetX, 0, 1, offsetY);
    cv::Mat out;
    cv::warpAffine(asFloat, out, map, size, cvInterpolation(interpolation) | cv::WARP_INVERSE_MAP,
                   border, cv::Scalar(0));
    return out;
}

} // namespace

cv::Rect commonArea(const DriftResult& drift, int width, int height)
{
    double minDx = 0, maxDx = 0, minDy = 0, maxDy = 0; // frame 0 has no drift
    for (int k = 0; k < drift.frameCount(); ++k) {
        const double dx = drift.dxPx[static_cast<std::size_t>(k)];
        const double dy = drift.dyPx[static_cast<std::size_t>(k)];
        minDx = std::min(minDx, dx);
        maxDx = std::max(maxDx, dx);
        minDy = std::min(minDy, dy);
        maxDy = std::max(maxDy, dy);
    }
    // Corrected pixel x reads frame k at x + dx_k, which must lie within [0, width − 1].
    const int x0 = static_cast<int>(std::ceil(-minDx - 1e-9));
    const int y0 = static_cast<int>(std::ceil(-minDy - 1e-9));
    const int x1 = static_cast<int>(std::floor(width - 1 - maxDx + 1e-9));
    const int y1 = static_cast<int>(std::floor(height - 1 - maxDy + 1e-9));
    if (x1 < x0 || y1 < y0)
        return {};
    return {x0, y0, x1 - x0 + 1, y1 - y0 + 1};
}

cv::Mat shiftImage(const cv::Mat& image, double dxPx, double dyPx, ShiftInterpolation interpolation)
{
    if (image.channels() != 1)
        throw Error("drift correction: image must have one channel");
    return sampleShifted(image, dxPx, dyPx, image.size(), interpolation, cv::BORDER_CONSTANT);
}

cv::Mat correctedFrame(const Movie& movie, const DriftResult& drift, int frame, CropMode crop,
                       ShiftInterpolation interpolation)
{
    if (drift.frameCount() != movie.frameCount() || drift.dyPx.size() != drift.dxPx.size())
        throw Error(movie.info().path.string() + ": drift result has " +
                    std::to_string(drift.frameCount()) + " frames, the movie " +
                    std::to_string(movie.frameCount()));
    if (frame < 0 || frame >= movie.frameCount())
        throw Error(movie.info().path.string() + ": frame " + std::to_string(frame) +
                    " out of range");
    const cv::Mat source = movie.frameFloat(frame);
    const double dx = drift.dxPx[static_cast<std::size_t>(frame)];
    const double dy = drift.dyPx[static_cast<std::size_t>(frame)];
    if (crop == CropMode::Pad)
        return sampleShifted(source, dx, dy, source.size(), interpolation, cv::BORDER_CONSTANT);
    const cv::Rect area = commonArea(drift, movie.width(), movie.height());
    if (area.empty())
        throw Error(movie.info().path.string() +
                    ": the drift is larger than the frame; no area is common to all frames");
    return sampleShifted(source, area.x + dx, area.y + dy, area.size(), interpolation,
                         cv::BORDER_REPLICATE);
}

} // namespace insitu
