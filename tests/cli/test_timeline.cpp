// `insitu timeline MOVIE --ec LOG`: a synthetic movie and log with a known offset; anchors,
// typed dose, the CSV table and the project it saves.
#include "support/run_cli.h"
#include "support/test_paths.h"

#include "insitu/io/tiff_writer.h"
#include "insitu/project/project_file.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <opencv2/core.hpp>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <numbers>
#include <sstream>

using insitu::test::runCli;

namespace {

/// A 20-frame movie (0.5 s frames) and a 10 s log (0.1 s steps) in a fresh folder.
std::filesystem::path movieAndLog(const std::string& name)
{
    const auto dir = insitu::test::scratchDir(name);
    REQUIRE(runCli("synth drift -o " + (dir / "movie.tif").string() +
                   " --frames 20 --width 32 --height 32 --frame-interval-s 0.5")
                .exitCode == 0);
    std::ofstream log(dir / "log.csv");
    log << "time/s,Ewe/V,I/mA\n";
    for (int i = 0; i <= 100; ++i)
        log << i * 0.1 << ',' << i * 0.01 << ',' << (i >= 50 ? 2.0 : 1.0) << '\n';
    return dir;
}

/// The cells of one CSV line.
std::vector<std::string> cells(const std::string& line)
{
    std::vector<std::string> out;
    std::stringstream in(line);
    std::string cell;
    while (std::getline(in, cell, ','))
        out.push_back(cell);
    if (!line.empty() && line.back() == ',')
        out.emplace_back();
    return out;
}

} // namespace

TEST_CASE("timeline: two anchors align the log, the CSV has a row per frame, the project "
          "keeps the timeline",
          "[cli][ec]")
{
    const auto dir = movieAndLog("cli_timeline");
    const auto movie = (dir / "movie.tif").string();
    // Anchors: log time τ is movie time τ + 3 s.
    const auto csv = (dir / "timeline.csv").string();
    const auto project = (dir / "timeline.h5").string();
    const auto result = runCli("timeline " + movie + " --ec " + (dir / "log.csv").string() +
                               " --anchor 6=0 --anchor 16=5 --dose-rate 12.5 -o " + csv +
                               " --project " + project + " --json");
    INFO(result.err);
    REQUIRE(result.exitCode == 0);
    const auto j = nlohmann::json::parse(result.out);
    CHECK(j.at("frames") == 20);
    const auto& log = j.at("logs").at(0);
    CHECK(log.at("method") == "two anchors");
    CHECK(log.at("offset_s").get<double>() == Approx(3.0));
    CHECK(log.at("rate").get<double>() == 1.0);
    CHECK(log.at("anchor_residuals_s").size() == 2);
    CHECK(j.at("dose").at("source") == "typed");
    CHECK(j.at("dose").at("cumulative_last_e_per_A2").get<double>() == Approx(12.5 * 10));
    std::ifstream in(csv);
    std::string line;
    std::getline(in, line);
    CHECK(line.rfind("frame,time_s,potential_V,current_A,charge_C,log1_time_s", 0) == 0);
    int rows = 0;
    std::string frame10;
    while (std::getline(in, line))
        if (++rows == 11)
            frame10 = line;
    CHECK(rows == 20);
    // Frame 10 is movie time 5 s, log time 2 s: Ewe = 0.2 V, I = 1 mA, Q = 2 mC.
    CHECK(frame10.rfind("10,5,0.2,0.001,0.002,2,", 0) == 0);
    CHECK(std::filesystem::exists(project));

    // The project alone brings its log back, aligned by the anchors saved with it.
    const auto again = runCli("timeline " + project + " --json");
    INFO(again.err);
    REQUIRE(again.exitCode == 0);
    const auto reloaded = nlohmann::json::parse(again.out).at("logs").at(0);
    CHECK(reloaded.at("method") == "two anchors");
    CHECK(reloaded.at("offset_s").get<double>() == Approx(3.0));
}

