// Moving-block bootstrap of fit residuals (Künsch 1989; Lahiri 2003, ch. 2).

#include "insitu/error.h"

#include "fit_problem.h"

#include <opencv2/core.hpp>

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
/// Sums Σ (r_i − r̄)(r_{i+lag} − r̄) for lag = 0 … maxLag, by FFT (O(n log n): the direct sums
/// cost O(n · maxLag), minutes for 10⁶ strongly correlated residuals).
std::vector<double> autocovariance(const std::vector<double>& residuals, int maxLag)
{
    const int n = static_cast<int>(residuals.size());
    if (n == 0 || maxLag < 0)
        return {};
    double mean = 0;
    for (const double r : residuals)
        mean += r;
    mean /= n;
    const int size = cv::getOptimalDFTSize(2 * n);
    cv::Mat centred = cv::Mat::zeros(1, size, CV_64F);
    for (int i = 0; i < n; ++i)
        centred.at<double>(0, i) = residuals[static_cast<std::size_t>(i)] - mean;
    cv::Mat spectrum, power, correlation;
    cv::dft(centred, spectrum, cv::DFT_COMPLEX_OUTPUT);
    cv::mulSpectrums(spectrum, spectrum, power, 0, true); // F · conj(F)
    cv::dft(power, correlation, cv::DFT_INVERSE | cv::DFT_SCALE | cv::DFT_REAL_OUTPUT);
    std::vector<double> acf(static_cast<std::size_t>(std::min(maxLag, n - 1) + 1));
    for (std::size_t lag = 0; lag < acf.size(); ++lag)
        acf[lag] = correlation.at<double>(0, static_cast<int>(lag));
    return acf;
}
} // namespace

int automaticBlockLength(const std::vector<double>& residuals)
{
    const int n = static_cast<int>(residuals.size());
    const std::vector<double> acf = autocovariance(residuals, std::min(n / 2 - 1, n / 16 + 1));
    int decorrelation = 1;
    if (!acf.empty() && acf[0] > 0) {
        // Beyond n/16 lags the block is clamped to n/4 anyway: stop there.
        const int lastLag = static_cast<int>(acf.size()) - 1;
        for (int lag = 1; lag <= lastLag; ++lag) {
            if (acf[static_cast<std::size_t>(lag)] / acf[0] < std::exp(-1.0)) {
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
