// Outline following on real LPTEM frames (SAM-EM, ../shared/data/external/SAM-EM): the pixel IoU
// of the followed outline with the hand annotation, frame by frame.

#include "area_test_masks.h"
#include "support/test_paths.h"

#include "insitu/area/area_tracker.h"
#include "insitu/io/movie.h"

#include <catch2/catch.hpp>

#include <opencv2/imgproc.hpp>

#include <cmath>
#include <numbers>

using namespace insitu;
using insitu::test::rasterise;

namespace {

} // namespace

TEST_CASE("area: IoU with the SAM-EM hand masks of the jumping particle (real frames)",
          "[area][external]")
{
    const auto root = test::externalDataDir() / "SAM-EM";
    const auto frames = root / "jpeg_images/dataset_1_5nm_layer";
    const auto masks = root / "annotations/dataset_1_5nm_layer";
    if (!std::filesystem::exists(frames) || !std::filesystem::exists(masks)) {
        WARN("SAM-EM frames or masks not found under " << root.string() << ": skipped");
        return;
    }
    const auto movie = openMovie(frames);
    const auto truth = openMovie(masks);
    REQUIRE(truth->frameCount() == movie->frameCount());
    // The seed as a user draws it round the particle of frame 0: the ellipse of the same
    // second moments as the annotation (the particle is elongated, Feret 100 × 41 px), 5 %
    // larger, as a 24-gon. (A circle of the same area leaves the sides and tips outside the
    // search band: mean IoU 0.59 then.)
    cv::Mat first;
    cv::compare(truth->frame(0).mat(), 0, first, cv::CMP_GT);
    const cv::Moments m = cv::moments(first, true);
    const double cx = m.m10 / m.m00, cy = m.m01 / m.m00;
    const double a = m.mu20 / m.m00, b = m.mu11 / m.m00, c = m.mu02 / m.m00;
    const double spread = std::sqrt(4 * b * b + (a - c) * (a - c));
    const double major = 1.05 * 2 * std::sqrt((a + c + spread) / 2);
    const double minor = 1.05 * 2 * std::sqrt((a + c - spread) / 2);
    const double angle = 0.5 * std::atan2(2 * b, a - c);
    AreaKeyframe seed{0, 0, {}, true};
    for (int i = 0; i < 24; ++i) {
        const double t = 2 * std::numbers::pi * i / 24;
        const double u = major * std::cos(t), v = minor * std::sin(t);
        seed.outlinePx.push_back({cx + u * std::cos(angle) - v * std::sin(angle),
                                  cy + u * std::sin(angle) + v * std::cos(angle)});
    }
    AreaResult result = followOutlines(*movie, nullptr, {seed}, AreaOptions{});
    analyseAreas(result, {});
    const AreaTrack& track = result.particles.at(0);
    double sum = 0, worst = 1;
    for (std::size_t k = 0; k < track.frames.size(); ++k) {
        cv::Mat annotated;
        cv::compare(truth->frame(track.frames[k]).mat(), 0, annotated, cv::CMP_GT);
        const cv::Mat found = rasterise(track.outlinesPx[k], annotated.size());
        const double inter = cv::countNonZero(found & annotated);
        const double uni = cv::countNonZero(found | annotated);
        const double iou = uni > 0 ? inter / uni : 0;
        INFO("frame " << k << ": IoU " << iou << ", found " << cv::countNonZero(found)
                      << " px, annotated " << cv::countNonZero(annotated) << " px");
        CHECK(iou > 0.7);
        sum += iou;
        worst = std::min(worst, iou);
    }
    const double mean = sum / static_cast<double>(track.frames.size());
    WARN("SAM-EM mean IoU " << mean << ", worst frame " << worst << " (issue target 0.85)");
    // Measured 0.836 (worst frame 0.79): the elongated particle's motion searched as its
    // outline's shape, turned, and the slope limit following the outline's tips (0.72 before).
    // The target 0.85 is not quite met (docs/user-guide.md "Areas").
    CHECK(mean > 0.82);
}
