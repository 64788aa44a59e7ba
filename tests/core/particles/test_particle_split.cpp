// The detection mask's hole filling (per component, on its own box) against the definition — a
// 4-connected flood of the background from the frame border — and labelBoxes against a scan.

#include "../../../src/core/particles/label_boxes.h"
#include "../../../src/core/particles/particle_steps.h"

#include <catch2/catch.hpp>
#include <opencv2/imgproc.hpp>

#include <random>

using namespace insitu;

namespace {

/// A mask of thick shapes (opening with a 3 × 3 cross leaves them): discs, rings with islands in
/// their holes, rings in rings, C shapes whose gap opens the hole, shapes cut by the frame edge.
cv::Mat shapes(unsigned seed, cv::Size size)
{
    std::mt19937 rng(seed);
    std::uniform_int_distribution<int> x(0, size.width - 1), y(0, size.height - 1), r(6, 30);
    cv::Mat mask = cv::Mat::zeros(size, CV_8U);
    for (int i = 0; i < 60; ++i) {
        const cv::Point c(x(rng), y(rng));
        const int radius = r(rng);
        switch (i % 5) {
        case 0: // disc
            cv::circle(mask, c, radius, 255, cv::FILLED);
            break;
        case 1: // ring with an island in its hole
            cv::circle(mask, c, radius, 255, 4);
            cv::circle(mask, c, std::max(2, radius / 4), 255, cv::FILLED);
            break;
        case 2: // ring in a ring
            cv::circle(mask, c, radius + 10, 255, 3);
            cv::circle(mask, c, radius, 255, 3);
            break;
        case 3: // C shape: a ring with a gap, no hole
            cv::ellipse(mask, c, {radius, radius}, 0, 40, 360, 255, 4);
            break;
        default: // a rectangle frame (a hole with straight sides)
            cv::rectangle(mask, cv::Rect(c.x, c.y, 2 * radius, radius + 6), 255, 3);
        }
    }
    return mask;
}

/// The definition: open, flood the background from outside the frame (4-connected), fill what
/// it does not reach, label (8-connected), drop components under minArea px.
cv::Mat reference(const cv::Mat& raw, double minArea, cv::Mat& labels, cv::Mat& stats)
{
    cv::Mat mask;
    cv::morphologyEx(raw, mask, cv::MORPH_OPEN,
                     cv::getStructuringElement(cv::MORPH_CROSS, cv::Size(3, 3)));
    cv::Mat padded;
    cv::copyMakeBorder(mask, padded, 1, 1, 1, 1, cv::BORDER_CONSTANT, cv::Scalar(0));
    cv::floodFill(padded, cv::Point(0, 0), cv::Scalar(128));
    mask.setTo(255, padded(cv::Rect(1, 1, mask.cols, mask.rows)) == 0);
    cv::Mat all, allStats, centroids;
    const int n = cv::connectedComponentsWithStats(mask, all, allStats, centroids, 8, CV_32S);
    std::vector<int> renumber(static_cast<std::size_t>(n), 0);
    stats = allStats.row(0).clone();
    for (int i = 1; i < n; ++i)
        if (allStats.at<int>(i, cv::CC_STAT_AREA) >= minArea) {
            renumber[static_cast<std::size_t>(i)] = stats.rows;
            stats.push_back(allStats.row(i));
        }
    labels = all.clone();
    for (auto it = labels.begin<int>(); it != labels.end<int>(); ++it)
        *it = renumber[static_cast<std::size_t>(*it)];
    return labels > 0;
}

} // namespace

TEST_CASE("particles: holes filled per component as by a flood from the frame border",
          "[particles][split]")
{
    const unsigned seed = GENERATE(1u, 2u, 3u, 4u, 5u, 6u);
    const cv::Mat raw = shapes(seed, {300, 240});
    FlattenedFrame flat;
    raw.convertTo(flat.signal, CV_32F, 10.0 / 255); // 0 or 10 noise σ: the threshold lies between
    flat.noiseSigma = 1;
    const double minDiameterPx = 6; // min area 0.25 · π · 36 / 4 ≈ 7 px: keeps all but specks
    double thresholdSigma = 0;
    particles::MaskComponents components;
    const cv::Mat mask = particles::detectionMask(flat, ParticleThreshold::Global, minDiameterPx,
                                                  60, thresholdSigma, &components);
    cv::Mat labels, stats;
    const cv::Mat expected =
        reference(raw, 0.25 * CV_PI * minDiameterPx * minDiameterPx / 4, labels, stats);
    INFO("seed " << seed);
    CHECK(cv::countNonZero(mask != expected) == 0);
    CHECK(cv::countNonZero(components.labels != labels) == 0);
    REQUIRE(components.count == stats.rows);
    CHECK(cv::countNonZero(components.stats.colRange(0, cv::CC_STAT_MAX) != stats) == 0);
    // the shapes do enclose something (else the test would not test the filling)
    cv::Mat opened;
    cv::morphologyEx(raw, opened, cv::MORPH_OPEN,
                     cv::getStructuringElement(cv::MORPH_CROSS, cv::Size(3, 3)));
    CHECK(cv::countNonZero(expected) > cv::countNonZero(opened));
}

TEST_CASE("particles: label boxes find every label and the largest one", "[particles][split]")
{
    cv::Mat labels = cv::Mat::zeros(50, 40, CV_32S);
    labels(cv::Rect(3, 4, 5, 6)).setTo(2);
    labels.at<int>(49, 39) = 7;
    labels.at<int>(0, 10) = 7;
    labels(cv::Rect(20, 20, 2, 2)).setTo(-1); // negative: skipped
    const auto boxes = particles::labelBoxes(labels);
    REQUIRE(boxes.size() == 8);
    CHECK(boxes[1].empty());
    CHECK(boxes[2].rect() == cv::Rect(3, 4, 5, 6));
    CHECK(boxes[7].rect() == cv::Rect(10, 0, 30, 50));
    CHECK(particles::labelBoxes(cv::Mat::zeros(5, 5, CV_32S)).size() == 1);
}
