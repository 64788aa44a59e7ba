// calibration_options: --pixel-size-nm and --frame-interval-s parsed, validated and applied.
#include "calibration_options.h"

#include "support/test_paths.h"

#include "insitu/io/movie.h"
#include "insitu/io/tiff_writer.h"

#include <CLI/CLI.hpp>
#include <catch2/catch.hpp>
#include <opencv2/core.hpp>

#include <vector>

using namespace insitu;

namespace {

std::shared_ptr<Movie> tinyMovie(const std::string& name)
{
    const auto path = test::scratchDir("cli_calibration_options") / name;
    const std::vector<cv::Mat> frames(3, cv::Mat(8, 8, CV_16UC1, cv::Scalar(100)));
    TiffStackOptions options;
    options.width = 8;
    options.height = 8;
    options.frameCount = 3;
    options.nmPerPixel = 0.5;
    options.frameIntervalS = 1.0;
    writeTiffStack(path, frames, options);
    return openMovie(path);
}

} // namespace

TEST_CASE("calibration options: positive finite values only", "[cli][calibration_options]")
{
    CalibrationOverride override;
    CLI::App app;
    cli::addCalibrationOptions(app, override);
    app.parse("--pixel-size-nm 0.25 --frame-interval-s 0.5", false);
    REQUIRE(override.nmPerPixel == 0.25);
    REQUIRE(override.frameIntervalS == 0.5);

    for (const char* bad : {"0", "-1", "nan", "inf", "abc"}) {
        CalibrationOverride o;
        CLI::App a;
        cli::addCalibrationOptions(a, o);
        CHECK_THROWS_AS(a.parse(std::string("--pixel-size-nm ") + bad, false),
                        CLI::ValidationError);
    }
}

TEST_CASE("calibration options: an override replaces the file's values and its time stamps",
          "[cli][calibration_options]")
{
    const auto movie = tinyMovie("plain.tif");
    const Calibration before = movie->calibration();
    REQUIRE(before.nmPerPixel == 0.5);

    cli::applyCalibrationOverride(*movie, CalibrationOverride{});
    CHECK(movie->calibration().nmPerPixel == before.nmPerPixel);
    CHECK(movie->calibration().frameIntervalS == before.frameIntervalS);

    CalibrationOverride override;
    override.nmPerPixel = 0.2;
    override.frameIntervalS = 2.0;
    override.timeZeroFrame = 1;
    cli::applyCalibrationOverride(*movie, override);
    CHECK(movie->calibration().nmPerPixel == 0.2);
    CHECK(movie->calibration().frameIntervalS == 2.0);
    CHECK(movie->calibration().timeZeroFrame == 1);
    CHECK(movie->calibration().timestampsS.empty());
}
