// `insitu timeline MOVIE --ec LOG`: a synthetic movie and log with a known offset; anchors,
// typed dose, the CSV table and the project it saves.
#include "support/run_cli.h"
#include "support/test_paths.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>

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
