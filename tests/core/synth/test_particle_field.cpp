// particles scene: thresholded areas give the true diameters; touching pairs really touch.

#include "synth_test_helpers.h"

#include "insitu/synth/particle_field.h"

#include <catch2/catch.hpp>
#include <opencv2/imgproc.hpp>

#include <cmath>
#include <map>

using namespace insitu;

TEST_CASE("particles truth: equivalent diameters by threshold match within a pixel", "[synth]")
{
    ParticleFieldScene scene;
    scene.imaging = test::quietImaging(scene.imaging);
    scene.imaging.frames = 1;
    const SynthMovie movie = renderParticleField(scene);
    const auto& particles = movie.truth.particles;
    REQUIRE(particles.size() >= 30);

    const cv::Mat t = test::transmissionOf(movie.frames[0], scene.imaging.dosePerPx);
    const cv::Mat mask = t < 1 - scene.absorption / 2;
    cv::Mat labels, stats, centroids;
    cv::connectedComponentsWithStats(mask, labels, stats, centroids, 8, CV_32S);

    std::map<int, double> trueAreaOfLabel;
    int pairs = 0;
    for (const ParticleTruth& p : particles) {
        CHECK(p.diameterNm >= scene.minDiameterNm - 1e-9);
        CHECK(p.diameterNm <= scene.maxDiameterNm + 1e-9);
        const int label = labels.at<int>(static_cast<int>(std::lround(p.yPx)),
                                         static_cast<int>(std::lround(p.xPx)));
        REQUIRE(label > 0);
        trueAreaOfLabel[label] += M_PI * p.diameterPx * p.diameterPx / 4;
        if (p.touchingGroup < 0) {
            const double area = stats.at<int>(label, cv::CC_STAT_AREA);
            CHECK(2 * std::sqrt(area / M_PI) == Approx(p.diameterPx).margin(1.0));
        } else {
            ++pairs;
            for (const ParticleTruth& q : particles)
                if (q.id != p.id && q.touchingGroup == p.touchingGroup) {
                    CHECK(std::hypot(p.xPx - q.xPx, p.yPx - q.yPx) ==
                          Approx((p.diameterPx + q.diameterPx) / 2));
                    CHECK(labels.at<int>(static_cast<int>(std::lround(q.yPx)),
                                         static_cast<int>(std::lround(q.xPx))) == label);
                }
        }
    }
    CHECK(pairs == 2 * scene.touchingPairs);
    // Every component is one particle or one touching pair: no unexplained dark objects.
    CHECK(static_cast<int>(trueAreaOfLabel.size()) == stats.rows - 1);
    for (const auto& [label, area] : trueAreaOfLabel)
        CHECK(stats.at<int>(label, cv::CC_STAT_AREA) == Approx(area).epsilon(0.08));
}
