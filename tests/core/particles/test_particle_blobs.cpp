// The blob detector (ParticleThreshold::Blob) on synthetic HAADF-STEM-like frames: small bright
// particles on a lumpy support with Poisson noise, over sizes, doses and seeds.

#include "particle_test_helpers.h"

#include "insitu/particles/particle_segment.h"
#include "insitu/synth/particle_field.h"

#include <catch2/catch.hpp>

using namespace insitu;

namespace {

SynthMovie haadfFrame(double medianDiameterPx, double dose, std::uint64_t seed)
{
    ParticleFieldScene s;
    s.haadf = true;
    s.imaging.frames = 1;
    s.imaging.width = s.imaging.height = 512;
    s.imaging.nmPerPixel = 0.25;
    s.imaging.dosePerPx = dose;
    s.imaging.seed = seed;
    s.imaging.illuminationGradient = 0.2;
    s.particleCount = 150;
    s.touchingPairs = 0;
    s.minGapPx = 2;
    s.medianDiameterNm = medianDiameterPx * s.imaging.nmPerPixel;
    s.sigmaLog = 0.3;
    s.minDiameterNm = 4 * s.imaging.nmPerPixel;
    s.maxDiameterNm = 3 * s.medianDiameterNm;
    s.edgeSigmaPx = 0.8; // probe
    return renderParticleField(s);
}

/// What a user gives for particles of about d px: half to two and a half times that.
ParticleOptions blobOptions(double medianDiameterPx)
{
    ParticleOptions o;
    o.polarity = ParticlePolarity::Bright;
    o.threshold = ParticleThreshold::Blob;
    o.minDiameterPx = std::max(3.0, 0.5 * medianDiameterPx);
    o.maxDiameterPx = 2.5 * medianDiameterPx;
    o.includeEdge = true;
    return o;
}

} // namespace

// Measured before this test first ran (same scenes, a tool linking the same core): recall
// 0.92-1.00, precision 0.948-1.00 over the grid.
TEST_CASE("particles: blob detector on synthetic HAADF frames", "[particles][blob]")
{
    const double diameterPx = GENERATE(6.0, 8.0, 12.0);
    const double dose = GENERATE(15.0, 30.0, 100.0);
    for (std::uint64_t seed : {1u, 2u}) {
        const SynthMovie movie = haadfFrame(diameterPx, dose, seed);
        const ParticleSegmentation seg =
            segmentParticles(movie.frames[0], std::nullopt, {}, blobOptions(diameterPx));
        const test::ParticleScore s =
            test::scoreParticles(movie.truth.particles, seg.result, 512, 512);
        INFO("d " << diameterPx << " px, dose " << dose << ", seed " << seed << ": truth "
                  << s.truthCount << " found " << s.foundCount << " matched " << s.matched
                  << " recall " << s.recall() << " precision " << s.precision());
        REQUIRE(s.truthCount >= 100);
        CHECK(s.recall() >= 0.90);
        CHECK(s.precision() >= 0.93);
    }
}

// Measured before this test first ran: 0 detections.
TEST_CASE("particles: blob detector finds nothing much in pure noise", "[particles][blob]")
{
    // a flat support with Poisson noise: the false detections stay near the rate asked for
    cv::Mat flat(1024, 1024, CV_32F);
    cv::RNG rng(11);
    rng.fill(flat, cv::RNG::NORMAL, 100, 10);
    ParticleOptions o = blobOptions(8);
    const ParticleSegmentation seg = segmentParticles(flat, std::nullopt, {}, o);
    INFO("found " << seg.result.particles.size() << " in 1 Mpx of noise");
    CHECK(seg.result.particles.size() <= 5);
}
