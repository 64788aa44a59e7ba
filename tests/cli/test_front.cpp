// `insitu front`: CSV columns and JSON fields of architecture.md, kymograph export, exit codes.
#include "support/run_cli.h"
#include "support/test_paths.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <fstream>

using insitu::test::runCli;

namespace {

/// A 100-frame nanowire movie with one front, and its truth (written once per test run).
std::filesystem::path frontMovie(nlohmann::json& truth)
{
    const auto dir = insitu::test::scratchDir("cli_front_movie");
    const auto movie = dir / "wire.tif";
    const auto truthPath = dir / "wire.truth.json";
    const auto result = runCli("synth nanowire-front -o " + movie.string() + " --truth " +
                               truthPath.string() + " --frames 100 --fronts 1 --seed 5");
    REQUIRE(result.exitCode == 0);
    std::ifstream in(truthPath);
    truth = nlohmann::json::parse(in);
    return movie;
}

std::string lineOf(const nlohmann::json& truth)
{
    return truth["line"]["arg"].get<std::string>();
}

} // namespace

TEST_CASE("insitu front writes the CSV, JSON and kymograph of architecture.md", "[cli][front]")
{
    nlohmann::json truth;
    const auto movie = frontMovie(truth);
    const auto dir = insitu::test::scratchDir("cli_front");
    const auto csv = (dir / "fronts.csv").string();
    const auto kymo = (dir / "kymo.tif").string();
    const auto result =
        runCli("front " + movie.string() + " --line " + lineOf(truth) +
               " --width 22 --drift none -o " + csv + " --kymograph " + kymo + " --json");
    REQUIRE(result.exitCode == 0);
    const auto doc = nlohmann::json::parse(result.out);
    CHECK(doc["pixel_size_nm"] == 0.5);
    REQUIRE(doc["fronts"].size() == 1);
    const auto& front = doc["fronts"][0];
    CHECK(front["index"] == 0);
    const auto frames = front["frames"].size();
    CHECK(frames >= 60);
    CHECK(front["times_s"].size() == frames);
    CHECK(front["positions_px"].size() == frames);
    CHECK(front["positions_nm"].size() == frames);
    CHECK(front["frame_positions_px"].size() == frames); // as the CSV's frame_position_px
    CHECK(front["frame_std_px"].size() == frames);
    CHECK(front["positions_nm"][0].get<double>() ==
          Approx(0.5 * front["positions_px"][0].get<double>()));
    REQUIRE(front["fit"].is_object());
    CHECK(front["fit"].contains("model"));
    // the front moves forward at about the true speed (px per frame)
    const double travelled =
        front["positions_px"].back().get<double>() - front["positions_px"][0].get<double>();
    const double frameSpan =
        front["frames"].back().get<double>() - front["frames"][0].get<double>();
    const double trueSpeed = truth["fronts"][0]["velocity_nm_per_s"].is_number()
                                 ? truth["fronts"][0]["velocity_nm_per_s"].get<double>() *
                                       truth["frame_interval_s"].get<double>() /
                                       truth["pixel_size_nm"].get<double>()
                                 : 0.7;
    CHECK(travelled / frameSpan == Approx(trueSpeed).epsilon(0.15));

    std::ifstream in(csv);
    std::string header;
    std::getline(in, header);
    CHECK(header == "frame,time_s,front,position_px,position_nm,confidence,frame_position_px,"
                    "frame_std_px");
    int rows = 0;
    for (std::string line; std::getline(in, line);)
        ++rows;
    CHECK(rows == static_cast<int>(frames));

    const auto info = runCli("info " + kymo + " --json");
    REQUIRE(info.exitCode == 0);
    const auto kinfo = nlohmann::json::parse(info.out);
    CHECK(kinfo["height"] == 100);
    CHECK(kinfo["dtype"] == "float32");
    CHECK(kinfo["pixel_size_nm"] == Approx(0.5));
}

TEST_CASE("insitu front refuses bad input with exit code 2", "[cli][front]")
{
    const auto dir = insitu::test::scratchDir("cli_front_bad");
    CHECK(runCli("front " + (dir / "missing.tif").string() + " --line 0,0,10,0").exitCode == 2);
    nlohmann::json truth;
    const auto movie = frontMovie(truth).string();
    const auto noLine = runCli("front " + movie);
    CHECK(noLine.exitCode == 2);
    CHECK(noLine.err.find("--line") != std::string::npos);
    CHECK(runCli("front " + movie + " --line 1,2,3").exitCode == 2);
    CHECK(runCli("front " + movie + " --line 0,0,50,0 --drift sideways").exitCode == 2);
    CHECK(runCli("front " + movie + " --line 0,0,50,0 --pin nonsense").exitCode == 2);
}
