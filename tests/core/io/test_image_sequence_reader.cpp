#include <catch2/catch.hpp>

#include "insitu/error.h"
#include "insitu/io/image_sequence_reader.h"
#include "insitu/io/movie.h"
#include "support/test_paths.h"

#include <opencv2/imgcodecs.hpp>

#include <fstream>

using namespace insitu;
using Catch::Matchers::Contains;

namespace {

nlohmann::json imageStats(const std::string& relativePath)
{
    static const nlohmann::json all = [] {
        std::ifstream in(test::externalDataDir() / "reference_values.json");
        return nlohmann::json::parse(in);
    }();
    return all.at("files").at(relativePath).at("image_stats");
}

} // namespace

TEST_CASE("Sequence: natural sort puts frame_2 before frame_10", "[sequence]")
{
    CHECK(naturalLess("frame_2.png", "frame_10.png"));
    CHECK_FALSE(naturalLess("frame_10.png", "frame_2.png"));
    CHECK(naturalLess("000009.jpg", "000010.jpg"));
    CHECK(naturalLess("a/Second_9/x.dm4", "a/Second_10/x.dm4"));
    CHECK_FALSE(naturalLess("same", "same"));
}

TEST_CASE("Sequence: the SAM-EM JPEG folder opens with the reference sums per frame", "[sequence]")
{
    const std::string folder = "SAM-EM/jpeg_images/dataset_1_5nm_layer";
    auto reader = openMovieReader(test::externalDataDir() / folder);
    const auto& info = reader->info();
    REQUIRE(info.frameCount == 10);
    CHECK(info.width == 1024);
    CHECK(info.height == 1024);
    CHECK(info.pixelType == PixelType::UInt8);
    CHECK_FALSE(info.calibration.nmPerPixel);
    CHECK_FALSE(info.calibration.frameIntervalS);
    for (int k = 0; k < 10; k += 3) {
        char name[32];
        std::snprintf(name, sizeof name, "/%06d.jpg", k);
        CHECK(reader->readFrame(k).sum() == imageStats(folder + name).at("sum").get<double>());
    }
}

TEST_CASE("Sequence: RGBA PNG frames with equal channels become their grey channel", "[sequence]")
{
    const std::string folder = "msa-em-microscopy-seg-track/dataset/test/images";
    auto reader = openMovieReader(test::externalDataDir() / folder);
    REQUIRE(reader->info().frameCount == 5);
    for (int k = 0; k < 5; ++k) {
        const auto stats = imageStats(folder + "/image_" + std::to_string(k) + ".png");
        REQUIRE(stats.at("channels_equal").get<bool>());
        // RGBA sum over 4 channels with alpha 255: grey sum = (sum − 255·N) / 3.
        const double pixels = 512.0 * 512.0;
        const double grey = (stats.at("sum").get<double>() - 255.0 * pixels) / 3.0;
        CHECK(reader->readFrame(k).sum() == Approx(grey).epsilon(1e-12));
    }
}

TEST_CASE("Sequence: numbered PNGs sort numerically; a size mismatch names the file", "[sequence]")
{
    const auto dir = test::scratchDir("sequence_natural");
    for (int k : {1, 2, 10, 11, 3})
        cv::imwrite((dir / ("frame_" + std::to_string(k) + ".png")).string(),
                    cv::Mat(6, 9, CV_16U, cv::Scalar(k * 100)));
    std::ofstream(dir / "readme.txt") << "not a frame";
    auto reader = openMovieReader(dir);
    REQUIRE(reader->info().frameCount == 5);
    CHECK(reader->info().pixelType == PixelType::UInt16);
    const int expected[] = {1, 2, 3, 10, 11};
    for (int k = 0; k < 5; ++k)
        CHECK(reader->readFrame(k).mat().at<std::uint16_t>(0, 0) == expected[k] * 100);

    cv::imwrite((dir / "frame_12.png").string(), cv::Mat(7, 9, CV_16U, cv::Scalar(1)));
    auto mixed = openMovieReader(dir);
    CHECK_THROWS_WITH(mixed->readFrame(5), Contains("frame_12.png"));

    const auto empty = test::scratchDir("sequence_empty");
    CHECK_THROWS_WITH(openMovieReader(empty),
                      Contains("sequence_empty") && Contains("no image files"));
}

TEST_CASE("Sequence: a Gatan-style folder tree of per-frame DM4 files", "[sequence]")
{
    // The same DM4 image copied into Hour/Minute/Second sub-folders, as GMS in-situ export does.
    const auto dir = test::scratchDir("sequence_dm4_tree");
    const auto source =
        test::externalDataDir() / "openNCEM/dmTest_float32_nonSquare_diffPixelSize.dm4";
    for (int s : {0, 2, 10}) {
        const auto sub = dir / "Hour_00" / "Minute_00" / ("Second_" + std::to_string(s));
        std::filesystem::create_directories(sub);
        std::filesystem::copy_file(source, sub / "Frame.dm4");
    }
    auto reader = openMovieReader(dir);
    const auto& info = reader->info();
    REQUIRE(info.frameCount == 3);
    CHECK(info.width == 128);
    CHECK(info.height == 64);
    CHECK(info.pixelType == PixelType::Float32);
    CHECK(info.metadata.at("sequence").at("last") == "Hour_00/Minute_00/Second_10/Frame.dm4");
    CHECK(reader->readFrame(2).sum() == 520192); // README §1b
}
