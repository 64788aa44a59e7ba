// The per-frame timeline: logs sampled at aligned frame times, charge integrated, dose columns.
#include "insitu/ec/timeline.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <sstream>

using namespace insitu;

TEST_CASE("timeline joins an aligned log, integrates the charge and leaves gaps empty", "[ec]")
{
    TimelineLog tl;
    tl.log.path = "cell.mpt";
    tl.log.timeS = {0, 1, 2, 3, 4, 10};
    tl.log.channels = {{"Ewe", "V", "V", {0.1, 0.2, 0.3, 0.4, 0.5, 1.1}},
                       {"<I>", "A", "mA", {1e-3, 1e-3, 1e-3, 1e-3, 1e-3, 1e-3}}};
    tl.alignment.offsetS = 2.0; // log time 0 is movie time 2 s
    TimelineInputs in;
    in.frameTimesS = {0, 2, 4, 6, 8, 20};
    in.timeZeroS = 2;
    in.logs = {tl};
    in.dose = DoseSeries{
        "typed", {5, 5, 5, 5, 5, 5}, cumulativeDose({5, 5, 5, 5, 5, 5}, {0, 2, 4, 6, 8, 20}), {}};
    const auto table = buildTimeline(in);
    const auto* time = table.column("time_s");
    REQUIRE(time);
    CHECK(time->values[1] == 0.0);
    const auto* v = table.column("potential_V");
    REQUIRE(v);
    CHECK(std::isnan(v->values[0])); // before the log starts
    CHECK(v->values[1] == Approx(0.1));
    CHECK(v->values[2] == Approx(0.3));
    CHECK(v->values[4] == Approx(0.7)); // interpolated between 4 s and 10 s
    CHECK(std::isnan(v->values[5]));    // after the log ends
    const auto* q = table.column("charge_C");
    REQUIRE(q);
    CHECK(q->values[3] == Approx(4e-3)); // 1 mA for 4 s
    REQUIRE(table.column("log1_Ewe_V"));
    REQUIRE(table.column("log1_I_A"));
    CHECK(table.column("log1_time_s")->values[2] == Approx(2.0));
    CHECK(table.column("dose_e_per_A2")->values[0] == Approx(10.0));
    std::ostringstream csv;
    writeTimelineCsv(table, csv);
    const auto text = csv.str();
    CHECK(text.rfind("frame,time_s,potential_V,current_A,charge_C,log1_time_s,", 0) == 0);
    CHECK(text.find("\n0,-2,,,,,,,5,10\n") != std::string::npos);
}

TEST_CASE("timeline joins followed-particle areas and particle counts per frame", "[ec]")
{
    TimelineInputs in;
    in.frameTimesS = {0, 1, 2, 3, 4};
    in.nmPerPixel = 0.5;
    AreaTrack track;
    track.index = 2;
    track.frames = {1, 2, 3};
    track.areaPx = {100, 110, 121};
    track.areaRatio = {1.0, 1.1, 1.21};
    in.areaTracks = {track};
    in.particleCounts = {{"left side", 2, 3, 17}};
    const auto table = buildTimeline(in);
    const auto* px = table.column("area_2_px2");
    const auto* nm = table.column("area_2_nm2");
    const auto* ratio = table.column("area_2_ratio");
    const auto* count = table.column("particles_left_side_count");
    REQUIRE(px);
    REQUIRE(nm);
    REQUIRE(ratio);
    REQUIRE(count);
    CHECK(std::isnan(px->values[0])); // not followed at frame 0
    CHECK(px->values[2] == 110.0);
    CHECK(nm->values[3] == Approx(121 * 0.25));
    CHECK(ratio->values[3] == Approx(1.21));
    CHECK(std::isnan(ratio->values[4]));
    CHECK(std::isnan(count->values[1]));
    CHECK(count->values[2] == 17.0);
    CHECK(count->values[3] == 17.0);
    CHECK(std::isnan(count->values[4]));

    in.nmPerPixel.reset(); // unknown calibration: no nm², never a silent 1 nm/px
    const auto uncalibrated = buildTimeline(in);
    CHECK(std::isnan(uncalibrated.column("area_2_nm2")->values[2]));
    CHECK(uncalibrated.column("area_2_px2")->values[2] == 110.0);
}
