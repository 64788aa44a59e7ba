// `insitu roi import|export`: the JSON, ROIs added to a project, RoiSet.zip back out.
#include "support/run_cli.h"
#include "support/test_paths.h"

#include "insitu/project/project_file.h"
#include "insitu/roi/imagej_roi.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <fstream>

namespace fs = std::filesystem;
using insitu::test::runCli;

namespace {

fs::path roiDir()
{
    return insitu::test::externalDataDir() / "imagej-roi";
}

/// A project with one real (synthetic) movie and no ROIs.
fs::path makeProject(const fs::path& dir)
{
    const auto movie = dir / "movie.tif";
    REQUIRE(runCli("synth drift -o " + movie.string() + " --frames 3 --width 64 --height 48")
                .exitCode == 0);
    insitu::Project project;
    project.name = "roi test";
    project.movies.push_back(insitu::describeMovie(movie, project.nextMovieId++));
    insitu::saveProject(project, dir / "p.h5");
    return dir / "p.h5";
}

} // namespace

TEST_CASE("roi import --json gives the issue's keys for every ROI type", "[cli][imagej-roi]")
{
    if (!fs::exists(roiDir())) {
        WARN("skipped: " << roiDir().string() << " is absent");
        return;
    }
    const auto rect = runCli("roi import " + (roiDir() / "rectangle.roi").string() + " --json");
    REQUIRE(rect.exitCode == 0);
    const auto r = nlohmann::json::parse(rect.out).at("rois").at(0);
    CHECK(r.at("name") == "rectangle");
    CHECK(r.at("type") == "rectangle");
    CHECK(r.at("x").get<double>() == Approx(42.5)); // ImageJ left 43, pixel corners
    CHECK(r.at("y").get<double>() == Approx(18.5));
    CHECK(r.at("width").get<double>() == Approx(43));
    CHECK(r.at("height").get<double>() == Approx(36));
    CHECK(r.at("frame").is_null());

    const auto poly = runCli("roi import " + (roiDir() / "polygon.roi").string() + " --json");
    REQUIRE(poly.exitCode == 0);
    const auto p = nlohmann::json::parse(poly.out).at("rois").at(0);
    CHECK(p.at("type") == "polygon");
    REQUIRE(p.at("points_px").size() == 11);
    CHECK(p.at("points_px")[0][0].get<double>() == Approx(68.5));
    CHECK(p.at("points_px")[0][1].get<double>() == Approx(92.5));

    const auto point = runCli("roi import " + (roiDir() / "point.roi").string() + " --json");
    REQUIRE(point.exitCode == 0);
    CHECK(nlohmann::json::parse(point.out).at("rois").at(0).at("frame") == 0);
    CHECK(point.err.find("point ROIs have no workbench ROI shape") != std::string::npos);

    const auto zip = runCli("roi import " + (roiDir() / "two_rois.zip").string() + " --json");
    REQUIRE(zip.exitCode == 0);
    CHECK(nlohmann::json::parse(zip.out).at("rois").size() == 2);
}

TEST_CASE("roi import --project adds the ROIs; roi export writes them back", "[cli][imagej-roi]")
{
    if (!fs::exists(roiDir())) {
        WARN("skipped: " << roiDir().string() << " is absent");
        return;
    }
    const auto dir = insitu::test::scratchDir("cli_roi_project");
    const auto project = makeProject(dir);
    for (const auto* stem : {"polyline.roi", "oval.roi", "two_rois.zip"})
        REQUIRE(
            runCli("roi import " + (roiDir() / stem).string() + " --project " + project.string())
                .exitCode == 0);
    const auto loaded = insitu::loadProject(project);
    const auto& rois = loaded.movies.at(0).rois;
    REQUIRE(rois.size() == 4);
    CHECK(rois[0].shape == insitu::RoiShape::Polyline);
    CHECK(rois[1].shape == insitu::RoiShape::Ellipse);
    CHECK(rois[3].name == "roi_2");
    CHECK(rois[0].id != rois[1].id);

    const auto out = dir / "RoiSet.zip";
    const auto exported = runCli("roi export " + project.string() + " -o " + out.string());
    REQUIRE(exported.exitCode == 0);
    const auto back = insitu::readImageJRois(out);
    REQUIRE(back.size() == 4);
    const auto original = insitu::readImageJRois(roiDir() / "polyline.roi").at(0);
    CHECK(back[0].points == original.points);
    CHECK(back[1].type == insitu::ImageJRoiType::Oval);
}

TEST_CASE("roi import exits 2 naming a file that is not an ROI", "[cli][imagej-roi]")
{
    const auto dir = insitu::test::scratchDir("cli_roi_bad");
    const auto bad = dir / "bad.roi";
    {
        std::ofstream(bad) << "this is not an ImageJ ROI file but it is long enough for a header";
    }
    const auto result = runCli("roi import " + bad.string());
    CHECK(result.exitCode == 2);
    CHECK(result.err.find("bad.roi") != std::string::npos);
}
