// ECD statistics: median, mean, KDE mode, lognormal MLE, percentile bootstrap; comparisons.

#include "insitu/crystal/grain_statistics.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <numeric>
#include <random>

namespace insitu {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double median(std::vector<double> v)
{
    if (v.empty())
        return kNaN;
    std::sort(v.begin(), v.end());
    const std::size_t n = v.size();
    return n % 2 == 1 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

double mean(const std::vector<double>& v)
{
    return v.empty() ? kNaN
                     : std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size());
}

std::vector<double> logs(const std::vector<double>& v)
{
    std::vector<double> out;
    for (double d : v)
        if (d > 0)
            out.push_back(std::log(d));
    return out;
}

double stddev(const std::vector<double>& v)
{
    if (v.size() < 2)
        return kNaN;
    const double m = mean(v);
    double s = 0;
    for (double x : v)
        s += (x - m) * (x - m);
    return std::sqrt(s / static_cast<double>(v.size())); // maximum likelihood
}

ValueInterval percentileInterval(double value, std::vector<double> draws)
{
    ValueInterval out{value, value, value};
    draws.erase(
        std::remove_if(draws.begin(), draws.end(), [](double d) { return !std::isfinite(d); }),
        draws.end());
    if (draws.empty())
        return out;
    std::sort(draws.begin(), draws.end());
    const auto at = [&](double q) {
        return draws[static_cast<std::size_t>(q * static_cast<double>(draws.size() - 1))];
    };
    out.low = std::min(value, at(0.025));
    out.high = std::max(value, at(0.975));
    return out;
}

std::vector<double> resample(const std::vector<double>& v, std::mt19937_64& rng)
{
    std::uniform_int_distribution<std::size_t> pick(0, v.size() - 1);
    std::vector<double> out(v.size());
    for (double& x : out)
        x = v[pick(rng)];
    return out;
}

} // namespace

double kernelDensityMode(const std::vector<double>& diameters)
{
    const std::vector<double> l = logs(diameters);
    if (l.size() < 2)
        return l.empty() ? kNaN : std::exp(l.front());
    const double s = stddev(l);
    std::vector<double> sorted = l;
    std::sort(sorted.begin(), sorted.end());
    const double iqr = sorted[sorted.size() * 3 / 4] - sorted[sorted.size() / 4];
    double spread = std::min(s, iqr / 1.34);
    if (!(spread > 0))
        spread = s > 0 ? s : 0.05;
    const double h = 0.9 * spread * std::pow(static_cast<double>(l.size()), -0.2);
    const double lo = sorted.front() - 2 * h;
    const double hi = sorted.back() + 2 * h;
    constexpr int kGrid = 512;
    double best = -1, bestD = std::exp(sorted.front());
    for (int i = 0; i <= kGrid; ++i) {
        const double u = lo + (hi - lo) * i / kGrid;
        double density = 0;
        for (double x : l)
            density += std::exp(-0.5 * (u - x) * (u - x) / (h * h));
        density /= std::exp(u); // density of d, not of ln d
        if (density > best) {
            best = density;
            bestD = std::exp(u);
        }
    }
    return bestD;
}

EcdStatistics ecdStatistics(const std::vector<double>& diameters,
                            const EcdStatisticsOptions& options)
{
    EcdStatistics out;
    out.count = static_cast<int>(diameters.size());
    auto compute = [](const std::vector<double>& v) {
        const std::vector<double> l = logs(v);
        return std::array<double, 5>{
            median(v), mean(v), v.size() >= 2 ? kernelDensityMode(v) : kNaN, mean(l), stddev(l)};
    };
    const auto point = compute(diameters);
    std::array<std::vector<double>, 5> draws;
    if (diameters.size() >= 2) {
        std::mt19937_64 rng(options.seed);
        for (int b = 0; b < options.bootstrapSamples; ++b) {
            const auto s = compute(resample(diameters, rng));
            for (std::size_t k = 0; k < 5; ++k)
                draws[k].push_back(s[k]);
        }
    }
    ValueInterval* targets[5] = {&out.median, &out.mean, &out.mode, &out.logMu, &out.logSigma};
    for (std::size_t k = 0; k < 5; ++k)
        *targets[k] = percentileInterval(point[k], draws[k]);
    return out;
}

EcdComparison compareEcd(const std::vector<double>& before, const std::vector<double>& after,
                         const EcdStatisticsOptions& options)
{
    EcdComparison out;
    if (before.size() < 2 || after.size() < 2) {
        out.medianRatio = out.modeRatio = {kNaN, kNaN, kNaN};
        return out;
    }
    std::mt19937_64 rng(options.seed);
    std::vector<double> medians, modes;
    for (int b = 0; b < options.bootstrapSamples; ++b) {
        const auto rb = resample(before, rng);
        const auto ra = resample(after, rng);
        medians.push_back(median(ra) / median(rb));
        modes.push_back(kernelDensityMode(ra) / kernelDensityMode(rb));
    }
    out.medianRatio = percentileInterval(median(after) / median(before), medians);
    out.modeRatio = percentileInterval(kernelDensityMode(after) / kernelDensityMode(before), modes);
    out.significant = out.medianRatio.high < 1 || out.medianRatio.low > 1;
    return out;
}

} // namespace insitu