TEST_CASE("timeline: several logs with their own offsets, plots against charge, bad input",
          "[cli][ec]")
{
    const auto dir = movieAndLog("cli_timeline_more");
    const auto movie = (dir / "movie.tif").string();
    // Two logs on one movie, each with its own offset; the second one's columns follow.
    {
        std::ofstream gas(dir / "gas.csv");
        gas << "time (min),T (degC)\n0,20\n1,80\n";
    }
    const auto two = runCli("timeline " + movie + " --ec " + (dir / "log.csv").string() + " --ec " +
                            (dir / "gas.csv").string() + " --offset-s 3 --offset-s -10 --json");
    INFO(two.err);
    REQUIRE(two.exitCode == 0);
    const auto logs = nlohmann::json::parse(two.out).at("logs");
    REQUIRE(logs.size() == 2);
    CHECK(logs[0].at("offset_s").get<double>() == 3.0);
    CHECK(logs[1].at("offset_s").get<double>() == -10.0);
    CHECK(logs[1].at("method") == "offset");
    const auto columns = nlohmann::json::parse(two.out).at("columns");
    CHECK(std::find(columns.begin(), columns.end(), "log2_T_degC") != columns.end());

    // Results against charge: a figure; a column that is not in the table is refused.
    const auto png = (dir / "potential_vs_charge.png").string();
    const auto plotted =
        runCli("timeline " + movie + " --ec " + (dir / "log.csv").string() +
               " --offset-s 3 --plot " + png + " --plot-x charge_C --plot-y potential_V");
    INFO(plotted.err);
    CHECK(plotted.exitCode == 0);
    CHECK(std::filesystem::exists(png));
    CHECK(runCli("timeline " + movie + " --ec " + (dir / "log.csv").string() + " --plot " + png +
                 " --plot-y no_such_column")
              .exitCode == 2);

    // The log's clock and the movie's are unknown without anchors: warned about.
    const auto plain = runCli("timeline " + movie + " --ec " + (dir / "log.csv").string());
    CHECK(plain.exitCode == 0);
    CHECK(plain.err.find("warning") != std::string::npos);
    CHECK(runCli("timeline " + movie + " --ec " + (dir / "absent.mpt").string()).exitCode == 2);
    CHECK(runCli("timeline " + movie + " --ec " + (dir / "log.csv").string() + " --anchor 99=1")
              .exitCode == 2);
}

TEST_CASE("timeline: a project re-applies its saved dose settings; typed ones replace them",
          "[cli][ec]")
{
    const auto dir = movieAndLog("cli_timeline_reload");
    const auto movie = (dir / "movie.tif").string();
    const auto project = (dir / "timeline.h5").string();
    const auto first = runCli("timeline " + movie + " --ec " + (dir / "log.csv").string() +
                              " --offset-s 2 --counts-per-electron 4 --vacuum 0,0,8,8 "
                              "--exposure-s 0.5 --pixel-size-nm 0.1 --project " +
                              project + " --json");
    INFO(first.err);
    REQUIRE(first.exitCode == 0);
    const auto saved = nlohmann::json::parse(first.out).at("dose");
    CHECK(saved.at("source") == "camera counts");

    const auto again = runCli("timeline " + project + " --json");
    INFO(again.err);
    REQUIRE(again.exitCode == 0);
    const auto j = nlohmann::json::parse(again.out);
    CHECK(j.at("dose") == saved); // same source, same numbers
    CHECK(j.at("logs").at(0).at("offset_s").get<double>() == Approx(2.0));

    const auto typed = runCli("timeline " + project + " --dose-rate 3 --json");
    INFO(typed.err);
    REQUIRE(typed.exitCode == 0);
    CHECK(nlohmann::json::parse(typed.out).at("dose").at("source") == "typed");
}

TEST_CASE("ec: a folder instead of a log exits 2 with one line naming it", "[cli][ec]")
{
    const auto dir = insitu::test::scratchDir("cli_ec_folder");
    const auto result = runCli("ec " + dir.string());
    CHECK(result.exitCode == 2);
    CHECK(result.err.find(dir.string()) != std::string::npos);
    CHECK(result.err.find("folder") != std::string::npos);
}

