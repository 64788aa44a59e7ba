#include <catch2/catch.hpp>

#include "insitu/calibration.h"
#include "insitu/error.h"
#include "insitu/frame.h"

using namespace insitu;

TEST_CASE("Frame converts every native type to float exactly", "[frame]")
{
    cv::Mat u16(2, 2, CV_16U);
    u16 = cv::Scalar(65535);
    CHECK(Frame(u16, PixelType::UInt16).toFloat32().at<float>(1, 1) == 65535.0f);

    cv::Mat u32(1, 2, CV_32S);
    u32.at<std::uint32_t>(0, 0) = 4000000000u;
    u32.at<std::uint32_t>(0, 1) = 7u;
    const Frame frame(u32, PixelType::UInt32);
    CHECK(frame.toFloat64().at<double>(0, 0) == 4000000000.0);
    CHECK(frame.sum() == 4000000007.0);
}

TEST_CASE("Frame refuses a matrix of the wrong depth", "[frame]")
{
    CHECK_THROWS_AS(Frame(cv::Mat(2, 2, CV_8U), PixelType::UInt16), Error);
}

TEST_CASE("numpy names and sizes of pixel types", "[frame]")
{
    CHECK(numpyName(PixelType::Int16) == "int16");
    CHECK(numpyName(PixelType::Float32) == "float32");
    CHECK(bytesPerPixel(PixelType::Float64) == 8);
    CHECK(bytesPerPixel(PixelType::UInt32) == 4);
}

TEST_CASE("time of a frame comes from stamps, else the interval, else is unknown", "[calibration]")
{
    Calibration cal;
    CHECK_FALSE(cal.timeOfFrameS(3).has_value());
    cal.frameIntervalS = 0.5;
    CHECK(*cal.timeOfFrameS(3) == Approx(1.5));
    cal.timeZeroFrame = 2;
    CHECK(*cal.timeOfFrameS(3) == Approx(0.5));
    cal.timestampsS = {0.0, 0.9, 2.0, 3.2};
    CHECK(*cal.timeOfFrameS(3) == Approx(1.2));
}
