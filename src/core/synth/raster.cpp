#include "raster.h"

#include <cmath>

namespace insitu::synth {

std::vector<double> subsampleOffsets(int supersample)
{
    const int n = std::max(1, supersample);
    std::vector<double> offsets(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i)
        offsets[static_cast<std::size_t>(i)] = (i + 0.5) / n - 0.5;
    return offsets;
}

void multiplyDisk(cv::Mat& t, double cx, double cy, double radiusPx, double edgeSigmaPx,
                  double absorption, int supersample)
{
    const double reach = radiusPx + 6 * edgeSigmaPx + 0.75;
    const double margin = supersampleMarginPx(edgeSigmaPx);
    const double inside = radiusPx - 6 * edgeSigmaPx - 0.75; // coverage exactly 1 below this
    const int x0 = std::max(0, static_cast<int>(std::floor(cx - reach)));
    const int x1 = std::min(t.cols - 1, static_cast<int>(std::ceil(cx + reach)));
    const int y0 = std::max(0, static_cast<int>(std::floor(cy - reach)));
    const int y1 = std::min(t.rows - 1, static_cast<int>(std::ceil(cy + reach)));
    const std::vector<double> offsets = subsampleOffsets(supersample);
    const double weight = 1.0 / static_cast<double>(offsets.size() * offsets.size());
    const auto insideFactor = static_cast<float>(1 - absorption);
    for (int y = y0; y <= y1; ++y) {
        float* row = t.ptr<float>(y);
        const double dy = y - cy;
        for (int x = x0; x <= x1; ++x) {
            const double dx = x - cx;
            const double rho = std::sqrt(dx * dx + dy * dy);
            if (rho >= reach)
                continue;
            if (rho <= inside) {
                row[x] *= insideFactor;
                continue;
            }
            double coverage = 0;
            if (std::abs(rho - radiusPx) < margin && offsets.size() > 1) {
                for (double oy : offsets)
                    for (double ox : offsets)
                        coverage +=
                            edgeCoverage(std::hypot(dx + ox, dy + oy) - radiusPx, edgeSigmaPx);
                coverage *= weight;
            } else {
                coverage = edgeCoverage(rho - radiusPx, edgeSigmaPx);
            }
            row[x] = static_cast<float>(row[x] * (1 - absorption * coverage));
        }
    }
}

void multiplyGaussianBlob(cv::Mat& t, double cx, double cy, double sigmaPx, double amplitude)
{
    const double reach = 4 * sigmaPx;
    const int x0 = std::max(0, static_cast<int>(std::floor(cx - reach)));
    const int x1 = std::min(t.cols - 1, static_cast<int>(std::ceil(cx + reach)));
    const int y0 = std::max(0, static_cast<int>(std::floor(cy - reach)));
    const int y1 = std::min(t.rows - 1, static_cast<int>(std::ceil(cy + reach)));
    if (x0 > x1 || y0 > y1)
        return;
    // Separable: one exp per row and per column, one multiply-add per pixel.
    std::vector<float> gx(static_cast<std::size_t>(x1 - x0 + 1));
    const double inv = -0.5 / (sigmaPx * sigmaPx);
    for (int x = x0; x <= x1; ++x)
        gx[static_cast<std::size_t>(x - x0)] =
            static_cast<float>(std::exp(inv * (x - cx) * (x - cx)));
    for (int y = y0; y <= y1; ++y) {
        const float gy = static_cast<float>(amplitude * std::exp(inv * (y - cy) * (y - cy)));
        float* row = t.ptr<float>(y);
        for (int x = x0; x <= x1; ++x)
            row[x] *= 1.0f - gy * gx[static_cast<std::size_t>(x - x0)];
    }
}

int samplePoisson(double lambda, cv::RNG& rng)
{
    if (!(lambda > 0))
        return 0;
    if (lambda < 10) {
        const double limit = std::exp(-lambda);
        double product = rng.uniform(0.0, 1.0);
        int k = 0;
        while (product > limit) {
            ++k;
            product *= rng.uniform(0.0, 1.0);
        }
        return k;
    }
    // W. Hörmann, "The transformed rejection method for generating Poisson random variables",
    // Insurance: Mathematics and Economics 12 (1993) 39–45 (PTRS).
    const double slam = std::sqrt(lambda);
    const double b = 0.931 + 2.53 * slam;
    const double a = -0.059 + 0.02483 * b;
    const double vr = 0.9277 - 3.6224 / (b - 2);
    while (true) {
        const double u = rng.uniform(0.0, 1.0) - 0.5;
        const double v = rng.uniform(0.0, 1.0);
        const double us = 0.5 - std::abs(u);
        const double k = std::floor((2 * a / us + b) * u + lambda + 0.43);
        if (us >= 0.07 && v <= vr)
            return static_cast<int>(k);
        if (k < 0 || (us < 0.013 && v > us))
            continue;
        // Slow path (~14 % of draws): the exact acceptance test.
        const double invAlpha = 1.1239 + 1.1328 / (b - 3.4);
        if (std::log(v) + std::log(invAlpha) - std::log(a / (us * us) + b) <=
            -lambda + k * std::log(lambda) - std::lgamma(k + 1))
            return static_cast<int>(k);
    }
}

double sampleLognormal(double median, double sigmaLog, double minValue, double maxValue,
                       cv::RNG& rng)
{
    for (int attempt = 0; attempt < 1000; ++attempt) {
        const double value = median * std::exp(sigmaLog * rng.gaussian(1.0));
        if (value >= minValue && value <= maxValue)
            return value;
    }
    return std::clamp(median, minValue, maxValue);
}

} // namespace insitu::synth
