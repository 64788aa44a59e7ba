// Linearised moving-block bootstrap of fit residuals with an AR(1) truncation correction.

#include "block_interval.h"

#include "fit_problem.h"

#include <Eigen/Dense>

#include <algorithm>
#include <cmath>
#include <random>

namespace insitu::kinetics_detail {

namespace {

/// Variance inflation that blocks of length l see of an AR(1) with lag-1 correlation ρ ≥ 0.
double blockInflation(double rho, int blockLength)
{
    double sum = 1;
    double power = 1;
    for (int lag = 1; lag < blockLength; ++lag) {
        power *= rho;
        sum += 2 * (1 - static_cast<double>(lag) / blockLength) * power;
    }
    return sum;
}

/// The ρ in [0, 0.999] whose block inflation is `inflation` (bisection; 0 when ≤ 1).
double matchingRho(double inflation, int blockLength)
{
    constexpr double rhoMax = 0.999;
    if (!(inflation > 1))
        return 0;
    if (blockInflation(rhoMax, blockLength) <= inflation)
        return rhoMax;
    double low = 0;
    double high = rhoMax;
    for (int step = 0; step < 60; ++step) {
        const double mid = (low + high) / 2;
        (blockInflation(mid, blockLength) < inflation ? low : high) = mid;
    }
    return (low + high) / 2;
}

/// Resamples: the requested count, fewer on very long series (cost n·k per resample), ≥ 200.
int sampleCount(int requested, Eigen::Index n, Eigen::Index k)
{
    constexpr double budget = 1e8; // multiply-adds
    const double affordable = budget / static_cast<double>(std::max<Eigen::Index>(n * k, 1));
    return std::max(std::min(requested, static_cast<int>(affordable)), std::min(requested, 200));
}

} // namespace

BlockInterval blockBootstrapInterval(const Eigen::MatrixXd& jacobian,
                                     const Eigen::MatrixXd& covarianceUnscaled,
                                     const std::vector<double>& residuals,
                                     const IntervalOptions& options)
{
    const Eigen::Index n = jacobian.rows();
    const Eigen::Index k = jacobian.cols();
    BlockInterval interval;
    if (k == 0 || n <= k || static_cast<Eigen::Index>(residuals.size()) != n ||
        !covarianceUnscaled.allFinite())
        return interval;
    const int count = static_cast<int>(n);
    const int blockLength = options.blockLength > 0 ? std::min(options.blockLength, count)
                                                    : automaticBlockLength(residuals);
    interval.blockLength = blockLength;

    const double dof = static_cast<double>(n - k);
    double rss = 0;
    for (const double r : residuals)
        rss += r * r;
    const double s2 = rss / dof;
    // Residuals of a k-parameter fit are shrunk by √((n − k)/n); undo that before resampling.
    const double inflate = std::sqrt(static_cast<double>(n) / dof);
    const Eigen::MatrixXd oneStep = covarianceUnscaled * jacobian.transpose(); // k × n

    std::mt19937_64 random(options.seed);
    std::uniform_int_distribution<int> blockStart(0, count - blockLength);
    const int samples = sampleCount(options.samples, n, k);
    Eigen::VectorXd resampled(n);
    Eigen::VectorXd sum = Eigen::VectorXd::Zero(k);
    Eigen::VectorXd sumSquares = Eigen::VectorXd::Zero(k);
    for (int sample = 0; sample < samples; ++sample) {
        for (int i = 0; i < count;) {
            const int start = blockStart(random);
            for (int j = 0; j < blockLength && i < count; ++j, ++i)
                resampled(i) = inflate * residuals[static_cast<std::size_t>(start + j)];
        }
        const Eigen::VectorXd step = oneStep * resampled;
        sum += step;
        sumSquares += step.cwiseProduct(step);
    }

    const double nD = static_cast<double>(n);
    const double kD = static_cast<double>(k);
    for (Eigen::Index j = 0; j < k; ++j) {
        const double mean = sum(j) / samples;
        const double bootstrapVariance =
            std::max(0.0, (sumSquares(j) - samples * mean * mean) / std::max(samples - 1, 1));
        const double tVariance = s2 * covarianceUnscaled(j, j);
        double inflation = tVariance > 0 ? bootstrapVariance / tVariance : 1.0;
        const double rho = matchingRho(inflation, blockLength);
        inflation = std::clamp(std::max(inflation, (1 + rho) / (1 - rho)), 1.0, nD);
        // Fitting k parameters to n_eff independent stretches shrinks the residuals as n − k
        // does for n independent points; the t variance already holds n/(n − k).
        const double effective = nD / inflation;
        const double smallSample =
            (std::max(effective, kD + 1) / std::max(effective - kD, 1.0)) / (nD / dof);
        interval.standardError.push_back(std::sqrt(tVariance * inflation * smallSample));
        interval.degreesOfFreedom.push_back(std::max(1.0, effective - kD));
        interval.effectiveSamples.push_back(effective);
    }
    return interval;
}

} // namespace insitu::kinetics_detail
