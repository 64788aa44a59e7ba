// The "grains" group of format_version 2: a full result round-trips; no result, no group.

#include "project_fixture.h"
#include "support/test_paths.h"

#include "insitu/project/project_file.h"

#include <catch2/catch.hpp>

using namespace insitu;

namespace {

ProjectGrains sampleGrains()
{
    ProjectGrains r;
    r.frame = 3;
    r.roiPx = {4, 5, 3, 2};
    r.source = "boundary-map";
    r.nmPerPixel = 0.25;
    r.labelRows = 2;
    r.labelCols = 3;
    r.labels = {0, 1, 1, 2, 2, 0};
    r.classMap = {2, 1, 1, 1, 1, 3};
    for (int id : {1, 2}) {
        Grain g;
        g.id = id;
        g.areaPx = 2;
        g.ecdPx = 1.5957691216057308;
        g.areaNm2 = 2 * 0.25 * 0.25;
        g.ecdNm = g.ecdPx * 0.25;
        g.aspectRatio = 1.75 + id;
        g.xPx = 5.5 + id;
        g.yPx = 5.0 + id;
        g.border = id == 2;
        r.grains.push_back(g);
    }
    r.crystalline = {0.57, 0.55, 0.59};
    r.amorphous = {0.25, 0.23, 0.27};
    r.pore = {0.18, 0.16, 0.2};
    r.ecdMedianPx = 1.6;
    r.ecdMeanPx = 1.7;
    r.ecdModePx = 1.55;
    r.meanInterceptPx = 1.25;
    r.lineGridMeanInterceptPx = std::nullopt;
    r.parametersJson = R"({"min_grain_nm":3})";
    r.createdUtc = "2026-12-01T12:00:00Z";
    r.softwareVersion = "test";
    return r;
}

} // namespace

TEST_CASE("the grains group round-trips through the project file", "[grains][project]")
{
    Project project = test::fullProject();
    project.movies.front().grains = sampleGrains();
    const auto path = test::scratchDir("layout_v2_grains") / "grains.h5";
    saveProject(project, path);
    const Project loaded = loadProject(path);
    REQUIRE(loaded.movies.front().grains.has_value());
    CHECK(*loaded.movies.front().grains == *project.movies.front().grains);
    CHECK(loaded.movies.front() == project.movies.front());
}

TEST_CASE("a movie without grains has no grains group and reads back none", "[grains][project]")
{
    Project project = test::fullProject();
    project.movies.front().grains.reset();
    const auto path = test::scratchDir("layout_v2_grains_none") / "none.h5";
    saveProject(project, path);
    CHECK_FALSE(loadProject(path).movies.front().grains.has_value());
}
