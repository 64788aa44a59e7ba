// The critical size d*: logistic survival fitted to two samples, with a bootstrap interval,
// beside the KS-separation size and the Hodges–Lehmann median shift (methods-2.md §2).

#include "insitu/particles/size_statistics.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <functional>
#include <random>

namespace insitu {

namespace {

using Params = std::array<double, 3>; // log c, d*, log s

/// Negative log-likelihood of the pooled labels under P(survivor | d) = cS/(1 + cS).
double negLogLikelihood(const Params& p, const std::vector<double>& reference,
                        const std::vector<double>& survivors)
{
    const double logC = p[0], dStar = p[1], s = std::exp(p[2]);
    auto logOnePlusCS = [&](double d, double& logCS) {
        const double logS = -std::log1p(std::exp(-(d - dStar) / s));
        logCS = logC + logS;
        return logCS > 30 ? logCS : std::log1p(std::exp(logCS));
    };
    double nll = 0, logCS = 0;
    for (double d : reference)
        nll += logOnePlusCS(d, logCS);
    for (double d : survivors) {
        const double l = logOnePlusCS(d, logCS);
        nll -= logCS - l;
    }
    return nll;
}

/// Nelder–Mead minimisation (standard coefficients) from start with initial steps.
Params nelderMead(const std::function<double(const Params&)>& f, Params start, Params step)
{
    std::array<Params, 4> x{};
    std::array<double, 4> fx{};
    for (std::size_t i = 0; i < 4; ++i) {
        x[i] = start;
        if (i > 0)
            x[i][i - 1] += step[i - 1];
        fx[i] = f(x[i]);
    }
    for (int iter = 0; iter < 600; ++iter) {
        std::array<std::size_t, 4> order{0, 1, 2, 3};
        std::sort(order.begin(), order.end(), [&](auto a, auto b) { return fx[a] < fx[b]; });
        const std::size_t best = order[0], worst = order[3], second = order[2];
        if (std::abs(fx[worst] - fx[best]) < 1e-9 * (1 + std::abs(fx[best])))
            break;
        Params centroid{};
        for (std::size_t i : {order[0], order[1], order[2]})
            for (std::size_t d = 0; d < 3; ++d)
                centroid[d] += x[i][d] / 3;
        auto along = [&](double t) {
            Params p;
            for (std::size_t d = 0; d < 3; ++d)
                p[d] = centroid[d] + t * (x[worst][d] - centroid[d]);
            return p;
        };
        const Params reflected = along(-1);
        const double fr = f(reflected);
        if (fr < fx[best]) {
            const Params expanded = along(-2);
            const double fe = f(expanded);
            x[worst] = fe < fr ? expanded : reflected;
            fx[worst] = std::min(fe, fr);
        } else if (fr < fx[second]) {
            x[worst] = reflected;
            fx[worst] = fr;
        } else {
            const Params contracted = along(0.5);
            const double fc = f(contracted);
            if (fc < fx[worst]) {
                x[worst] = contracted;
                fx[worst] = fc;
            } else {
                for (std::size_t i : {order[1], order[2], order[3]}) {
                    for (std::size_t d = 0; d < 3; ++d)
                        x[i][d] = x[best][d] + 0.5 * (x[i][d] - x[best][d]);
                    fx[i] = f(x[i]);
                }
            }
        }
    }
    return x[static_cast<std::size_t>(std::min_element(fx.begin(), fx.end()) - fx.begin())];
}

std::optional<Params> fitParams(const std::vector<double>& reference,
                                const std::vector<double>& survivors, const Params* start)
{
    if (reference.size() < 3 || survivors.size() < 3)
        return std::nullopt;
    std::vector<double> pooled(reference);
    pooled.insert(pooled.end(), survivors.begin(), survivors.end());
    std::sort(pooled.begin(), pooled.end());
    const double lo = pooled.front(), hi = pooled.back(), range = std::max(hi - lo, 1e-9);
    const double minLogS = std::log(1e-3 * range);
    auto f = [&](const Params& p) {
        Params q = p;
        q[2] = std::max(q[2], minLogS);
        return negLogLikelihood(q, reference, survivors) +
               (p[2] < minLogS ? 1e3 * (minLogS - p[2]) : 0.0);
    };
    Params best{};
    if (start) {
        best = *start;
    } else {
        double bestValue = 1e300;
        const double baseC =
            std::log(static_cast<double>(survivors.size()) / static_cast<double>(reference.size()));
        for (int q = 1; q < 20; ++q) {
            const double dStar = pooled[pooled.size() * static_cast<std::size_t>(q) / 20];
            for (double sFrac : {0.01, 0.03, 0.1, 0.3})
                for (double dc : {0.0, 1.0, 2.0}) {
                    const Params p{baseC + dc, dStar, std::log(sFrac * range)};
                    const double v = f(p);
                    if (v < bestValue) {
                        bestValue = v;
                        best = p;
                    }
                }
        }
    }
    Params fit = nelderMead(f, best, {0.5, 0.05 * range, 0.5});
    fit[2] = std::max(fit[2], minLogS);
    if (!(fit[1] >= lo && fit[1] <= hi) || !std::isfinite(fit[0]))
        return std::nullopt;
    return fit;
}

double hodgesLehmannShift(const std::vector<double>& reference, const std::vector<double>& other)
{
    std::vector<double> diffs;
    const std::size_t stepA = std::max<std::size_t>(1, reference.size() / 1500);
    const std::size_t stepB = std::max<std::size_t>(1, other.size() / 1500);
    for (std::size_t i = 0; i < reference.size(); i += stepA)
        for (std::size_t j = 0; j < other.size(); j += stepB)
            diffs.push_back(other[j] - reference[i]);
    auto mid = diffs.begin() + static_cast<std::ptrdiff_t>(diffs.size() / 2);
    std::nth_element(diffs.begin(), mid, diffs.end());
    return *mid;
}

double medianOf(std::vector<double> v)
{
    auto mid = v.begin() + static_cast<std::ptrdiff_t>(v.size() / 2);
    std::nth_element(v.begin(), mid, v.end());
    return *mid;
}

double ksSeparationSize(std::vector<double> a, std::vector<double> b)
{
    std::sort(a.begin(), a.end());
    std::sort(b.begin(), b.end());
    std::vector<double> pooled(a);
    pooled.insert(pooled.end(), b.begin(), b.end());
    double best = 0, at = pooled.empty() ? 0 : pooled.front();
    for (double x : pooled) {
        const double fa = static_cast<double>(std::upper_bound(a.begin(), a.end(), x) - a.begin()) /
                          static_cast<double>(a.size());
        const double fb = static_cast<double>(std::upper_bound(b.begin(), b.end(), x) - b.begin()) /
                          static_cast<double>(b.size());
        if (std::abs(fa - fb) > best) {
            best = std::abs(fa - fb);
            at = x;
        }
    }
    return at;
}

} // namespace

std::optional<std::pair<double, double>> fitSurvival(const std::vector<double>& reference,
                                                     const std::vector<double>& survivors)
{
    const auto fit = fitParams(reference, survivors, nullptr);
    if (!fit)
        return std::nullopt;
    return std::pair{(*fit)[1], std::exp((*fit)[2])};
}

SizeComparison compareSizes(const std::string& nameA, const std::vector<double>& a,
                            const std::string& nameB, const std::vector<double>& b,
                            int bootstrapSamples, std::uint64_t seed)
{
    const bool aIsReference = medianOf(a) <= medianOf(b);
    const std::vector<double>& reference = aIsReference ? a : b;
    const std::vector<double>& survivors = aIsReference ? b : a;
    SizeComparison c;
    c.reference = aIsReference ? nameA : nameB;
    c.survivors = aIsReference ? nameB : nameA;
    std::tie(c.ksStatistic, c.ksP) = kolmogorovSmirnov(reference, survivors);
    std::tie(c.adStatistic, c.adP) = andersonDarling(reference, survivors);
    c.medianShift = hodgesLehmannShift(reference, survivors);
    c.ksSeparation = ksSeparationSize(reference, survivors);
    const auto fit = fitParams(reference, survivors, nullptr);
    if (!fit)
        return c;
    std::mt19937_64 rng(seed);
    std::vector<double> stars, ra(reference.size()), rb(survivors.size());
    for (int i = 0; i < bootstrapSamples; ++i) {
        std::uniform_int_distribution<std::size_t> pa(0, ra.size() - 1), pb(0, rb.size() - 1);
        for (double& d : ra)
            d = reference[pa(rng)];
        for (double& d : rb)
            d = survivors[pb(rng)];
        if (const auto r = fitParams(ra, rb, &*fit))
            stars.push_back((*r)[1]);
    }
    std::sort(stars.begin(), stars.end());
    Estimate e{(*fit)[1], (*fit)[1], (*fit)[1]};
    if (stars.size() >= 20) {
        e.lo = stars[static_cast<std::size_t>(0.025 * static_cast<double>(stars.size() - 1))];
        e.hi = stars[static_cast<std::size_t>(
            std::ceil(0.975 * static_cast<double>(stars.size() - 1)))];
    }
    c.criticalSize = e;
    c.survivalWidth = std::exp((*fit)[2]);
    return c;
}

} // namespace insitu
