// A two-component 1-D Gaussian mixture fitted by EM (the crystallinity thresholds' class split).
#pragma once

#include <vector>

namespace insitu::detail {

/// The fitted mixture: component means, SDs and weights, and each value's posterior of
/// component 1. Components are in EM's order (not sorted by mean).
struct TwoGaussianMixture
{
    double mu[2] = {0, 0};
    double sigma[2] = {1, 1};
    double weight[2] = {0.5, 0.5};
    std::vector<double> posterior; ///< P(component 1 | x[i])
};

/// Fits the mixture to x (non-empty), started from the lower quartile and the 90th centile with
/// the SD of the interquartile range; at most 200 EM steps, until no mean moves by 1e-6.
[[nodiscard]] TwoGaussianMixture fitTwoGaussianMixture(const std::vector<double>& x);

} // namespace insitu::detail
