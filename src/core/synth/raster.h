#pragma once
// Internal rasterisation helpers of the synthetic scenes: soft-edged shapes, supersampled near
// their edges, multiplied into a transmission image (CV_32F, 1 = bare support).

#include <opencv2/core.hpp>

#include <algorithm>
#include <cmath>
#include <vector>

namespace insitu::synth {

/// Fraction of a blurred edge covered at signed distance distancePx outside it (erf profile).
[[nodiscard]] inline double edgeCoverage(double distancePx, double sigmaPx)
{
    // Beyond 6σ erfc differs from 0 or 2 by < 2e-9: skip the call.
    if (distancePx > 6 * sigmaPx)
        return 0.0;
    if (distancePx < -6 * sigmaPx)
        return 1.0;
    return 0.5 * std::erfc(distancePx / (sigmaPx * 1.4142135623730951));
}

/// Distance from an erf edge within which pixels are box-integrated by supersampling: where the
/// profile curves noticeably within one pixel.
[[nodiscard]] inline double supersampleMarginPx(double sigmaPx)
{
    return 2 * sigmaPx + 0.75;
}

/// Offsets (px) of supersample points inside a pixel, box-integrating the pixel area.
[[nodiscard]] std::vector<double> subsampleOffsets(int supersample);

/// Multiplies t by (1 − absorptionAt(dx, dy)) inside the circle of maxRadiusPx around (cx, cy)
/// (image coordinates); dx, dy are offsets from the centre. Pixels whose centre lies within
/// edgeMarginPx of one of edgeRadiiPx are box-integrated with supersample² points, others are
/// point-sampled (the profile is smooth there).
template <class AbsorptionAt>
void multiplyRadial(cv::Mat& t, double cx, double cy, double maxRadiusPx,
                    const std::vector<double>& edgeRadiiPx, double edgeMarginPx, int supersample,
                    AbsorptionAt&& absorptionAt)
{
    const int x0 = std::max(0, static_cast<int>(std::floor(cx - maxRadiusPx)));
    const int x1 = std::min(t.cols - 1, static_cast<int>(std::ceil(cx + maxRadiusPx)));
    const int y0 = std::max(0, static_cast<int>(std::floor(cy - maxRadiusPx)));
    const int y1 = std::min(t.rows - 1, static_cast<int>(std::ceil(cy + maxRadiusPx)));
    if (x0 > x1 || y0 > y1)
        return;
    const std::vector<double> offsets = subsampleOffsets(supersample);
    const double weight = 1.0 / static_cast<double>(offsets.size() * offsets.size());
    for (int y = y0; y <= y1; ++y) {
        float* row = t.ptr<float>(y);
        const double dy = y - cy;
        for (int x = x0; x <= x1; ++x) {
            const double dx = x - cx;
            const double rho = std::sqrt(dx * dx + dy * dy);
            if (rho > maxRadiusPx)
                continue;
            bool nearEdge = false;
            for (double edge : edgeRadiiPx)
                nearEdge = nearEdge || std::abs(rho - edge) < edgeMarginPx;
            double absorption = 0;
            if (nearEdge && offsets.size() > 1) {
                for (double oy : offsets)
                    for (double ox : offsets)
                        absorption += absorptionAt(dx + ox, dy + oy);
                absorption *= weight;
            } else {
                absorption = absorptionAt(dx, dy);
            }
            row[x] = static_cast<float>(row[x] * (1.0 - absorption));
        }
    }
}

/// Multiplies t by a soft-edged disk of the given absorption (negative = brighter).
void multiplyDisk(cv::Mat& t, double cx, double cy, double radiusPx, double edgeSigmaPx,
                  double absorption, int supersample);

/// Multiplies t by (1 − amplitude·G), G a unit-height Gaussian of sigmaPx at (cx, cy).
void multiplyGaussianBlob(cv::Mat& t, double cx, double cy, double sigmaPx, double amplitude);

/// A Poisson deviate of mean lambda (Knuth below 10, Hörmann's PTRS transformed rejection above).
[[nodiscard]] int samplePoisson(double lambda, cv::RNG& rng);

/// Lognormal deviate with the given median, clipped to [minValue, maxValue] by redrawing.
[[nodiscard]] double sampleLognormal(double median, double sigmaLog, double minValue,
                                     double maxValue, cv::RNG& rng);

} // namespace insitu::synth
