// Moving-block bootstrap of fit residuals (Künsch 1989; Lahiri 2003, ch. 2).

#include "insitu/error.h"

#include "fit_problem.h"

#include <algorithm>
#include <cmath>
#include <random>

namespace insitu::kinetics_detail {

namespace {
double percentile(std::vector<double> values, double q)
{
    std::sort(values.begin(), values.end());
    const double position = q * static_cast<double>(values.size() - 1);
    const auto below = static_cast<std::size_t>(std::floor(position));
    const auto above = std::min(below + 1, values.size() - 1);
    const double w = position - static_cast<double>(below);
    return values[below] * (1 - w) + values[above] * w;
}
} // namespace

int automaticBlockLength(const std::vector<double>& residuals)
{
    const int n = static_cast<int>(residuals.size());
    double mean = 0;
    for (const double r : residuals)
        mean += r;
    mean /= std::max(n, 1);
    double c0 = 0;
    for (const double r : residuals)
        c0 += (r - mean) * (r - mean);
    int decorrelation = 1;
    if (c0 > 0) {
        // Beyond n/16 lags the block is clamped to n/4 anyway: stop there (O(n²/16), not O(n²)).
        const int lastLag = std::min(n / 2 - 1, n / 16 + 1);
        for (int lag = 1; lag <= lastLag; ++lag) {
            double c = 0;
            for (int i = 0; i + lag < n; ++i)
                c += (residuals[i] - mean) * (residuals[i + lag] - mean);
            if (c / c0 < std::exp(-1.0)) {
                decorrelation = lag;
                break;
            }
            decorrelation = lag + 1;
        }
    }
    const int cubeRoot = static_cast<int>(std::ceil(std::cbrt(static_cast<double>(n))));
    // 4 decorrelation lags: measured on AR(1) residuals of linear fits (n = 200, ρ 0–0.9), shorter
    // blocks lose the cross-block correlation and undercover; n/4 keeps enough blocks to resample.
    return std::clamp(std::max(cubeRoot, 4 * decorrelation), 1, std::max(1, n / 4));
}

void bootstrapFit(const FitProblem& problem, const BootstrapOptions& options, FitResult& fit)
{
    const int n = static_cast<int>(problem.x.size());
    const int blockLength = options.blockLength > 0 ? std::min(options.blockLength, n)
                                                    : automaticBlockLength(fit.residuals);
    // Residuals of a k-parameter fit are shrunk by √((n − k)/n); undo that before resampling.
    const double inflate = std::sqrt(static_cast<double>(n) / std::max(fit.degreesOfFreedom, 1));
    std::vector<double> fitted(n);
    std::vector<double> params;
    for (const auto& p : fit.params)
        params.push_back(p.value);
    for (int i = 0; i < n; ++i)
        fitted[i] = problem.model->value(problem.x[i], params);

    std::mt19937_64 random(options.seed);
    std::uniform_int_distribution<int> blockStart(0, n - blockLength);
    FitProblem resampled = problem;
    resampled.start = params;
    resampled.multiStart = false; // starts at the fit, already in the right basin
    std::vector<std::vector<double>> estimates(params.size());
    for (int sample = 0; sample < options.samples; ++sample) {
        for (int i = 0; i < n;) {
            const int s = blockStart(random);
            for (int j = 0; j < blockLength && i < n; ++j, ++i)
                resampled.y[i] = fitted[i] + inflate * fit.residuals[s + j];
        }
        const auto solution = solveLeastSquares(resampled.leastSquares());
        if (!solution.converged)
            continue;
        for (std::size_t j = 0; j < params.size(); ++j)
            estimates[j].push_back(solution.params[j]);
    }
    fit.bootstrapSamples = static_cast<int>(estimates.empty() ? 0 : estimates.front().size());
    fit.bootstrapBlockLength = blockLength;
    fit.bootstrapSeed = options.seed;
    if (fit.bootstrapSamples < 2)
        return;
    for (std::size_t j = 0; j < params.size(); ++j) {
        auto& p = fit.params[j];
        if (p.fixed)
            continue;
        const auto& e = estimates[j];
        double mean = 0;
        for (const double v : e)
            mean += v;
        mean /= static_cast<double>(e.size());
        double ss = 0;
        for (const double v : e)
            ss += (v - mean) * (v - mean);
        p.bootstrapStandardError = std::sqrt(ss / static_cast<double>(e.size() - 1));
        p.bootstrapCi95Low = percentile(e, 0.025);
        p.bootstrapCi95High = percentile(e, 0.975);
    }
}

} // namespace insitu::kinetics_detail
