#include "../../../src/core/front/speed_scales.h"

#include <catch2/catch.hpp>

using namespace insitu;

TEST_CASE("speedScales covers every speed up to 20 px/frame by default", "[front]")
{
    const FrontOptions options;
    REQUIRE(options.maxStepPxPerFrame == 0.0);
    const auto scales = speedScales(options, 1.0);
    REQUIRE(scales.size() >= 2);
    // the slowest scale is the unbinned search with the options' own smoothing
    CHECK(scales.front().binCols == 1);
    CHECK(scales.front().maxStepBins == 3);
    CHECK(scales.front().timeSigmaFrames == options.timeSigmaFrames);
    CHECK(scales.back().maxSpeedCols >= 15.0);
    for (std::size_t i = 1; i < scales.size(); ++i) {
        const SpeedScale& s = scales[i];
        INFO("scale " << i);
        CHECK(s.maxSpeedCols > scales[i - 1].maxSpeedCols);
        // the step bound in bins covers the scale's speed, and binning keeps it small
        CHECK(s.maxStepBins * s.binCols >= s.maxSpeedCols);
        CHECK(s.maxStepBins <= 5);
        // less temporal smoothing the faster the fronts: motion within the kernel ≤ ~1.5 px
        CHECK(s.timeSigmaFrames < scales[i - 1].timeSigmaFrames + 1e-12);
        CHECK(s.timeSigmaFrames * s.maxSpeedCols <= 6.0);
    }
}

TEST_CASE("speedScales: a positive max step is the fastest speed searched", "[front]")
{
    FrontOptions options;
    options.maxStepPxPerFrame = 2;
    auto scales = speedScales(options, 1.0);
    REQUIRE(scales.size() == 1);
    CHECK(scales[0].maxStepBins == 2);
    CHECK(scales[0].binCols == 1);

    options.maxStepPxPerFrame = 10;
    scales = speedScales(options, 1.0);
    REQUIRE(scales.size() == 3);
    CHECK(scales.back().maxSpeedCols == Approx(10.0));

    // samples 0.5 px apart: the bound is in columns
    options.maxStepPxPerFrame = 2;
    scales = speedScales(options, 0.5);
    REQUIRE(scales.size() == 1);
    CHECK(scales[0].maxStepBins == 4);
}

TEST_CASE("binColumns averages consecutive columns", "[front]")
{
    cv::Mat k(2, 5, CV_32F);
    for (int t = 0; t < 2; ++t)
        for (int x = 0; x < 5; ++x)
            k.at<float>(t, x) = static_cast<float>(10 * t + x);
    const cv::Mat b = binColumns(k, 2);
    REQUIRE(b.cols == 3);
    CHECK(b.at<float>(0, 0) == Approx(0.5));
    CHECK(b.at<float>(1, 1) == Approx(12.5));
    CHECK(b.at<float>(1, 2) == Approx(14.0)); // the short last bin
    CHECK(binColumns(k, 1).data == k.data);
}
