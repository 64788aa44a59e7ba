// Drift-corrected frames and the common area.

#include "drift_scene.h"

#include "insitu/registration/drift.h"

#include <catch2/catch.hpp>

#include <opencv2/imgproc.hpp>

using namespace insitu;

TEST_CASE("common area is the region every frame covers", "[drift]")
{
    DriftResult drift;
    drift.dxPx = {0, 2.5, -1.2};
    drift.dyPx = {0, -3.0, 0.4};
    const cv::Rect area = commonArea(drift, 100, 80);
    CHECK(area.x == 2);                    // x ≥ 1.2
    CHECK(area.y == 3);                    // y ≥ 3
    CHECK(area.x + area.width - 1 == 96);  // x ≤ 99 − 2.5
    CHECK(area.y + area.height - 1 == 78); // y ≤ 79 − 0.4
}

TEST_CASE("corrected frames line up with frame 0", "[drift]")
{
    const std::vector<double> dx{0, 3.4, -2.7};
    const std::vector<double> dy{0, 1.6, -4.2};
    const auto scene = test::makeDriftScene(96, 80, dx, dy, 1000.0, 21, false);
    DriftResult drift;
    drift.dxPx = scene.dxPx;
    drift.dyPx = scene.dyPx;
    drift.quality = {1, 1, 1};
    drift.interpolated = {false, false, false};

    const cv::Mat reference = correctedFrame(*scene.movie, drift, 0, CropMode::CommonArea);
    const cv::Rect area = commonArea(drift, 96, 80);
    REQUIRE(reference.size() == area.size());
    for (int k = 1; k < 3; ++k) {
        const cv::Mat corrected = correctedFrame(*scene.movie, drift, k, CropMode::CommonArea);
        REQUIRE(corrected.size() == area.size());
        const cv::Rect inner(2, 2, area.width - 4, area.height - 4);
        const double error = cv::norm(corrected(inner), reference(inner), cv::NORM_L2) /
                             std::sqrt(static_cast<double>(inner.area()));
        const double uncorrected =
            cv::norm(scene.movie->frameFloat(k)(area), reference, cv::NORM_L2) /
            std::sqrt(static_cast<double>(area.area()));
        INFO("frame " << k << ": RMS difference " << error << " counts vs " << uncorrected
                      << " uncorrected");
        CHECK(error < 0.05 * uncorrected);
        const cv::Mat padded = correctedFrame(*scene.movie, drift, k, CropMode::Pad);
        CHECK(padded.size() == cv::Size(96, 80));
        // A feature at (x, y) of frame 0 is at (x + dx, y + dy) in frame k, so corrected pixel
        // (x, y) equals frame 0 there.
        const cv::Rect probe(area.x + 10, area.y + 10, 20, 20);
        CHECK(cv::norm(padded(probe), corrected(probe - area.tl()), cv::NORM_INF) < 1e-3);
    }
}
