// Hand edits: delete, merge, split and add change the labels and the measures as asked, and
// replay onto a fresh segmentation with the same result.

#include "insitu/particles/particle_edits.h"

#include <catch2/catch.hpp>
#include <opencv2/imgproc.hpp>

#include <random>

using namespace insitu;

namespace {

/// Dark discs of radius 8 px on a grid and one elongated particle (40 × 12 px, centred at
/// (120, 55)), with Gaussian noise (σ = 4 counts on a contrast of 60).
cv::Mat discFrame(unsigned seed)
{
    cv::Mat frame(160, 240, CV_32F, cv::Scalar(100));
    for (int row = 0; row < 3; ++row)
        for (int col = 0; col < 5; ++col)
            cv::circle(frame, {30 + 45 * col, 30 + 50 * row}, 8, cv::Scalar(40), cv::FILLED);
    cv::ellipse(frame, {120, 55}, {20, 6}, 0, 0, 360, cv::Scalar(40), cv::FILLED);
    cv::Mat noise(frame.size(), CV_32F);
    cv::RNG rng(seed);
    rng.fill(noise, cv::RNG::NORMAL, 0, 4);
    return frame + noise;
}

const Particle* particleNear(const ParticleResult& r, double x, double y)
{
    for (const Particle& p : r.particles)
        if (std::hypot(p.xPx - x, p.yPx - y) < 4)
            return &p;
    return nullptr;
}

} // namespace

TEST_CASE("particle edits: delete, merge, split, add; replayed edits give the same labels",
          "[particles][edits]")
{
    for (unsigned seed : {1u, 2u, 3u}) {
        const cv::Mat frame = discFrame(seed);
        ParticleOptions options;
        options.bootstrapSamples = 20;
        ParticleSegmentation seg = segmentParticles(frame, std::nullopt, {}, options);
        REQUIRE(seg.result.particles.size() == 16);
        const double rodArea = particleNear(seg.result, 120, 55)->areaPx;
        const double discArea = particleNear(seg.result, 75, 80)->areaPx;

        const ParticleEdit del{ParticleEditKind::Delete, 30, 30, 0, 0};
        REQUIRE(applyParticleEdit(seg, frame, {}, del));
        CHECK(seg.result.particles.size() == 15);
        CHECK(particleNear(seg.result, 30, 30) == nullptr);
        CHECK_FALSE(applyParticleEdit(seg, frame, {}, del)); // nothing left there

        const ParticleEdit add{ParticleEditKind::Add, 31, 29, 0, 0};
        REQUIRE(applyParticleEdit(seg, frame, {}, add));
        REQUIRE(seg.result.particles.size() == 16);
        const Particle* added = particleNear(seg.result, 30, 30);
        REQUIRE(added != nullptr);
        CHECK(added->areaPx == Approx(discArea).epsilon(0.15));
        CHECK_FALSE(applyParticleEdit(seg, frame, {}, {ParticleEditKind::Add, 52, 55, 0, 0}));

        const ParticleEdit merge{ParticleEditKind::Merge, 75, 80, 120, 80};
        REQUIRE(applyParticleEdit(seg, frame, {}, merge));
        CHECK(seg.result.particles.size() == 15);
        const Particle* merged = particleNear(seg.result, 97.5, 80);
        REQUIRE(merged != nullptr);
        CHECK(merged->areaPx == Approx(2 * discArea).epsilon(0.1));

        const ParticleEdit split{ParticleEditKind::Split, 119, 40, 121, 70};
        REQUIRE(applyParticleEdit(seg, frame, {}, split));
        CHECK(seg.result.particles.size() == 16);
        const Particle* left = particleNear(seg.result, 110, 55);
        const Particle* right = particleNear(seg.result, 130, 55);
        REQUIRE(left != nullptr);
        REQUIRE(right != nullptr);
        CHECK(left->areaPx + right->areaPx == Approx(rodArea).epsilon(0.02));
        CHECK(left->areaPx == Approx(rodArea / 2).epsilon(0.1));
        CHECK_FALSE(applyParticleEdit(seg, frame, {}, {ParticleEditKind::Split, 5, 5, 10, 5}));

        ParticleSegmentation replay = segmentParticles(frame, std::nullopt, {}, options);
        CHECK(applyParticleEdits(replay, frame, {}, {del, del, add, merge, split}) == 4);
        CHECK(cv::countNonZero(replay.labels != seg.labels) == 0);
        CHECK(replay.result == seg.result);
    }
}

TEST_CASE("particle edit names round-trip; an unknown name is refused", "[particles][edits]")
{
    for (auto kind : {ParticleEditKind::Delete, ParticleEditKind::Merge, ParticleEditKind::Split,
                      ParticleEditKind::Add})
        CHECK(particleEditKindFromName(particleEditKindName(kind)) == kind);
    CHECK_THROWS(particleEditKindFromName("erase"));
}
