// Size statistics: lognormal intervals cover the truth, the tests separate what differs, and
// the critical size d* from synthetic two-region frames lands within 0.3 nm of the truth.

#include "insitu/particles/particle_segment.h"
#include "insitu/particles/size_statistics.h"
#include "insitu/synth/particle_field.h"

#include <catch2/catch.hpp>

#include <random>

using namespace insitu;

TEST_CASE("particles: lognormal median interval covers the truth about 95 % of the time",
          "[particles]")
{
    int covered = 0;
    constexpr int trials = 200;
    for (int t = 0; t < trials; ++t) {
        std::mt19937_64 rng(static_cast<std::uint64_t>(t) + 11);
        std::lognormal_distribution<double> draw(std::log(4.0), 0.3);
        std::vector<double> d(80);
        for (double& v : d)
            v = draw(rng);
        const auto fit = fitLognormal(d, 300, static_cast<std::uint64_t>(t));
        REQUIRE(fit);
        covered += fit->median.lo <= 4.0 && 4.0 <= fit->median.hi ? 1 : 0;
    }
    CHECK(covered >= 0.90 * trials);
    CHECK(covered <= 0.99 * trials);
}

TEST_CASE("particles: KS and AD tests reject different and keep equal samples", "[particles]")
{
    std::mt19937_64 rng(5);
    std::normal_distribution<double> a(4.0, 0.8), b(4.6, 0.8);
    std::vector<double> x(150), y(150), z(150);
    for (std::size_t i = 0; i < x.size(); ++i) {
        x[i] = a(rng);
        y[i] = b(rng);
        z[i] = a(rng);
    }
    const auto [dDiff, pDiff] = kolmogorovSmirnov(x, y);
    const auto [dSame, pSame] = kolmogorovSmirnov(x, z);
    CHECK(pDiff < 0.01);
    CHECK(pSame > 0.05);
    CHECK(dDiff > dSame);
    CHECK(andersonDarling(x, y).second < 0.01);
    CHECK(andersonDarling(x, z).second > 0.05);
}

TEST_CASE("particles: critical size from two synthetic regions within 0.3 nm", "[particles]")
{
    const double cutoffNm = GENERATE(5.0, 5.5);
    const std::uint64_t seed = GENERATE(1u, 2u);
    ParticleFieldScene s;
    s.imaging.frames = 1;
    s.imaging.width = s.imaging.height = 1024;
    s.imaging.nmPerPixel = 0.25;
    s.imaging.dosePerPx = 30;
    s.imaging.seed = seed;
    s.imaging.illuminationGradient = 0.3;
    s.particleCount = 1600;
    s.touchingPairs = 20;
    s.minGapPx = 2;
    s.survivalCutoffNm = cutoffNm;
    const SynthMovie movie = renderParticleField(s);
    Roi ahead{
        .id = 1, .name = "ahead", .shape = RoiShape::Rectangle, .points = {{0, 0}, {511, 1023}}};
    Roi behind{.id = 2,
               .name = "behind",
               .shape = RoiShape::Rectangle,
               .points = {{512, 0}, {1023, 1023}}};
    ParticleOptions options;
    options.bootstrapSamples = 200;
    const ParticleSegmentation seg =
        segmentParticles(movie.frames[0], 0.25, {ahead, behind}, options);
    REQUIRE(seg.result.comparison);
    const SizeComparison& c = *seg.result.comparison;
    REQUIRE(c.criticalSize);
    INFO("cut-off " << cutoffNm << " seed " << seed << ": d* " << c.criticalSize->value << " ["
                    << c.criticalSize->lo << ", " << c.criticalSize->hi << "], KS separation "
                    << c.ksSeparation << ", counts " << seg.result.regions[0].count << " / "
                    << seg.result.regions[1].count);
    CHECK(c.reference == "ahead");
    CHECK(c.survivors == "behind");
    CHECK(std::abs(c.criticalSize->value - cutoffNm) <= 0.3);
    CHECK(c.criticalSize->lo <= c.criticalSize->value);
    CHECK(c.criticalSize->hi >= c.criticalSize->value);
    CHECK(c.ksP < 1e-6);
}
