#pragma once
// Helpers for the synthetic-scene truth tests: quiet imaging and plain measurements.

#include "insitu/synth/imaging.h"

#include <opencv2/core.hpp>

#include <cmath>

namespace insitu::test {

/// Imaging without noise, flicker, illumination or drift, at a dose high enough that rounding
/// to counts is negligible: counts / dose is the specimen transmission.
inline ImagingOptions quietImaging(ImagingOptions base)
{
    base.dosePerPx = 10000;
    base.poissonNoise = false;
    base.illuminationGradient = 0;
    base.flickerRelative = 0;
    base.drift = false;
    return base;
}

/// Transmission (counts / dose) of a quiet frame, CV_64F.
inline cv::Mat transmissionOf(const cv::Mat& counts, double dose)
{
    cv::Mat t;
    counts.convertTo(t, CV_64F, 1.0 / dose);
    return t;
}

/// Bilinear sample of a CV_64F image at (x, y).
inline double bilinear(const cv::Mat& image, double x, double y)
{
    const int x0 = static_cast<int>(std::floor(x));
    const int y0 = static_cast<int>(std::floor(y));
    const double fx = x - x0;
    const double fy = y - y0;
    auto at = [&](int yy, int xx) {
        xx = std::clamp(xx, 0, image.cols - 1);
        yy = std::clamp(yy, 0, image.rows - 1);
        return image.at<double>(yy, xx);
    };
    return (1 - fy) * ((1 - fx) * at(y0, x0) + fx * at(y0, x0 + 1)) +
           fy * ((1 - fx) * at(y0 + 1, x0) + fx * at(y0 + 1, x0 + 1));
}

} // namespace insitu::test
