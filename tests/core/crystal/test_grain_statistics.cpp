// ECD statistics on lognormal samples of known parameters: interval coverage of the median, the
// kernel-density mode, the lognormal fit, and the before/after comparison of mode 20 → 10 nm.

#include "insitu/crystal/grain_statistics.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <random>

using namespace insitu;

namespace {

/// n lognormal diameters whose density of d has its mode at modeNm.
std::vector<double> lognormalSample(double modeNm, double sigma, int n, std::uint64_t seed)
{
    const double mu = std::log(modeNm) + sigma * sigma;
    std::mt19937_64 rng(seed);
    std::lognormal_distribution<double> draw(mu, sigma);
    std::vector<double> v(static_cast<std::size_t>(n));
    for (double& d : v)
        d = draw(rng);
    return v;
}

} // namespace

TEST_CASE("ECD statistics of lognormal samples: intervals cover the truth", "[grains][stats]")
{
    const double sigma = 0.3;
    const double trueMedian = 20 * std::exp(sigma * sigma);
    int covered = 0;
    const int seeds = 10;
    for (int seed = 1; seed <= seeds; ++seed) {
        const auto sample = lognormalSample(20, sigma, 200, static_cast<std::uint64_t>(seed));
        const EcdStatistics s = ecdStatistics(sample);
        CHECK(s.count == 200);
        covered += s.median.low <= trueMedian && trueMedian <= s.median.high ? 1 : 0;
        CHECK(s.logSigma.value == Approx(sigma).epsilon(0.2));
        CHECK(s.mode.value == Approx(20).epsilon(0.15));
        CHECK(s.mode.low <= s.mode.value);
        CHECK(s.mode.value <= s.mode.high);
    }
    CHECK(covered >= 8); // 95 % intervals: 10 of 10 expected, ≥ 8 with probability > 0.98
}

TEST_CASE("before/after comparison detects a 20 → 10 nm shrink", "[grains][stats]")
{
    const auto before = lognormalSample(20, 0.3, 150, 7);
    const auto after = lognormalSample(10, 0.3, 150, 8);
    const EcdComparison c = compareEcd(before, after);
    CHECK(c.significant);
    CHECK(c.medianRatio.low <= 0.5);
    CHECK(0.5 <= c.medianRatio.high);
    const EcdComparison same = compareEcd(before, lognormalSample(20, 0.3, 150, 9));
    CHECK(same.medianRatio.low <= 1.0);
    CHECK(1.0 <= same.medianRatio.high);
}
