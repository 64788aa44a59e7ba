// Lognormal MLE with bootstrap intervals, shared histogram bins and the per-region statistics.

#include "insitu/particles/size_statistics.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

namespace insitu {

namespace {

double quantileOf(std::vector<double> v, double q)
{
    if (v.empty())
        return std::nan("");
    std::sort(v.begin(), v.end());
    const double pos = q * static_cast<double>(v.size() - 1);
    const auto i = static_cast<std::size_t>(std::floor(pos));
    const std::size_t j = std::min(i + 1, v.size() - 1);
    return v[i] + (pos - static_cast<double>(i)) * (v[j] - v[i]);
}

struct Moments
{
    double mu = 0, sigma = 0;
};

/// Mean and SD (1/n) of logs (the logarithms of the sizes).
Moments momentsOfLogs(const std::vector<double>& logs)
{
    Moments m;
    for (double l : logs)
        m.mu += l;
    m.mu /= static_cast<double>(logs.size());
    for (double l : logs)
        m.sigma += (l - m.mu) * (l - m.mu);
    m.sigma = std::sqrt(m.sigma / static_cast<double>(logs.size()));
    return m;
}

Estimate withInterval(double value, const std::vector<double>& samples)
{
    return {value, quantileOf(samples, 0.025), quantileOf(samples, 0.975)};
}

} // namespace

std::optional<LognormalFit> fitLognormal(const std::vector<double>& sizes, int bootstrapSamples,
                                         std::uint64_t seed)
{
    if (sizes.size() < 3)
        return std::nullopt;
    // the logarithms once: each resample picks them (the same values as log(picked size))
    std::vector<double> logs(sizes.size());
    std::transform(sizes.begin(), sizes.end(), logs.begin(), [](double d) { return std::log(d); });
    const Moments m = momentsOfLogs(logs);
    std::mt19937_64 rng(seed);
    std::uniform_int_distribution<std::size_t> pick(0, sizes.size() - 1);
    std::vector<double> mus, sigmas, medians, means, modes, resample(sizes.size());
    for (int b = 0; b < bootstrapSamples; ++b) {
        for (double& l : resample)
            l = logs[pick(rng)];
        const Moments r = momentsOfLogs(resample);
        mus.push_back(r.mu);
        sigmas.push_back(r.sigma);
        medians.push_back(std::exp(r.mu));
        means.push_back(std::exp(r.mu + r.sigma * r.sigma / 2));
        modes.push_back(std::exp(r.mu - r.sigma * r.sigma));
    }
    LognormalFit fit;
    fit.mu = withInterval(m.mu, mus);
    fit.sigma = withInterval(m.sigma, sigmas);
    fit.median = withInterval(std::exp(m.mu), medians);
    fit.mean = withInterval(std::exp(m.mu + m.sigma * m.sigma / 2), means);
    fit.mode = withInterval(std::exp(m.mu - m.sigma * m.sigma), modes);
    return fit;
}

std::vector<double> sharedBinEdges(const std::vector<double>& pooled)
{
    if (pooled.empty())
        return {};
    const auto [minIt, maxIt] = std::minmax_element(pooled.begin(), pooled.end());
    const double lo = *minIt, hi = *maxIt;
    const double iqr = quantileOf(pooled, 0.75) - quantileOf(pooled, 0.25);
    double width = 2 * iqr / std::cbrt(static_cast<double>(pooled.size()));
    if (!(width > 0))
        width = std::max(hi - lo, std::abs(hi) * 0.1 + 1e-9);
    const int bins = std::clamp(static_cast<int>(std::ceil((hi - lo) / width)), 1, 200);
    width = std::max(hi - lo, 1e-9) / bins;
    std::vector<double> edges;
    for (int i = 0; i <= bins; ++i)
        edges.push_back(lo + i * width);
    return edges;
}

void computeStatistics(ParticleResult& result, const std::vector<std::string>& regionNames,
                       const std::vector<double>& regionAreasPx)
{
    const ParticleOptions& o = result.options;
    std::vector<std::vector<double>> sizes(regionNames.size()), areas(regionNames.size());
    std::vector<double> pooled;
    for (const Particle& p : result.particles) {
        if (p.edge && !o.includeEdge)
            continue;
        const auto it = std::find(regionNames.begin(), regionNames.end(), p.region);
        if (it == regionNames.end())
            continue;
        const auto r = static_cast<std::size_t>(it - regionNames.begin());
        sizes[r].push_back(result.toLength(p.ecdPx()));
        areas[r].push_back(result.toArea(p.areaPx));
        pooled.push_back(sizes[r].back());
    }
    result.binEdges = sharedBinEdges(pooled);
    result.regions.clear();
    for (std::size_t r = 0; r < regionNames.size(); ++r) {
        RegionStatistics s;
        s.name = regionNames[r];
        s.count = static_cast<int>(sizes[r].size());
        s.regionAreaPx = regionAreasPx[r];
        s.densityPerPx2 = s.count / regionAreasPx[r];
        const double particleArea = std::accumulate(areas[r].begin(), areas[r].end(), 0.0);
        s.areaFraction = particleArea / result.toArea(regionAreasPx[r]);
        if (!sizes[r].empty()) {
            s.ecdMean = std::accumulate(sizes[r].begin(), sizes[r].end(), 0.0) /
                        static_cast<double>(s.count);
            s.ecdMedian = quantileOf(sizes[r], 0.5);
            double ss = 0;
            for (double d : sizes[r])
                ss += (d - s.ecdMean) * (d - s.ecdMean);
            s.ecdSd = s.count > 1 ? std::sqrt(ss / (s.count - 1)) : 0.0;
        }
        s.lognormal = fitLognormal(sizes[r], o.bootstrapSamples, o.bootstrapSeed + r);
        const std::size_t bins = result.binEdges.empty() ? 0 : result.binEdges.size() - 1;
        s.numberHistogram.assign(bins, 0.0);
        s.areaHistogram.assign(bins, 0.0);
        for (std::size_t i = 0; i < sizes[r].size(); ++i) {
            auto b = static_cast<std::size_t>(
                std::upper_bound(result.binEdges.begin(), result.binEdges.end(), sizes[r][i]) -
                result.binEdges.begin());
            b = std::clamp<std::size_t>(b, 1, bins) - 1;
            s.numberHistogram[b] += 1;
            s.areaHistogram[b] += areas[r][i];
        }
        result.regions.push_back(std::move(s));
    }
    result.comparison.reset();
    if (regionNames.size() >= 2 && sizes[0].size() >= 3 && sizes[1].size() >= 3)
        result.comparison = compareSizes(regionNames[0], sizes[0], regionNames[1], sizes[1],
                                         o.bootstrapSamples, o.bootstrapSeed + 100);
}

} // namespace insitu
