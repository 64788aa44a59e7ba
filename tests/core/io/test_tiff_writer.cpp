// TiffStackWriter: round trip through libtiff, ImageJ description, calibration, BigTIFF, atomicity.

#include "insitu/error.h"
#include "insitu/io/tiff_writer.h"
#include "support/test_paths.h"

#include <catch2/catch.hpp>
#include <tiffio.h>

#include <cstring>
#include <fstream>
#include <string>
#include <vector>

using namespace insitu;

namespace {

std::vector<cv::Mat> rampFrames(int count, int width, int height, int depth)
{
    std::vector<cv::Mat> frames;
    for (int k = 0; k < count; ++k) {
        cv::Mat f(height, width, depth);
        for (int y = 0; y < height; ++y)
            for (int x = 0; x < width; ++x) {
                const double v = 1000.0 * k + 10.0 * y + x;
                if (depth == CV_16U)
                    f.at<std::uint16_t>(y, x) = static_cast<std::uint16_t>(v);
                else
                    f.at<float>(y, x) = static_cast<float>(v * 0.25 - 3.5);
            }
        frames.push_back(f);
    }
    return frames;
}

std::string headerBytes(const std::filesystem::path& path)
{
    std::ifstream in(path, std::ios::binary);
    std::string head(4, '\0');
    in.read(head.data(), 4);
    return head;
}

/// Reads every directory of a TIFF with libtiff as single-strip frames of the given depth.
std::vector<cv::Mat> readBack(const std::filesystem::path& path, int depth,
                              std::string& description, float& xResolution, int& strips)
{
    TIFF* tiff = TIFFOpen(path.c_str(), "r");
    REQUIRE(tiff != nullptr);
    std::vector<cv::Mat> frames;
    char* text = nullptr;
    if (TIFFGetField(tiff, TIFFTAG_IMAGEDESCRIPTION, &text))
        description = text;
    xResolution = 0;
    TIFFGetField(tiff, TIFFTAG_XRESOLUTION, &xResolution);
    strips = static_cast<int>(TIFFNumberOfStrips(tiff));
    do {
        uint32_t width = 0, height = 0;
        TIFFGetField(tiff, TIFFTAG_IMAGEWIDTH, &width);
        TIFFGetField(tiff, TIFFTAG_IMAGELENGTH, &height);
        cv::Mat frame(static_cast<int>(height), static_cast<int>(width), depth);
        const tmsize_t bytes = static_cast<tmsize_t>(frame.total() * frame.elemSize());
        REQUIRE(TIFFReadEncodedStrip(tiff, 0, frame.ptr(), bytes) == bytes);
        frames.push_back(frame);
    } while (TIFFReadDirectory(tiff));
    TIFFClose(tiff);
    return frames;
}

bool equal(const cv::Mat& a, const cv::Mat& b)
{
    return a.size() == b.size() && a.type() == b.type() && cv::norm(a, b, cv::NORM_INF) == 0;
}

} // namespace

TEST_CASE("TiffStackWriter round-trips uint16 frames with ImageJ calibration", "[tiff-writer]")
{
    const auto path = test::scratchDir("tiff_writer_u16") / "stack.tif";
    const auto frames = rampFrames(3, 20, 10, CV_16U);
    writeTiffStack(path, frames,
                   {.pixelType = PixelType::UInt16, .nmPerPixel = 0.25, .frameIntervalS = 0.5});

    CHECK(headerBytes(path) == std::string("II*\0", 4)); // little-endian classic TIFF
    CHECK_FALSE(std::filesystem::exists(path.string() + ".part"));
    std::string description;
    float xResolution = 0;
    int strips = 0;
    const auto back = readBack(path, CV_16U, description, xResolution, strips);
    REQUIRE(back.size() == 3);
    for (std::size_t k = 0; k < 3; ++k)
        CHECK(equal(back[k], frames[k]));
    CHECK(strips == 1);
    CHECK(xResolution == Approx(4.0)); // px per nm
    CHECK(description.rfind("ImageJ=", 0) == 0);
    CHECK(description.find("\nimages=3\n") != std::string::npos);
    CHECK(description.find("\nframes=3\n") != std::string::npos);
    CHECK(description.find("\nunit=nm\n") != std::string::npos);
    CHECK(description.find("\nfinterval=0.5\n") != std::string::npos);
    CHECK(description.find("\nspacing=0.25\n") != std::string::npos);
}