TEST_CASE("timeline: a project's areas and particle counts join the table, the JSON and the plots",
          "[cli][ec]")
{
    const auto dir = insitu::test::scratchDir("cli_timeline_results");
    const auto movie = (dir / "particles.tif").string();
    const auto truthPath = dir / "truth.json";
    REQUIRE(runCli("synth expanding-particle -o " + movie + " --truth " + truthPath.string() +
                   " --frames 20 --seed 5")
                .exitCode == 0);
    std::ifstream truthIn(truthPath);
    const auto truth = nlohmann::json::parse(truthIn);
    const auto& particle = truth.at("growing_particles").at(0);
    const double r = 1.05 * std::sqrt(particle.at("areas_px")[0].get<double>() / std::numbers::pi);
    std::ostringstream polygon;
    for (int i = 0; i < 16; ++i) {
        const double a = 2 * std::numbers::pi * i / 16;
        polygon << (i ? "," : "") << particle.at("x_px").get<double>() + r * std::cos(a) << ','
                << particle.at("y_px").get<double>() + r * std::sin(a);
    }
    const auto project = (dir / "results.h5").string();
    std::filesystem::remove(project);
    REQUIRE(runCli("area " + movie + " --polygon " + polygon.str() + " --project " + project)
                .exitCode == 0);
    REQUIRE(runCli("particles " + movie + " --dark --project " + project).exitCode == 0);
    const auto stored = insitu::loadProject(project).movies.at(0);
    REQUIRE(stored.areas);
    REQUIRE(stored.particles);
    {
        std::ofstream log(dir / "cell.csv"); // 25 s, E ramps 10 mV/s, I = 2 mA
        log << "time/s,Ewe/V,I/mA\n";
        for (int i = 0; i <= 250; ++i)
            log << i * 0.1 << ',' << i * 0.001 << ",2\n";
    }
    const auto csv = (dir / "timeline.csv").string();
    const auto png = (dir / "area_vs_charge.png").string();
    const auto saved = (dir / "saved.h5").string();
    const auto result = runCli("timeline " + project + " --ec " + (dir / "cell.csv").string() +
                               " --offset-s 0 -o " + csv + " --plot " + png +
                               " --plot-vs charge --result area --project " + saved + " --json");
    INFO(result.err);
    REQUIRE(result.exitCode == 0);
    const auto j = nlohmann::json::parse(result.out);
    CHECK(j.at("joined_results").at("area_particles") == stored.areas->result.particles.size());
    CHECK(j.at("joined_results").at("particle_regions") == stored.particles->result.regions.size());
    CHECK(std::filesystem::exists(png));

    // The CSV's area and count columns are the project's values at their frames.
    std::ifstream in(csv);
    std::string line;
    std::getline(in, line);
    const auto header = cells(line);
    const auto& track = stored.areas->result.particles.at(0);
    const std::string ratioName = "area_" + std::to_string(track.index) + "_ratio";
    const std::string nmName = "area_" + std::to_string(track.index) + "_nm2";
    const auto& region = stored.particles->result.regions.at(0);
    const std::string countName = "particles_" + region.name + "_count";
    const auto column = [&](const std::string& name) {
        return static_cast<std::size_t>(std::find(header.begin(), header.end(), name) -
                                        header.begin());
    };
    REQUIRE(column(ratioName) < header.size());
    REQUIRE(column(nmName) < header.size());
    REQUIRE(column(countName) < header.size());
    std::vector<std::vector<std::string>> rows;
    while (std::getline(in, line))
        rows.push_back(cells(line));
    REQUIRE(rows.size() == 20);
    for (std::size_t j2 = 0; j2 < track.frames.size(); ++j2) {
        const auto& row = rows.at(static_cast<std::size_t>(track.frames[j2]));
        CHECK(std::stod(row.at(column(ratioName))) == Approx(track.areaRatio[j2]).epsilon(1e-9));
        CHECK(std::stod(row.at(column(nmName))) ==
              Approx(track.areaPx[j2]).epsilon(1e-9)); // 1 nm/px
    }
    for (std::size_t k = 0; k < rows.size(); ++k) {
        const auto& cell = rows[k].at(column(countName));
        const bool inWindow = static_cast<int>(k) >= stored.particles->firstFrame &&
                              static_cast<int>(k) <= stored.particles->lastFrame;
        CHECK(cell == (inWindow ? std::to_string(region.count) : std::string()));
    }

    // Fronts the project has none of: refused in one line.
    const auto fronts = runCli("timeline " + project + " --ec " + (dir / "cell.csv").string() +
                               " --offset-s 0 --plot " + png + " --result front");
    CHECK(fronts.exitCode == 2);
    CHECK(fronts.err.find("no front results") != std::string::npos);
    CHECK(std::count(fronts.err.begin(), fronts.err.end(), '\n') == 1);

    // The saved project keeps its results beside the timeline; reopened, they join again.
    const auto reloaded = insitu::loadProject(saved).movies.at(0);
    REQUIRE(reloaded.timeline);
    CHECK(reloaded.areas == stored.areas);
    const auto again = runCli("timeline " + saved + " --json");
    INFO(again.err);
    REQUIRE(again.exitCode == 0);
    CHECK(nlohmann::json::parse(again.out).at("joined_results").at("area_particles") ==
          stored.areas->result.particles.size());
}

