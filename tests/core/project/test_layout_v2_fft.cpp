// The movie's "fft" group round-trips: regions (peaks, matches, profile) and the map.

#include "project_fixture.h"

#include "insitu/project/project_file.h"
#include "support/test_paths.h"

#include <catch2/catch.hpp>

using namespace insitu;

TEST_CASE("fft group: loadProject(saveProject(p)) keeps regions and the map", "[fft][project]")
{
    const auto dir = test::scratchDir("layout_v2_fft");
    Project p = test::fullProject();
    ProjectFft& fft = p.movies[0].fft;
    ProjectFftRegion whole;
    whole.frame = 2;
    whole.regionKind = "whole-frame";
    whole.regionPx = {0, 0, 256, 200};
    whole.peaks = {{0.2395, 1.5e-5, 0.004, 1234.5, 42.0, DSpacing{"Cu", "111", 0.2087}},
                   {0.1877, 2.5e-5, 0.006, 99.25, 8.5, std::nullopt}};
    whole.profileKPerPx = {0.01, 0.02, 0.03};
    whole.profilePower = {5.0, 4.5, 1e-3};
    whole.optionsJson = R"({"taper":"hann"})";
    whole.createdUtc = "2026-12-01T12:00:00Z";
    whole.softwareVersion = "0.5.0";
    ProjectFftRegion polygon = whole;
    polygon.roiId = 3;
    polygon.regionKind = "polygon";
    polygon.regionPx = {1, 2, 30, 4, 15.5, 40};
    polygon.peaks.clear();
    fft.regions = {whole, polygon};
    ProjectCrystallinityMap map;
    map.frame = 1;
    map.windowPx = 64;
    map.stepPx = 16;
    map.rows = 2;
    map.cols = 3;
    map.mask = {0, 255, 255, 0, 0, 255};
    map.crystallineFraction = 0.5;
    map.phases = {{"Cu", 0.23, 0.25, 3.5, 0.25}, {"Li2O", 0.18, 0.2, 2.75, 0.3}};
    map.optionsJson = R"({"window_px":64})";
    map.createdUtc = "2026-12-01T12:05:00Z";
    map.softwareVersion = "0.5.0";
    fft.map = map;

    saveProject(p, dir / "p.h5");
    const Project loaded = loadProject(dir / "p.h5");
    REQUIRE(loaded.movies.size() == p.movies.size());
    CHECK(loaded.movies[0].fft.regions == fft.regions);
    CHECK(loaded.movies[0].fft.map == fft.map);
    CHECK(loaded.movies[1].fft.empty()); // no group, no result
    CHECK(loaded == p);
}

TEST_CASE("fft group: putRegion replaces the same region and adds others", "[fft][project]")
{
    ProjectFft fft;
    ProjectFftRegion a;
    a.frame = 0;
    a.regionKind = "rectangle";
    a.regionPx = {0, 0, 64, 64};
    a.peaks = {{0.25, 1e-5, 0.004, 10, 5, std::nullopt}};
    fft.putRegion(a);
    ProjectFftRegion again = a;
    again.peaks.clear();
    fft.putRegion(again);
    REQUIRE(fft.regions.size() == 1);
    CHECK(fft.regions[0].peaks.empty());
    ProjectFftRegion otherFrame = a;
    otherFrame.frame = 1;
    fft.putRegion(otherFrame);
    ProjectFftRegion otherBox = a;
    otherBox.regionPx = {8, 0, 64, 64};
    fft.putRegion(otherBox);
    CHECK(fft.regions.size() == 3);
}