TEST_CASE("TiffStackWriter round-trips float32 frames", "[tiff-writer]")
{
    const auto path = test::scratchDir("tiff_writer_f32") / "stack.tif";
    const auto frames = rampFrames(2, 7, 5, CV_32F);
    writeTiffStack(path, frames, {.pixelType = PixelType::Float32});
    std::string description;
    float xResolution = 0;
    int strips = 0;
    const auto back = readBack(path, CV_32F, description, xResolution, strips);
    REQUIRE(back.size() == 2);
    CHECK(equal(back[0], frames[0]));
    CHECK(equal(back[1], frames[1]));
    CHECK(description.find("unit=") == std::string::npos); // uncalibrated stays uncalibrated
    CHECK(description.find("finterval=") == std::string::npos);
}

TEST_CASE("TiffStackWriter switches to BigTIFF above the size threshold", "[tiff-writer]")
{
    const auto path = test::scratchDir("tiff_writer_big") / "stack.tif";
    const auto frames = rampFrames(2, 16, 16, CV_16U);
    TiffStackWriter writer(path, {.width = 16,
                                  .height = 16,
                                  .frameCount = 2,
                                  .nmPerPixel = 0.5,
                                  .bigTiffThresholdBytes = 100});
    CHECK(writer.isBigTiff());
    writer.appendFrame(frames[0]);
    writer.appendFrame(frames[1]);
    writer.finish();
    CHECK(headerBytes(path) == std::string("II+\0", 4));
    std::string description;
    float xResolution = 0;
    int strips = 0;
    const auto back = readBack(path, CV_16U, description, xResolution, strips);
    REQUIRE(back.size() == 2);
    CHECK(equal(back[1], frames[1]));
    CHECK(xResolution == Approx(2.0));
}

TEST_CASE("TiffStackWriter leaves no file behind when not finished", "[tiff-writer]")
{
    const auto dir = test::scratchDir("tiff_writer_atomic");
    const auto path = dir / "stack.tif";
    {
        TiffStackWriter writer(path, {.width = 8, .height = 8, .frameCount = 3});
        writer.appendFrame(cv::Mat(8, 8, CV_16U, cv::Scalar(7)));
        CHECK(std::filesystem::exists(path.string() + ".part"));
        CHECK_FALSE(std::filesystem::exists(path));
        CHECK_THROWS_AS(writer.finish(), Error); // 1 of 3 frames
    }
    CHECK_FALSE(std::filesystem::exists(path));
    CHECK_FALSE(std::filesystem::exists(path.string() + ".part"));
}

TEST_CASE("TiffStackWriter refuses frames of the wrong size or type", "[tiff-writer]")
{
    const auto path = test::scratchDir("tiff_writer_bad") / "stack.tif";
    TiffStackWriter writer(path, {.width = 8, .height = 8, .frameCount = 1});
    CHECK_THROWS_AS(writer.appendFrame(cv::Mat(8, 9, CV_16U)), Error);
    CHECK_THROWS_AS(writer.appendFrame(cv::Mat(8, 8, CV_32F)), Error);
    CHECK_THROWS_AS(TiffStackWriter(path, {.width = 0, .height = 8, .frameCount = 1}), Error);
    CHECK_THROWS_AS(
        TiffStackWriter(path,
                        {.width = 8, .height = 8, .frameCount = 1, .pixelType = PixelType::UInt8}),
        Error);
}
