// A two-component 1-D Gaussian mixture fitted by EM.

#include "gaussian_mixture.h"

#include <algorithm>
#include <cmath>
#include <cstddef>

namespace insitu::detail {

TwoGaussianMixture fitTwoGaussianMixture(const std::vector<double>& x)
{
    TwoGaussianMixture fit;
    if (x.empty())
        return fit;
    const auto n = static_cast<double>(x.size());
    std::vector<double> sorted = x;
    std::sort(sorted.begin(), sorted.end());
    auto quantile = [&](double q) {
        return sorted[static_cast<std::size_t>(q * static_cast<double>(sorted.size() - 1))];
    };
    double* mu = fit.mu;
    double* sigma = fit.sigma;
    double* weight = fit.weight;
    mu[0] = quantile(0.25);
    mu[1] = quantile(0.9);
    const double sd0 = std::max(1e-3, (quantile(0.75) - quantile(0.25)) / 1.35);
    sigma[0] = sigma[1] = sd0;
    std::vector<double>& posterior = fit.posterior;
    posterior.assign(x.size(), 0.0);
    for (int iteration = 0; iteration < 200; ++iteration) {
        for (std::size_t i = 0; i < x.size(); ++i) {
            double p[2];
            for (int c = 0; c < 2; ++c) {
                const double z = (x[i] - mu[c]) / sigma[c];
                p[c] = weight[c] / sigma[c] * std::exp(-0.5 * z * z);
            }
            posterior[i] = p[1] / std::max(1e-300, p[0] + p[1]);
        }
        double moved = 0;
        for (int c = 0; c < 2; ++c) {
            double sw = 0, sx = 0, sxx = 0;
            for (std::size_t i = 0; i < x.size(); ++i) {
                const double w = c == 1 ? posterior[i] : 1 - posterior[i];
                sw += w;
                sx += w * x[i];
            }
            const double m = sw > 0 ? sx / sw : mu[c];
            for (std::size_t i = 0; i < x.size(); ++i) {
                const double w = c == 1 ? posterior[i] : 1 - posterior[i];
                sxx += w * (x[i] - m) * (x[i] - m);
            }
            moved = std::max(moved, std::abs(m - mu[c]));
            mu[c] = m;
            sigma[c] = std::max(1e-3, sw > 0 ? std::sqrt(sxx / sw) : sigma[c]);
            weight[c] = std::max(1e-6, sw / n);
        }
        if (moved < 1e-6)
            break;
    }
    return fit;
}

} // namespace insitu::detail
