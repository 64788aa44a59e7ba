// segmentParticles against the synthetic truth: recall, precision, ECD error, touching pairs,
// over doses, pixel sizes (with HRTEM-like fringes) and seeds (issue #17 targets).

#include "particle_test_helpers.h"

#include "insitu/particles/particle_segment.h"
#include "insitu/synth/particle_field.h"

#include <catch2/catch.hpp>

using namespace insitu;

namespace {

ParticleFieldScene scene(double nmPerPixel, int size, double dose, std::uint64_t seed, bool fringes)
{
    ParticleFieldScene s;
    s.imaging.frames = 1;
    s.imaging.width = s.imaging.height = size;
    s.imaging.nmPerPixel = nmPerPixel;
    s.imaging.dosePerPx = dose;
    s.imaging.seed = seed;
    s.imaging.illuminationGradient = 0.3; // uneven illumination
    s.particleCount = 400;
    s.touchingPairs = 12;
    s.minGapPx = 0.5 / nmPerPixel;
    if (fringes)
        s.fringeSpacingNm = 0.208; // Cu(111)
    return s;
}

} // namespace

TEST_CASE("particles: recall, precision and ECD error on synthetic frames", "[particles]")
{
    struct Case
    {
        double nmPerPixel;
        int size;
        double dose;
        bool fringes;
    };
    int pairs = 0, pairsSplit = 0;
    for (const Case c : {Case{0.25, 384, 30, false}, Case{0.25, 384, 20, false},
                         Case{0.08, 640, 30, true}, Case{0.1, 512, 100, true}})
        for (std::uint64_t seed : {1u, 2u, 3u}) {
            const ParticleFieldScene sc = scene(c.nmPerPixel, c.size, c.dose, seed, c.fringes);
            const SynthMovie movie = renderParticleField(sc);
            const ParticleSegmentation seg =
                segmentParticles(movie.frames[0], c.nmPerPixel, {}, ParticleOptions{});
            const test::ParticleScore s =
                test::scoreParticles(movie.truth.particles, seg.result, c.size, c.size);
            INFO("px " << c.nmPerPixel << " dose " << c.dose << " seed " << seed << ": truth "
                       << s.truthCount << " found " << s.foundCount << " matched " << s.matched
                       << " rms " << s.rmsErrorNm << " bias " << s.biasNm << " pairs "
                       << s.pairsSplit << "/" << s.pairs);
            REQUIRE(s.truthCount >= 20);
            CHECK(s.recall() >= 0.95);
            CHECK(s.precision() >= 0.95);
            CHECK(s.rmsErrorNm <= 0.3);
            CHECK(std::abs(s.biasNm) <= 0.15);
            CHECK(seg.result.polarityUsed == ParticlePolarity::Dark);
            pairs += s.pairs;
            pairsSplit += s.pairsSplit;
        }
    INFO("touching pairs split " << pairsSplit << " / " << pairs);
    CHECK(pairsSplit >= 0.9 * pairs);
}