TEST_CASE("timeline: a project keeps the UTC offset and the cross-correlation it was aligned with",
          "[cli][ec]")
{
    // 40 frames of 0.5 s whose brightness steps at 7 s; the log's current steps at 5 s (a = 2 s)
    const auto dir = insitu::test::scratchDir("cli_timeline_correlate");
    std::vector<cv::Mat> frames;
    for (int k = 0; k < 40; ++k)
        frames.emplace_back(16, 16, CV_16UC1, cv::Scalar(0.5 * k >= 7.0 ? 150 : 100));
    insitu::TiffStackOptions tiff;
    tiff.width = 16;
    tiff.height = 16;
    tiff.frameCount = 40;
    tiff.frameIntervalS = 0.5;
    const auto movie = (dir / "movie.tif").string();
    insitu::writeTiffStack(movie, frames, tiff);
    std::ofstream(dir / "log.csv") << [] {
        std::ostringstream log;
        log << "time/s,I/mA\n";
        for (int i = 0; i <= 200; ++i)
            log << i * 0.1 << ',' << (i >= 50 ? 2.0 : 1.0) << '\n';
        return log.str();
    }();
    const auto project = (dir / "p.h5").string();
    const auto first = runCli("timeline " + movie + " --ec " + (dir / "log.csv").string() +
                              " --offset-s 0 --correlate I --max-lag-s 5 --signal 0,0,16,16"
                              " --utc-offset-h 2 --project " +
                              project + " --json");
    INFO(first.err);
    REQUIRE(first.exitCode == 0);
    const auto aligned = nlohmann::json::parse(first.out).at("logs").at(0);
    CHECK(std::abs(aligned.at("offset_s").get<double>() - 2.0) <= 0.5); // within one frame

    const auto settings = insitu::loadProject(project).movies.at(0).timeline;
    REQUIRE(settings);
    CHECK(settings->logUtcOffsetH == 2.0);
    CHECK(settings->correlationMaxLagS == 5.0);
    REQUIRE(settings->signalRectPx);
    CHECK((*settings->signalRectPx)[2] == 16);
    CHECK(settings->logs.at(0).correlateChannel == "I");

    const auto again = runCli("timeline " + project + " --json");
    INFO(again.err);
    REQUIRE(again.exitCode == 0);
    const auto reloaded = nlohmann::json::parse(again.out).at("logs").at(0);
    CHECK(reloaded.at("method") == aligned.at("method"));
    CHECK(reloaded.at("offset_s").get<double>() == Approx(aligned.at("offset_s").get<double>()));
}
