// Radial profile of a shifted power spectrum: mean per physical-|k| bin, rolling-minimum
// background.

#include "insitu/crystal/fft_profile.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

namespace insitu {

namespace {

/// Rolling minimum of log power over ±half bins, then a running mean of it over ±half bins.
std::vector<double> logBackground(const std::vector<double>& power, int first, int half)
{
    const int n = static_cast<int>(power.size());
    std::vector<double> logP(power.size(), std::numeric_limits<double>::quiet_NaN());
    for (int i = first; i < n; ++i)
        if (std::isfinite(power[static_cast<std::size_t>(i)]) &&
            power[static_cast<std::size_t>(i)] > 0)
            logP[static_cast<std::size_t>(i)] = std::log(power[static_cast<std::size_t>(i)]);
    std::vector<double> minimum(logP.size(), std::numeric_limits<double>::quiet_NaN());
    for (int i = first; i < n; ++i) {
        double m = std::numeric_limits<double>::infinity();
        for (int j = std::max(first, i - half); j <= std::min(n - 1, i + half); ++j)
            if (std::isfinite(logP[static_cast<std::size_t>(j)]))
                m = std::min(m, logP[static_cast<std::size_t>(j)]);
        if (std::isfinite(m))
            minimum[static_cast<std::size_t>(i)] = m;
    }
    std::vector<double> out(power.size(), std::numeric_limits<double>::quiet_NaN());
    for (int i = first; i < n; ++i) {
        double sum = 0;
        int count = 0;
        for (int j = std::max(first, i - half); j <= std::min(n - 1, i + half); ++j)
            if (std::isfinite(minimum[static_cast<std::size_t>(j)])) {
                sum += minimum[static_cast<std::size_t>(j)];
                ++count;
            }
        if (count > 0)
            out[static_cast<std::size_t>(i)] = std::exp(sum / count);
    }
    return out;
}

} // namespace

RadialProfile radialProfile(const RegionSpectrum& spectrum, const RadialProfileOptions& options)
{
    RadialProfile profile;
    const int rows = spectrum.rows();
    const int cols = spectrum.cols();
    profile.binPerPx = 1.0 / std::max(rows, cols);
    const int bins = static_cast<int>(std::floor(0.5 / profile.binPerPx)) + 1;
    std::vector<double> sum(static_cast<std::size_t>(bins), 0.0);
    profile.count.assign(static_cast<std::size_t>(bins), 0);
    const bool sector = options.sectorHalfWidthDeg < 90;
    const bool masked = !options.excluded.empty();
    for (int r = 0; r < rows; ++r) {
        const double ky = static_cast<double>(r - rows / 2) / rows;
        const float* p = spectrum.power.ptr<float>(r);
        for (int c = 0; c < cols; ++c) {
            const double kx = static_cast<double>(c - cols / 2) / cols;
            const int bin = static_cast<int>(std::lround(std::hypot(kx, ky) / profile.binPerPx));
            if (bin >= bins || bin < options.excludedCentreBins)
                continue;
            if (masked && options.excluded.at<std::uint8_t>(r, c) != 0)
                continue;
            if (sector) {
                double phi = std::atan2(-ky, kx) * 180 / std::numbers::pi - options.sectorCentreDeg;
                phi = std::fmod(std::fmod(phi, 180.0) + 270.0, 180.0) - 90.0; // (-90, 90]
                if (std::abs(phi) > options.sectorHalfWidthDeg)
                    continue;
            }
            sum[static_cast<std::size_t>(bin)] += p[c];
            ++profile.count[static_cast<std::size_t>(bin)];
        }
    }
    profile.firstBin = options.excludedCentreBins;
    profile.resolutionPerPx = 1.0 / std::min(spectrum.boxPx.width, spectrum.boxPx.height);
    profile.correlatedPixels = 8.0 * (static_cast<double>(rows) / spectrum.boxPx.height) *
                               (static_cast<double>(cols) / spectrum.boxPx.width);
    for (int i = 0; i < bins; ++i) {
        const auto u = static_cast<std::size_t>(i);
        profile.kPerPx.push_back(i * profile.binPerPx);
        profile.power.push_back(profile.count[u] > 0 ? sum[u] / profile.count[u]
                                                     : std::numeric_limits<double>::quiet_NaN());
    }
    const int half = std::max(4, bins / 25);
    profile.background = logBackground(profile.power, profile.firstBin, half);
    return profile;
}

} // namespace insitu
