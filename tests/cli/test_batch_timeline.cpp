// `insitu batch` with a timeline template: each movie's own log (named by the recipe's
// "{dir}/{stem}" pattern, one movie by an override) aligned with the template's typed offset and
// dose settings gives the numbers of `insitu timeline` by hand.
#include "support/run_cli.h"
#include "support/test_paths.h"

#include "insitu/project/project_file.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <fstream>
#include <map>

using insitu::test::runCli;

namespace {

namespace fs = std::filesystem;

/// A log of 10 s (0.1 s steps) whose current steps up at `stepS`.
void writeLog(const fs::path& path, double stepS)
{
    std::ofstream log(path);
    log << "time/s,Ewe/V,I/mA\n";
    for (int i = 0; i <= 100; ++i)
        log << i * 0.1 << ',' << i * 0.01 << ',' << (i * 0.1 >= stepS ? 2.0 : 1.0) << '\n';
}

/// summary.csv value of (movie, quantity, object prefix).
std::map<std::pair<std::string, std::string>, std::string> values(const fs::path& path)
{
    std::ifstream in(path);
    std::map<std::pair<std::string, std::string>, std::string> out;
    std::string line;
    std::getline(in, line);
    while (std::getline(in, line)) {
        std::vector<std::string> cells;
        std::string cell;
        bool quoted = false;
        for (char c : line) {
            if (c == '"')
                quoted = !quoted;
            else if (c == ',' && !quoted) {
                cells.push_back(cell);
                cell.clear();
            } else
                cell += c;
        }
        cells.push_back(cell);
        REQUIRE(cells.size() == 13);
        if (cells[3] == "timeline")
            out[{cells[0], cells[4].substr(0, 5) + "/" + cells[5]}] = cells[6];
    }
    return out;
}

} // namespace

TEST_CASE("insitu batch timeline equals insitu timeline by hand", "[cli][batch][batch-timeline]")
{
    const auto dir = insitu::test::scratchDir("cli_batch_timeline");
    fs::create_directories(dir / "movies");
    for (int k = 0; k < 3; ++k) {
        const auto movie = dir / "movies" / ("run" + std::to_string(k) + ".tif");
        REQUIRE(runCli("synth drift -o " + movie.string() +
                       " --frames 20 --width 32 --height 32 --frame-interval-s 0.5 --seed " +
                       std::to_string(k + 1))
                    .exitCode == 0);
        writeLog(dir / "movies" / ("run" + std::to_string(k) + ".csv"), 3 + k);
    }
    fs::create_directories(dir / "other");
    writeLog(dir / "other" / "special.csv", 8);
    const std::string typed = " --offset-s 2.5 --dose-rate 12.5 --format csv";
    const auto templ = dir / "template.h5";
    REQUIRE(runCli("timeline " + (dir / "movies" / "run0.tif").string() + " --ec " +
                   (dir / "movies" / "run0.csv").string() + typed + " --project " + templ.string())
                .exitCode == 0);
    const nlohmann::json recipe = {
        {"movies", {"movies/*.tif"}},
        {"template", templ.string()},
        {"output", "out"},
        {"timeline", {{"logs", {"{dir}/{stem}.csv"}}}},
        {"overrides", {{"run2.tif", {{"timeline", {{"logs", {"other/special.csv"}}}}}}}}};
    std::ofstream(dir / "recipe.json") << recipe.dump(2);
    const auto r = runCli("batch " + (dir / "recipe.json").string() + " --jobs 2");
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    const auto summary = values(dir / "out" / "summary.csv");
    for (int k = 0; k < 3; ++k) {
        const std::string name = "run" + std::to_string(k);
        const auto log = k == 2 ? dir / "other" / "special.csv" : dir / "movies" / (name + ".csv");
        const auto csv = dir / (name + "_hand.csv");
        const auto hand =
            runCli("timeline " + (dir / "movies" / (name + ".tif")).string() + " --ec " +
                   log.string() + typed + " -o " + csv.string() + " --json");
        REQUIRE(hand.exitCode == 0);
        const auto doc = nlohmann::json::parse(hand.out);
        const auto& l = doc["logs"][0];
        CHECK(l["method"] == "offset");
        CHECK(std::stod(summary.at({name, "log 1/offset_s"})) ==
              Approx(l["offset_s"].get<double>()).epsilon(1e-12));
        CHECK(std::stod(summary.at({name, "log 1/rate"})) ==
              Approx(l["rate"].get<double>()).epsilon(1e-12));
        CHECK(std::stod(summary.at({name, "dose/cumulative_last_e_per_A2"})) ==
              Approx(doc["dose"]["cumulative_last_e_per_A2"].get<double>()).epsilon(1e-12));
        // the per-frame table equals the hand run's CSV byte for byte
        std::ifstream a(csv), b(dir / "out" / "movies" / name / "timeline.csv");
        const std::string handText{std::istreambuf_iterator<char>(a), {}};
        const std::string batchText{std::istreambuf_iterator<char>(b), {}};
        CHECK(handText == batchText);
        const auto project = insitu::loadProject(dir / "out" / "movies" / name / (name + ".h5"));
        const auto& timeline = project.movies.front().timeline;
        REQUIRE(timeline.has_value());
        REQUIRE(timeline->logs.size() == 1);
        CHECK(timeline->logs[0].path == fs::absolute(log));
        CHECK(timeline->logs[0].typedOffsetS == 2.5);
        CHECK(timeline->dose.typedRateEPerA2S == 12.5);
    }
    // --resume redoes exactly the movie whose log changed
    writeLog(dir / "movies" / "run1.csv", 6);
    const auto again = runCli("batch " + (dir / "recipe.json").string() + " --resume");
    INFO(again.err);
    REQUIRE(again.exitCode == 0);
    CHECK(again.err.find("1 done, 2 skipped") != std::string::npos);
}

TEST_CASE("insitu batch timeline without a log for a movie reports it",
          "[cli][batch][batch-timeline]")
{
    const auto dir = insitu::test::scratchDir("cli_batch_timeline_nolog");
    const auto movie = dir / "a.tif";
    REQUIRE(runCli("synth drift -o " + movie.string() +
                   " --frames 8 --width 32 --height 32 --frame-interval-s 0.5")
                .exitCode == 0);
    writeLog(dir / "a.csv", 2);
    REQUIRE(runCli("timeline " + movie.string() + " --ec " + (dir / "a.csv").string() +
                   " --project " + (dir / "t.h5").string())
                .exitCode == 0);
    const nlohmann::json recipe = {{"movies", {"a.tif"}}, {"template", "t.h5"}, {"output", "out"}};
    std::ofstream(dir / "recipe.json") << recipe.dump(2);
    const auto r = runCli("batch " + (dir / "recipe.json").string());
    CHECK(r.exitCode == 2);
    CHECK(r.err.find("names no log for this movie") != std::string::npos);
}
