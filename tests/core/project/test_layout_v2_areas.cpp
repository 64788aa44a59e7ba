// The "areas" group of the project file: every field of ProjectAreas round-trips.

#include "support/test_paths.h"

#include "insitu/project/project.h"
#include "insitu/project/project_file.h"

#include <catch2/catch.hpp>

#include <cmath>

using namespace insitu;

TEST_CASE("project: the areas group round-trips; a movie without it has no areas",
          "[area][project]")
{
    Project project;
    ProjectMovie movie;
    movie.id = 0;
    movie.path = "/data/particles.tif";
    movie.width = 64;
    movie.height = 64;
    movie.frameCount = 3;
    Project empty = project;
    empty.movies.push_back(movie);

    ProjectAreas areas;
    areas.result.options.core = true;
    areas.result.options.model = "avrami";
    areas.result.keyframes = {{0, 0, {{1, 1}, {5, 1}, {5, 5}}, true},
                              {0, 2, {{1, 1}, {6, 1}, {6, 6}, {1, 6}}, false}};
    AreaTrack t;
    t.index = 0;
    t.frames = {0, 1, 2};
    for (int k = 0; k < 3; ++k) {
        t.outlinesPx.push_back({{1.0 + k, 1}, {5, 1.5}, {5, 5.25}, {1, 5}});
        t.coreOutlinesPx.push_back({{2, 2}, {4, 2}, {4, 4}, {2, 4.5}});
        t.areaPx.push_back(16 + k);
        t.measuredAreaPx.push_back(16.5 + k);
        t.perimeterPx.push_back(16 + 0.5 * k);
        t.centroidPx.push_back({3 + 0.1 * k, 3});
        t.edgeConfidence.push_back(0.9);
        t.coreAreaPx.push_back(4);
        t.areaRatio.push_back((16 + k) / 16.0);
    }
    t.areaZeroPx = 16;
    t.events = {{1, "crack", 0.03}, {2, "user", 0}};
    FitResult fit;
    fit.model = "linear";
    FitParameter level;
    level.name = "L0_ratio";
    level.value = 1;
    level.standardError = 0.01;
    level.ci95Low = 0.98;
    level.ci95High = 1.02;
    fit.params = {level};
    fit.x = {0, 1, 2};
    fit.residuals = {0, 0, 0};
    fit.pointCount = 3;
    t.fit = fit;
    areas.result.particles.push_back(t);
    AreaRatioComparison comparison;
    comparison.particleB = 1;
    comparison.quantity = "initial_rate";
    comparison.ratio.ratio = 6;
    comparison.ratio.ci95Low = 5;
    comparison.ratio.ci95High = 7;
    comparison.ratio.text = "x";
    areas.result.ratios.push_back(comparison);
    // A ratio whose interval is not a number (stored as JSON null) reads back as NaN.
    comparison.quantity = "final_area_ratio";
    comparison.ratio.ci95Low = comparison.ratio.ci95High = std::nan("");
    areas.result.ratios.push_back(comparison);
    areas.provenance = makeProvenance("{\"drift\":\"mean\"}", {"movie:0"});
    movie.areas = areas;
    project.movies.push_back(movie);

    const auto dir = test::scratchDir("project_areas");
    saveProject(project, dir / "areas.h5");
    const Project back = loadProject(dir / "areas.h5");
    REQUIRE(back.movies.size() == 1);
    REQUIRE(back.movies[0].areas.has_value());
    const AreaResult& r = back.movies[0].areas->result;
    CHECK(r.options == areas.result.options);
    CHECK(r.keyframes == areas.result.keyframes);
    REQUIRE(r.particles.size() == 1);
    const AreaTrack& b = r.particles[0];
    CHECK(b.frames == t.frames);
    CHECK(b.outlinesPx == t.outlinesPx);
    CHECK(b.coreOutlinesPx == t.coreOutlinesPx);
    CHECK(b.areaPx == t.areaPx);
    CHECK(b.measuredAreaPx == t.measuredAreaPx);
    CHECK(b.centroidPx == t.centroidPx);
    CHECK(b.events == t.events);
    REQUIRE(b.fit.has_value());
    CHECK(b.fit->params[0].value == 1);
    REQUIRE(r.ratios.size() == 2);
    CHECK(r.ratios[0] == areas.result.ratios[0]);
    CHECK(r.ratios[1].ratio.ratio == 6);
    CHECK(std::isnan(r.ratios[1].ratio.ci95Low));
    CHECK(std::isnan(r.ratios[1].ratio.ci95High));
    CHECK(back.movies[0].areas->provenance == areas.provenance);

    saveProject(empty, dir / "empty.h5");
    CHECK_FALSE(loadProject(dir / "empty.h5").movies[0].areas.has_value());
}
