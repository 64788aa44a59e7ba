#include <catch2/catch.hpp>

#include "insitu/error.h"
#include "insitu/io/movie.h"
#include "insitu/io/video_reader.h"
#include "support/test_paths.h"

#include <opencv2/videoio.hpp>

#include <fstream>

using namespace insitu;
using Catch::Matchers::Contains;

namespace {

/// Frame k: flat grey level 20 + 10 k with a bright square whose x position is 4 k.
cv::Mat syntheticFrame(int k)
{
    cv::Mat bgr(48, 64, CV_8UC3, cv::Scalar::all(20 + 10 * k));
    bgr(cv::Rect(4 * k, 16, 8, 8)).setTo(cv::Scalar::all(240));
    return bgr;
}

/// Writes a short MJPG AVI; returns false when no writer backend is available.
bool writeAvi(const std::filesystem::path& path, int frames, double fps)
{
    cv::VideoWriter writer;
    const int fourcc = cv::VideoWriter::fourcc('M', 'J', 'P', 'G');
    if (!writer.open(path.string(), cv::CAP_OPENCV_MJPEG, fourcc, fps, cv::Size(64, 48), true) &&
        !writer.open(path.string(), cv::CAP_ANY, fourcc, fps, cv::Size(64, 48), true))
        return false;
    for (int k = 0; k < frames; ++k)
        writer.write(syntheticFrame(k));
    writer.release();
    return true;
}

} // namespace

TEST_CASE("Video: an MJPG AVI opens as grey uint8 with fps as frame interval", "[video]")
{
    const auto dir = test::scratchDir("video_reader");
    const auto path = dir / "clip.avi";
    REQUIRE(writeAvi(path, 12, 25.0));
    auto reader = openMovieReader(path);
    const auto& info = reader->info();
    CHECK(info.frameCount == 12);
    CHECK(info.width == 64);
    CHECK(info.height == 48);
    CHECK(info.pixelType == PixelType::UInt8);
    REQUIRE(info.calibration.frameIntervalS);
    CHECK(*info.calibration.frameIntervalS == Approx(0.04));
    CHECK_FALSE(info.calibration.nmPerPixel);

    // Sequential pass: every frame matches its synthetic content (JPEG: within a few grey levels).
    std::vector<cv::Mat> sequential;
    for (int k = 0; k < 12; ++k) {
        const cv::Mat m = reader->readFrame(k).mat();
        sequential.push_back(m.clone());
        CHECK(std::abs(m.at<std::uint8_t>(2, 60) - (20 + 10 * k)) <= 4);
        CHECK(m.at<std::uint8_t>(20, 4 * k + 4) >= 225);
    }
    // Random access (backwards and far jumps) returns exactly the sequentially decoded frames.
    for (int k : {11, 0, 7, 3, 3, 10, 1})
        CHECK(cv::norm(reader->readFrame(k).mat(), sequential[static_cast<std::size_t>(k)],
                       cv::NORM_INF) == 0);
    CHECK_THROWS_AS(reader->readFrame(12), Error);
}

TEST_CASE("Video: damaged and empty video files give a clear error", "[video]")
{
    const auto dir = test::scratchDir("video_reader_bad");
    std::ofstream(dir / "fake.avi", std::ios::binary) << "RIFF\x10\0\0\0AVI junk that is no video";
    CHECK_THROWS_WITH(openMovieReader(dir / "fake.avi"), Contains("fake.avi"));
    std::ofstream(dir / "empty.mp4").close();
    CHECK_THROWS_WITH(openMovieReader(dir / "empty.mp4"), Contains("empty.mp4"));
}
