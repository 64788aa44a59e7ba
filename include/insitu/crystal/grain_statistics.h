#pragma once
// Grain-size statistics: median, mean, kernel-density mode and lognormal fit of ECDs with
// bootstrap intervals, and the before/after comparison of two samples.

#include <cstdint>
#include <vector>

namespace insitu {

/// A value with its 95 % bootstrap interval (in the unit of the sample).
struct ValueInterval
{
    double value = 0;
    double low = 0;
    double high = 0;
};

/// Statistics of one ECD sample (any length unit; NaN values when the sample is empty).
struct EcdStatistics
{
    int count = 0;
    ValueInterval median;
    ValueInterval mean;
    ValueInterval mode;     ///< maximum of the kernel density of d (Silverman bandwidth on ln d)
    ValueInterval logMu;    ///< lognormal fit (maximum likelihood): mean of ln d
    ValueInterval logSigma; ///< standard deviation of ln d
};

struct EcdStatisticsOptions
{
    int bootstrapSamples = 200;
    std::uint64_t seed = 1;
};

/// Mode of the density of d from a Gaussian kernel density of ln d (Silverman's bandwidth),
/// f_d(d) = f_ln(ln d) / d maximised on a fine grid. Needs ≥ 2 positive values.
[[nodiscard]] double kernelDensityMode(const std::vector<double>& diameters);

[[nodiscard]] EcdStatistics ecdStatistics(const std::vector<double>& diameters,
                                          const EcdStatisticsOptions& options = {});

/// Before/after comparison: ratio of medians (after / before) with its bootstrap interval.
struct EcdComparison
{
    ValueInterval medianRatio;
    ValueInterval modeRatio;
    bool significant = false; ///< the median-ratio interval excludes 1
};

[[nodiscard]] EcdComparison compareEcd(const std::vector<double>& before,
                                       const std::vector<double>& after,
                                       const EcdStatisticsOptions& options = {});

} // namespace insitu
