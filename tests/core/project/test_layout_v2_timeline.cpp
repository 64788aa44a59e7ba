// The movie's "timeline" group survives a save/load round trip; a project without one has none.
#include "project_fixture.h"
#include "support/test_paths.h"

#include "insitu/project/project_file.h"

#include <catch2/catch.hpp>

using namespace insitu;

namespace {

ProjectTimeline sampleTimeline()
{
    ProjectTimeline t;
    t.movieStart = LocalDateTime{2020, 7, 29, 10, 30, 55.25};
    ProjectTimelineLog a;
    a.path = "/data/ec/Pt_poly cv.mpt";
    a.fingerprint = "sha256-sampled-v1:00ff";
    a.format = "biologic";
    a.typedOffsetS = -3.5;
    a.anchors = {{12.5, 3.25}, {3600.0, 3591.0}};
    a.offsetS = 9.0625;
    a.rate = 1.00001;
    a.method = "two anchors";
    ProjectTimelineLog b;
    b.path = "/data/ec/gas.csv";
    b.fingerprint = "sha256-sampled-v1:abcd";
    b.format = "impulse";
    b.method = "header clocks";
    b.offsetS = -12.0;
    b.correlateChannel = "current_A";
    t.logs = {a, b};
    t.logUtcOffsetH = 2.0;
    t.signalRectPx = std::array<int, 4>{8, 16, 64, 32};
    t.correlationMaxLagS = 30.0;
    t.dose.countsPerElectron = 10.5;
    t.dose.vacuumRectPx = std::array<int, 4>{1, 2, 30, 40};
    t.dose.exposureS = 0.1;
    t.dose.beamCurrentA = 2e-9;
    t.dose.beamAreaUm2 = 0.5;
    return t;
}

} // namespace

TEST_CASE("project timeline group: logs, anchors, alignment and dose settings round-trip",
          "[ec][project]")
{
    auto project = test::fullProject();
    project.movies.front().timeline = sampleTimeline();
    const auto path = test::scratchDir("ec_project") / "timeline.h5";
    saveProject(project, path);
    const auto loaded = loadProject(path);
    REQUIRE(loaded.movies.front().timeline);
    CHECK(*loaded.movies.front().timeline == *project.movies.front().timeline);
    CHECK(loaded == project);

    project.movies.front().timeline.reset();
    saveProject(project, path);
    CHECK_FALSE(loadProject(path).movies.front().timeline);
}

TEST_CASE("timeline JSON refuses a malformed document with a clear message", "[ec][project]")
{
    auto json = timelineJson(sampleTimeline());
    CHECK(timelineFromJson(json) == sampleTimeline());
    json["logs"][0].erase("rate");
    CHECK_THROWS_WITH(timelineFromJson(json), Catch::Contains("timeline settings"));
}

TEST_CASE("timeline JSON of a file written before the UTC offset and correlation were saved",
          "[ec][project]")
{
    auto json = timelineJson(sampleTimeline());
    json.erase("log_utc_offset_h");
    json.erase("signal_px");
    json.erase("correlation_max_lag_s");
    for (auto& log : json["logs"])
        log.erase("correlate_channel");
    const ProjectTimeline old = timelineFromJson(json);
    CHECK_FALSE(old.logUtcOffsetH);
    CHECK_FALSE(old.signalRectPx);
    CHECK_FALSE(old.correlationMaxLagS);
    CHECK(old.logs.at(1).correlateChannel.empty());
}
