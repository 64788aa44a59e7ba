// `insitu drift` on a synthetic drift movie with known truth: CSV, JSON, exit codes.
#include "support/run_cli.h"
#include "support/test_paths.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cmath>
#include <fstream>
#include <sstream>

using insitu::test::runCli;

namespace {

nlohmann::json readJson(const std::filesystem::path& path)
{
    std::ifstream in(path);
    return nlohmann::json::parse(in);
}

} // namespace

TEST_CASE("insitu drift measures a synthetic drift movie", "[cli][drift]")
{
    const auto dir = insitu::test::scratchDir("cli_drift");
    const auto movie = (dir / "drift.tif").string();
    const auto truthPath = dir / "drift.truth.json";
    REQUIRE(runCli("synth drift -o " + movie + " --truth " + truthPath.string() +
                   " --frames 12 --seed 4 --dose 200")
                .exitCode == 0);
    const auto truth = readJson(truthPath)["drift"];

    const auto result = runCli("drift " + movie + " --json");
    REQUIRE(result.exitCode == 0);
    const auto doc = nlohmann::json::parse(result.out);
    REQUIRE(doc["dx_px"].size() == 12);
    REQUIRE(doc["dy_px"].size() == 12);
    CHECK(doc["quality"].size() == 12);
    CHECK(doc["interpolated"].size() == 12);
    CHECK(doc["dx_px"][0] == 0.0);
    double worst = 0;
    for (std::size_t k = 0; k < 12; ++k) {
        const double ex = doc["dx_px"][k].get<double>() -
                          (truth["dx_px"][k].get<double>() - truth["dx_px"][0].get<double>());
        const double ey = doc["dy_px"][k].get<double>() -
                          (truth["dy_px"][k].get<double>() - truth["dy_px"][0].get<double>());
        worst = std::max(worst, std::hypot(ex, ey));
    }
    INFO("largest error " << worst << " px");
    CHECK(worst < 0.2);

    const auto csv = dir / "shifts.csv";
    REQUIRE(runCli("drift " + movie + " --reference first --roi 10,10,200,200 --bin 2 -o " +
                   csv.string())
                .exitCode == 0);
    std::ifstream in(csv);
    std::string header;
    std::getline(in, header);
    CHECK(header.rfind("frame,time_s,dx_px,dy_px", 0) == 0);
    int rows = 0;
    for (std::string line; std::getline(in, line);)
        ++rows;
    CHECK(rows == 12);
}

TEST_CASE("insitu drift exits 2 on bad input", "[cli][drift]")
{
    const auto dir = insitu::test::scratchDir("cli_drift_bad");
    CHECK(runCli("drift " + (dir / "missing.tif").string()).exitCode == 2);
    const auto movie = (dir / "d.tif").string();
    REQUIRE(runCli("synth drift -o " + movie + " --frames 3 --seed 1").exitCode == 0);
    CHECK(runCli("drift " + movie + " --reference last").exitCode == 2);
    CHECK(runCli("drift " + movie + " --roi 1,2,3").exitCode == 2);
    const auto outside = runCli("drift " + movie + " --roi 200,200,100,100");
    CHECK(outside.exitCode == 2);
    CHECK(outside.err.find("region") != std::string::npos);
    CHECK(runCli("drift " + movie + " --bin 3").exitCode == 2);
}
