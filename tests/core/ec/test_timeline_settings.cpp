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

TEST_CASE("timelineOptions restores the UTC offset and the cross-correlation of saved settings",
          "[ec][timelinesettings]")
{
    ProjectTimeline saved;
    ProjectTimelineLog log;
    log.path = "/data/ec/run.mpt";
    log.format = "biologic";
    log.typedOffsetS = 4.5;
    log.correlateChannel = "current_A";
    saved.logs = {log};
    saved.logUtcOffsetH = 1.0;
    saved.signalRectPx = std::array<int, 4>{2, 4, 40, 20};
    saved.correlationMaxLagS = 12.0;

    const TimelineOptions o = timelineOptions(saved);
    CHECK(o.logUtcOffsetH == 1.0);
    REQUIRE(o.signalRectPx);
    CHECK(*o.signalRectPx == cv::Rect(2, 4, 40, 20));
    CHECK(o.crossCorrelation.maxLagS == 12.0);
    REQUIRE(o.logs.size() == 1);
    CHECK(o.logs[0].correlateChannel == "current_A");
    CHECK(o.logs[0].offsetS == 4.5);

    const TimelineOptions plain = timelineOptions(ProjectTimeline{});
    CHECK_FALSE(plain.logUtcOffsetH);
    CHECK_FALSE(plain.signalRectPx);
    CHECK(plain.crossCorrelation.maxLagS == CrossCorrelationOptions{}.maxLagS);
}
