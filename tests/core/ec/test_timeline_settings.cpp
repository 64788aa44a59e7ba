// A project movie's fronts, areas and particle counts gathered for the per-frame timeline.
#include "insitu/ec/timeline_settings.h"
#include "insitu/project/project.h"

#include <catch2/catch.hpp>

using namespace insitu;

TEST_CASE("timelineAnalyses gathers fronts, areas and particle counts of a project movie",
          "[ec][timelinesettings]")
{
    ProjectMovie movie;
    CHECK(timelineAnalyses(movie).fronts.empty());
    CHECK(timelineAnalyses(movie).areaTracks.empty());
    CHECK(timelineAnalyses(movie).particleCounts.empty());

    ProjectFronts fronts;
    fronts.result.roiId = 4;
    movie.fronts = {fronts};
    ProjectAreas areas;
    areas.result.particles.resize(2);
    areas.result.particles[1].index = 1;
    movie.areas = areas;
    ProjectParticles particles;
    particles.firstFrame = 3;
    particles.lastFrame = 5;
    RegionStatistics region;
    region.name = "support";
    region.count = 42;
    particles.result.regions = {region};
    movie.particles = particles;

    const auto a = timelineAnalyses(movie);
    REQUIRE(a.fronts.size() == 1);
    CHECK(a.fronts[0].roiId == 4);
    REQUIRE(a.areaTracks.size() == 2);
    CHECK(a.areaTracks[1].index == 1);
    REQUIRE(a.particleCounts.size() == 1);
    CHECK(a.particleCounts[0].region == "support");
    CHECK(a.particleCounts[0].firstFrame == 3);
    CHECK(a.particleCounts[0].lastFrame == 5);
    CHECK(a.particleCounts[0].count == 42);
}
