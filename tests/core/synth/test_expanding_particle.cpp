// expanding-particle scene: outer areas by threshold match the truth; the coating cracks on time.

#include "synth_test_helpers.h"

#include "insitu/synth/expanding_particle.h"

#include <catch2/catch.hpp>
#include <opencv2/imgproc.hpp>

#include <cmath>

using namespace insitu;

namespace {

/// Area inside the outer outline: threshold at half the coating absorption, holes filled.
double filledArea(const cv::Mat& t, double threshold, double cx, double cy, double reach)
{
    const cv::Rect window(static_cast<int>(cx - reach), static_cast<int>(cy - reach),
                          static_cast<int>(2 * reach), static_cast<int>(2 * reach));
    cv::Mat outside = (t(window) >= threshold);
    cv::floodFill(outside, cv::Point(0, 0), cv::Scalar(128), nullptr, 0, 0, 4);
    return static_cast<double>(window.area() - cv::countNonZero(outside == 128));
}

} // namespace

TEST_CASE("expanding-particle truth: outer radius by threshold within half a pixel", "[synth]")
{
    ExpandingParticleScene scene;
    scene.imaging = test::quietImaging(scene.imaging);
    scene.imaging.frames = 90;
    for (auto& p : scene.particles)
        p.crackFrame = -1; // a crack lets the threshold leak inside
    const SynthMovie movie = renderExpandingParticles(scene);
    const auto& truth = movie.truth.growingParticles;
    REQUIRE(truth.size() == 3);
    const double threshold = 1 - scene.absorptionCoating / 2;
    for (int frame : {0, 30, 60, 89}) {
        const cv::Mat t = test::transmissionOf(movie.frames[static_cast<std::size_t>(frame)],
                                               scene.imaging.dosePerPx);
        for (const GrowingParticleTruth& g : truth) {
            const double trueArea = g.areasPx[static_cast<std::size_t>(frame)];
            const double trueRadius = std::sqrt(trueArea / M_PI);
            const double area = filledArea(t, threshold, g.xPx, g.yPx, trueRadius + 6);
            CHECK(std::sqrt(area / M_PI) == Approx(trueRadius).margin(0.5));
        }
    }
    CHECK(truth[0].areasPx.back() / truth[0].areasPx.front() == Approx(2.0));
    CHECK(truth[1].areasPx.back() / truth[1].areasPx.front() == Approx(1.2));
}

TEST_CASE("expanding-particle truth: the coating cracks at the announced frame", "[synth]")
{
    ExpandingParticleScene scene;
    scene.imaging = test::quietImaging(scene.imaging);
    scene.imaging.frames = 64;
    const SynthMovie movie = renderExpandingParticles(scene);
    const GrowingParticleTruth& g = movie.truth.growingParticles[2];
    REQUIRE(g.crackFrame == 60);
    const double coatingPx = g.coatingNm / scene.imaging.nmPerPixel;
    auto ringTransmission = [&](int frame) {
        const double r =
            std::sqrt(g.areasPx[static_cast<std::size_t>(frame)] / M_PI) - coatingPx / 2;
        const double a = g.crackAngleDeg * M_PI / 180;
        const cv::Mat t = test::transmissionOf(movie.frames[static_cast<std::size_t>(frame)],
                                               scene.imaging.dosePerPx);
        return test::bilinear(t, g.xPx + r * std::cos(a), g.yPx + r * std::sin(a));
    };
    CHECK(ringTransmission(59) == Approx(1 - scene.absorptionCoating).margin(0.03));
    CHECK(ringTransmission(60) == Approx(1 - scene.absorptionShell).margin(0.03));
}
