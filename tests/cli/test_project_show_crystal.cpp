// project_show_crystal: what `insitu project show` says of fft and grains results.
#include "project_show_crystal.h"

#include "insitu/project/project.h"

#include <catch2/catch.hpp>

#include <sstream>

using namespace insitu;

namespace {

ProjectMovie movieWithOnePeak(std::optional<double> nmPerPixel)
{
    ProjectMovie movie;
    movie.calibrationOverride.nmPerPixel = nmPerPixel;
    ProjectFftRegion region;
    region.frame = 3;
    region.regionKind = "rectangle";
    region.regionPx = {10, 20, 64, 64};
    ProjectFftPeak peak;
    peak.kPerPx = 0.25; // 4 px period
    peak.kErrPerPx = 0.0025;
    region.peaks.push_back(peak);
    movie.fft.regions.push_back(region);
    return movie;
}

} // namespace

TEST_CASE("project show crystal: nulls when there is no result", "[cli][project_show_crystal]")
{
    const auto json = cli::crystalResultsJson(ProjectMovie{});
    CHECK(json["fft"].is_null());
    CHECK(json["grains"].is_null());
    std::ostringstream text;
    cli::printCrystalResults(text, ProjectMovie{});
    CHECK(text.str().empty());
}

TEST_CASE("project show crystal: d in nm only when the movie is calibrated",
          "[cli][project_show_crystal]")
{
    const auto calibrated = cli::crystalResultsJson(movieWithOnePeak(0.05));
    REQUIRE(calibrated["fft"]["regions"].size() == 1);
    const auto& peak = calibrated["fft"]["regions"][0]["peaks"][0];
    CHECK(peak["d_nm"].get<double>() == Approx(0.2));
    CHECK(peak["match"].is_null());
    CHECK(calibrated["fft"]["regions"][0]["frame"] == 3);
    CHECK(calibrated["fft"]["map"].is_null());

    const auto uncalibrated = cli::crystalResultsJson(movieWithOnePeak(std::nullopt));
    CHECK(uncalibrated["fft"]["regions"][0]["peaks"][0]["d_nm"].is_null());

    std::ostringstream text;
    cli::printCrystalResults(text, movieWithOnePeak(std::nullopt));
    CHECK(text.str().find("4 px") != std::string::npos);
    CHECK(text.str().find("nm") == std::string::npos);
}
