// The movie's "batch" group: BatchProvenance survives save and load; a missing group is none.
#include "project_fixture.h"
#include "support/test_paths.h"

#include "insitu/project/project_file.h"

#include <catch2/catch.hpp>

TEST_CASE("a movie's batch provenance round-trips through the project file", "[batch][project]")
{
    insitu::Project project = insitu::test::fullProject();
    REQUIRE_FALSE(project.movies.empty());
    insitu::BatchProvenance batch;
    batch.recipeJson = R"({"movies":["a/*.tif"],"template":"t.h5","output":"out"})";
    batch.recipeHash = "sha256:0123abcd";
    batch.templatePath = "t.h5";
    batch.templateFingerprint = "sha256-sampled-v1:ffee";
    batch.programVersion = "9.8.7";
    batch.createdUtc = "2026-12-01T12:00:00Z";
    project.movies.front().batch = batch;
    const auto dir = insitu::test::scratchDir("layout_v2_batch");
    insitu::saveProject(project, dir / "p.h5");
    const insitu::Project back = insitu::loadProject(dir / "p.h5");
    REQUIRE(back.movies.size() == project.movies.size());
    CHECK(back.movies.front().batch == batch);
    for (std::size_t i = 1; i < back.movies.size(); ++i)
        CHECK_FALSE(back.movies[i].batch.has_value());
    CHECK(back == project);
}
