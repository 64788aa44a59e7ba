#include "insitu/front/kymograph.h"
#include "insitu/io/memory_reader.h"
#include "insitu/io/movie.h"

#include <catch2/catch.hpp>

using namespace insitu;

TEST_CASE("buildKymograph samples each frame at the drift-corrected path", "[kymograph]")
{
    // frame k shows the plane 3x + y + 10 shifted by the drift (k·0.5, −k·0.25)
    std::vector<cv::Mat> frames;
    DriftResult drift;
    for (int k = 0; k < 4; ++k) {
        const double dx = 0.5 * k;
        const double dy = -0.25 * k;
        cv::Mat f(32, 48, CV_32F);
        for (int y = 0; y < f.rows; ++y)
            for (int x = 0; x < f.cols; ++x)
                f.at<float>(y, x) = static_cast<float>(3.0 * (x - dx) + (y - dy) + 10.0);
        frames.push_back(f);
        drift.dxPx.push_back(dx);
        drift.dyPx.push_back(dy);
    }
    Calibration cal;
    cal.nmPerPixel = 0.4;
    cal.frameIntervalS = 2.0;
    const Movie movie(std::make_unique<MemoryMovieReader>(frames, PixelType::Float32, cal));
    Roi roi;
    roi.points = {{5, 12}, {25, 12}};
    roi.widthPx = 3;
    const Kymograph k = buildKymograph(movie, roi, &drift, Progress::none());
    REQUIRE(k.frameCount() == 4);
    REQUIRE(k.sampleCount() == 21);
    CHECK(k.nmPerSample() == Approx(0.4));
    CHECK(k.timesS == std::vector<double>{0, 2, 4, 6});
    for (int t = 0; t < 4; ++t)
        for (int i = 0; i < 21; ++i) // the specimen stands still: same values in every row
            CHECK(k.values.at<float>(t, i) == Approx(3.0 * (5 + i) + 12 + 10.0));
    DriftResult wrong;
    wrong.dxPx = {0, 0};
    wrong.dyPx = {0, 0};
    CHECK_THROWS(buildKymograph(movie, roi, &wrong, Progress::none()));
}
