#pragma once
// Internal: full-frame passes split into row bands run in parallel (cv::parallel_for_), for the
// element-wise steps OpenCV runs on one thread (fills, comparisons, min/max).

#include <opencv2/core.hpp>

#include <algorithm>
#include <utility>
#include <vector>

namespace insitu::particles {

/// Calls f(y0, y1) on disjoint row bands [y0, y1) covering 0..rows, in parallel.
template <class F> void forRowBands(int rows, F&& f)
{
    const int bands = std::max(1, std::min(rows, 4 * cv::getNumThreads()));
    cv::parallel_for_(cv::Range(0, bands), [&](const cv::Range& range) {
        for (int band = range.start; band < range.end; ++band)
            f(rows * band / bands, rows * (band + 1) / bands);
    });
}

/// A zero image (the pages touched by several threads, not one memset).
[[nodiscard]] inline cv::Mat zerosInBands(cv::Size size, int type)
{
    cv::Mat out(size, type);
    forRowBands(size.height, [&](int y0, int y1) { out.rowRange(y0, y1).setTo(0); });
    return out;
}

/// Smallest and largest value of a CV_32F image: cv::minMaxIdx (vectorised) on row bands in
/// parallel, merged (exact: minima and maxima merge in any order).
[[nodiscard]] inline std::pair<float, float> minMaxInBands(const cv::Mat& image)
{
    const int bands = std::max(1, std::min(image.rows, 4 * cv::getNumThreads()));
    std::vector<std::pair<double, double>> part(static_cast<std::size_t>(bands));
    cv::parallel_for_(cv::Range(0, bands), [&](const cv::Range& range) {
        for (int band = range.start; band < range.end; ++band) {
            auto& [lo, hi] = part[static_cast<std::size_t>(band)];
            cv::minMaxIdx(
                image.rowRange(image.rows * band / bands, image.rows * (band + 1) / bands), &lo,
                &hi);
        }
    });
    std::pair<double, double> out = part.front();
    for (const auto& [lo, hi] : part) {
        out.first = std::min(out.first, lo);
        out.second = std::max(out.second, hi);
    }
    return {static_cast<float>(out.first), static_cast<float>(out.second)};
}

} // namespace insitu::particles
