#include "insitu/error.h"
#include "insitu/roi/path.h"

#include <catch2/catch.hpp>

#include <cmath>

using namespace insitu;

namespace {

Roi lineRoi(double x0, double y0, double x1, double y1, double width = 1)
{
    Roi roi;
    roi.shape = RoiShape::Line;
    roi.points = {{x0, y0}, {x1, y1}};
    roi.widthPx = width;
    return roi;
}

/// A float image whose value is a·x + b·y + c (bilinear interpolation reproduces it exactly).
cv::Mat planeImage(int w, int h, double a, double b, double c)
{
    cv::Mat image(h, w, CV_32F);
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x)
            image.at<float>(y, x) = static_cast<float>(a * x + b * y + c);
    return image;
}

} // namespace

TEST_CASE("samplePath steps 1 px along a line, with the normal turned +90°", "[path]")
{
    const SampledPath path = samplePath(lineRoi(10, 20, 13, 24)); // length 5
    CHECK(path.lengthPx == Approx(5.0));
    REQUIRE(path.size() == 6);
    CHECK(path.points[0] == PointPx{10, 20});
    CHECK(path.points[5].x == Approx(13.0));
    CHECK(path.points[5].y == Approx(24.0));
    CHECK(path.points[1].x == Approx(10.6));
    CHECK(path.points[1].y == Approx(20.8));
    CHECK(path.normals[0].x == Approx(-0.8));
    CHECK(path.normals[0].y == Approx(0.6));
}

TEST_CASE("samplePath follows a polyline by arc length across its corners", "[path]")
{
    Roi roi;
    roi.shape = RoiShape::Polyline;
    roi.points = {{0, 0}, {10, 0}, {10, 10.5}};
    CHECK(pathLengthPx(roi) == Approx(20.5));
    const SampledPath path = samplePath(roi);
    REQUIRE(path.size() == 21);
    CHECK(path.points[10].x == Approx(10.0));
    CHECK(path.points[10].y == Approx(0.0).margin(1e-12));
    CHECK(path.points[13].x == Approx(10.0));
    CHECK(path.points[13].y == Approx(3.0));
    CHECK(path.normals[13].x == Approx(-1.0)); // second segment goes down (+y)
    const PointPx mid = pointAtArcLength(roi, 15.25);
    CHECK(mid.x == Approx(10.0));
    CHECK(mid.y == Approx(5.25));
}

TEST_CASE("samplePath refuses shapes that are not paths", "[path]")
{
    Roi roi;
    roi.shape = RoiShape::Rectangle;
    roi.points = {{0, 0}, {5, 5}};
    CHECK_THROWS_AS(samplePath(roi), Error);
    CHECK_THROWS_AS(samplePath(lineRoi(3, 3, 3, 3)), Error);
}

TEST_CASE("bandOffsetsPx spans the width 1 px apart, centred", "[path]")
{
    CHECK(bandOffsetsPx(1) == std::vector<double>{0});
    CHECK(bandOffsetsPx(4) == std::vector<double>{-1.5, -0.5, 0.5, 1.5});
    CHECK(bandOffsetsPx(0.2) == std::vector<double>{0});
}

TEST_CASE("sampleBandProfile interpolates bilinearly in drift-corrected coordinates", "[path]")
{
    const cv::Mat image = planeImage(64, 48, 2.0, 0.5, 3.0);
    const SampledPath path = samplePath(lineRoi(5.25, 10.5, 35.25, 10.5, 5));
    std::vector<float> profile(static_cast<std::size_t>(path.size()));
    // drift (1.5, −2.25): the specimen point p is found at p + drift in this frame
    sampleBandProfile(image, path, 1.5, -2.25, profile.data());
    for (int i = 0; i < path.size(); ++i) {
        const double x = 5.25 + i + 1.5;
        const double y = 10.5 - 2.25; // the band is symmetric: the mean over y is the centre
        CHECK(profile[static_cast<std::size_t>(i)] ==
              Approx(2.0 * x + 0.5 * y + 3.0).epsilon(1e-5));
    }
    // a uint16 frame gives the same numbers
    cv::Mat image16;
    image.convertTo(image16, CV_16U);
    CHECK(bilinearAt(image16, 7.0, 8.0) == Approx(2.0 * 7 + 0.5 * 8 + 3.0));
    CHECK(bilinearAt(image, 6.5, 4.25) == Approx(2.0 * 6.5 + 0.5 * 4.25 + 3.0));
}

TEST_CASE("sampleBandProfile averages across the band", "[path]")
{
    // a horizontal stripe 3 px high of value 9 on 0: a 9 px band across it averages to 3
    cv::Mat image = cv::Mat::zeros(40, 40, CV_32F);
    image.rowRange(19, 22).setTo(9.0f);
    const SampledPath path = samplePath(lineRoi(5, 20, 30, 20, 9));
    std::vector<float> profile(static_cast<std::size_t>(path.size()));
    sampleBandProfile(image, path, 0, 0, profile.data());
    for (float v : profile)
        CHECK(v == Approx(3.0));
}
