// The movie's "fronts_inputs" group: what fronts were tracked from survives save and load; a
// missing group is none; the "band width typed" flag of the front settings round-trips too.
#include "project_fixture.h"
#include "support/test_paths.h"

#include "insitu/project/project_file.h"

#include <catch2/catch.hpp>

TEST_CASE("the inputs fronts were tracked from round-trip through the project file",
          "[project][stale]")
{
    insitu::Project project = insitu::test::fullProject();
    REQUIRE_FALSE(project.movies.empty());
    insitu::FrontsTrackedFrom from;
    from.roiId = 7;
    from.shape = insitu::RoiShape::Polyline;
    from.points = {{1.5, 2.25}, {30.0, 4.0}, {61.125, 9.5}};
    from.widthPx = 13.5;
    from.driftUsed = true;
    from.driftIsCurrent = false;
    from.fitCalibrationIsCurrent = false;
    insitu::FrontsTrackedFrom fresh;
    fresh.roiId = 8;
    fresh.points = {{0, 0}, {10, 0}};
    fresh.widthPx = 20;
    project.movies.front().frontsTrackedFrom = {from, fresh};
    project.movies.front().frontSettings.bandWidthPx = 20;
    project.movies.front().frontSettings.bandWidthTyped = true;
    const auto dir = insitu::test::scratchDir("layout_v2_fronts_inputs");
    insitu::saveProject(project, dir / "p.h5");
    const insitu::Project back = insitu::loadProject(dir / "p.h5");
    REQUIRE(back.movies.size() == project.movies.size());
    REQUIRE(back.movies.front().frontsTrackedFrom.size() == 2);
    CHECK(back.movies.front().frontsTrackedFrom[0] == from);
    CHECK(back.movies.front().frontsTrackedFrom[1] == fresh);
    CHECK(back.movies.front().frontSettings.bandWidthTyped);
    for (std::size_t i = 1; i < back.movies.size(); ++i)
        CHECK(back.movies[i].frontsTrackedFrom.empty());
    CHECK(back == project);
}

TEST_CASE("an untyped default band width stays untyped through the project file",
          "[project][stale]")
{
    insitu::Project project = insitu::test::fullProject();
    for (insitu::ProjectMovie& movie : project.movies)
        movie.frontSettings.bandWidthTyped = false;
    const auto dir = insitu::test::scratchDir("layout_v2_fronts_inputs_untyped");
    insitu::saveProject(project, dir / "p.h5");
    const insitu::Project back = insitu::loadProject(dir / "p.h5");
    for (const insitu::ProjectMovie& movie : back.movies)
        CHECK_FALSE(movie.frontSettings.bandWidthTyped);
}
