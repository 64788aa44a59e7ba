// cutGrains: a line splits one grain (others untouched), a stroke splits every grain it
// crosses, a diagonal line leaves no 8-connected leak, a stroke ending inside a grain cuts none;
// a split line goes to the grain it crosses most.

#include "insitu/crystal/grain_cut.h"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace insitu;

namespace {

/// 40 × 20 labels: grain 1 in columns 0–19, grain 2 in columns 20–39.
cv::Mat twoGrains()
{
    cv::Mat labels(20, 40, CV_32S, cv::Scalar(1));
    labels(cv::Rect(20, 0, 20, 20)).setTo(2);
    return labels;
}

int count(const cv::Mat& labels, int id)
{
    return cv::countNonZero(labels == id);
}

} // namespace

TEST_CASE("a line splits only the grain it is meant for", "[grains-edit][grain-cut]")
{
    cv::Mat labels = twoGrains();
    // a vertical line at x = 10 running past the image, and a stroke that strays into grain 2
    const GrainCut cut = cutGrains(labels, {{10, -3}, {10, 22}}, 1);
    CHECK(cut.cutIds == std::vector<std::int32_t>{1});
    REQUIRE(cut.newIds == std::vector<std::int32_t>{3});
    CHECK(count(labels, 1) == 200); // the larger piece (x 0–9) keeps the id
    CHECK(count(labels, 3) == 180); // x 11–19
    CHECK(count(labels, 0) == 20);  // the line
    CHECK(count(labels, 2) == 400);

    cv::Mat strayed = twoGrains();
    const GrainCut onlyOne = cutGrains(strayed, {{10, 10}, {30, 10}, {30, 25}}, 1);
    CHECK(onlyOne.newIds.empty()); // ends inside grain 1 (x 10–19 at y 10): not in two
    CHECK(count(strayed, 2) == 400);
}

TEST_CASE("a boundary stroke splits every grain it crosses", "[grains-edit][grain-cut]")
{
    cv::Mat labels = twoGrains();
    const GrainCut cut = cutGrains(labels, {{-1, 10}, {41, 10}});
    CHECK(cut.cutIds == std::vector<std::int32_t>{1, 2});
    CHECK(cut.newIds == std::vector<std::int32_t>{3, 4});
    CHECK(count(labels, 1) == 200); // rows 0–9 are larger than rows 11–19
    CHECK(count(labels, 3) == 180);
    CHECK(count(labels, 2) == 200);
    CHECK(count(labels, 4) == 180);
}

TEST_CASE("a diagonal stroke leaves no 8-connected path across it", "[grains-edit][grain-cut]")
{
    for (const int size : {9, 20, 33}) {
        cv::Mat labels(size, size, CV_32S, cv::Scalar(5));
        const auto end = static_cast<double>(size);
        const GrainCut cut = cutGrains(labels, {{-1, -1}, {end, end}});
        REQUIRE(cut.newIds.size() == 1);
        CHECK(count(labels, 5) + count(labels, cut.newIds.front()) + count(labels, 0) ==
              size * size);
        CHECK(count(labels, 5) >= count(labels, cut.newIds.front()));
    }
}

TEST_CASE("a stroke that ends inside a grain cuts nothing in two", "[grains-edit][grain-cut]")
{
    cv::Mat labels = twoGrains();
    const GrainCut cut = cutGrains(labels, {{5, -2}, {5, 12}});
    CHECK(cut.cutIds == std::vector<std::int32_t>{1});
    CHECK(cut.newIds.empty());
    CHECK(count(labels, 0) == 13); // the stroke's pixels are boundary now, nothing renamed
    CHECK(cutGrains(labels, {{5, 5}}).cutIds.empty()); // one point is no stroke
}

TEST_CASE("a split line is meant for the grain it crosses most", "[grains-edit][grain-cut]")
{
    const cv::Mat labels = twoGrains();
    CHECK(grainCrossedMost(labels, {2, 10}, {25, 10}) == 1);  // 18 px in 1, 6 in 2
    CHECK(grainCrossedMost(labels, {15, 10}, {39, 10}) == 2); // 5 px in 1, 20 in 2
    CHECK(grainCrossedMost(labels, {30, -5}, {30, 30}) == 2); // runs past the image
    CHECK(grainCrossedMost(labels, {-10, -10}, {-2, -10}) == 0);
    cv::Mat withBoundary = labels.clone();
    withBoundary.row(10).setTo(0); // a line along a boundary crosses no grain
    CHECK(grainCrossedMost(withBoundary, {0, 10}, {39, 10}) == 0);
}
