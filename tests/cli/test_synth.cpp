// `insitu synth`: writes a movie and its truth, refuses bad options with exit 2.
#include "support/run_cli.h"
#include "support/test_paths.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <fstream>

using insitu::test::runCli;

TEST_CASE("insitu synth writes a TIFF stack and its truth JSON", "[cli][synth]")
{
    const auto dir = insitu::test::scratchDir("cli_synth");
    const auto movie = (dir / "wire.tif").string();
    const auto truth = (dir / "wire.truth.json").string();
    const auto result = runCli("synth nanowire-front -o " + movie + " --truth " + truth +
                               " --frames 12 --width 96 --height 48 --seed 3 --law sqrt"
                               " --fronts 1 --dose 50");
    REQUIRE(result.exitCode == 0);
    CHECK(std::filesystem::file_size(movie) > 12u * 96 * 48 * 2);
    std::ifstream in(truth);
    const auto doc = nlohmann::json::parse(in);
    CHECK(doc["scene"] == "nanowire-front");
    CHECK(doc["frames"] == 12);
    CHECK(doc["seed"] == 3);
    CHECK(doc["pixel_size_nm"] == 0.5);
    CHECK(doc["drift"]["dx_px"].size() == 12);
    REQUIRE(doc["fronts"].size() == 1);
    CHECK(doc["fronts"][0]["law"] == "sqrt");
    CHECK(doc["line"]["arg"].is_string());
}

TEST_CASE("insitu synth nanowire-front: speeds in px/frame, onsets, a wire longer than the frame",
          "[cli][synth]")
{
    const auto dir = insitu::test::scratchDir("cli_synth_speeds");
    const auto movie = (dir / "fast.tif").string();
    const auto truth = (dir / "fast.truth.json").string();
    const auto result = runCli("synth nanowire-front -o " + movie + " --truth " + truth +
                               " --frames 30 --height 64 --frame-interval-s 2 --seed 5"
                               " --speed-px-per-frame 8,0.8 --onset 4,10 --start-px 20,0"
                               " --length-px 600 --wire-width-px 20 --particles 0");
    REQUIRE(result.exitCode == 0);
    std::ifstream in(truth);
    const auto doc = nlohmann::json::parse(in);
    const auto& p = doc["parameters"];
    CHECK(p["length_px"] == 600);
    CHECK(p["half_width_px"] == 10);
    // 8 px/frame × 0.5 nm/px / 2 s/frame = 2 nm/s
    CHECK(p["leading"]["rate_nm"].get<double>() == Approx(2.0));
    CHECK(p["trailing"]["rate_nm"].get<double>() == Approx(0.2));
    CHECK(p["leading"]["onset_s"] == 4);
    CHECK(p["trailing"]["start_px"] == 0);
    CHECK(doc["line"]["x1"].get<double>() == Approx(253).margin(0.5)); // ends at the frame's edge
    REQUIRE(doc["fronts"].size() == 2);
    const auto& fast = doc["fronts"][1];
    CHECK(fast["kind"] == "leading");
    CHECK(fast["frames"][0] == 2); // onset 4 s = frame 2
    // from 20 px at 8 px/frame it passes the line's end (≈ 231 px) after frame 28
    CHECK(fast["frames"].back() == 28);
}

TEST_CASE("insitu synth exits 2 on bad scenes and options", "[cli][synth]")
{
    const auto dir = insitu::test::scratchDir("cli_synth_bad");
    const auto out = " -o " + (dir / "x.tif").string();
    CHECK(runCli("synth galaxy" + out).exitCode == 2);
    CHECK(runCli("synth drift" + out + " --law sqrt").exitCode == 2);
    CHECK(runCli("synth nanowire-front" + out + " --fronts 3").exitCode == 2);
    CHECK(runCli("synth nanowire-front" + out + " --law cubic").exitCode == 2);
    CHECK(runCli("synth particles" + out + " --dose -1").exitCode == 2);
    CHECK(runCli("synth nanowire-front" + out + " --velocity 1 --speed-px-per-frame 2").exitCode ==
          2);
    CHECK(runCli("synth nanowire-front" + out + " --law sqrt --speed-px-per-frame 2").exitCode ==
          2);
    CHECK(runCli("synth nanowire-front" + out + " --onset 1,2,3").exitCode == 2);
    CHECK(runCli("synth drift" + out + " --onset 5").exitCode == 2);
    CHECK(runCli("synth drift" + out + " --length-px 500").exitCode == 2);
    CHECK(runCli("synth particles" + out + " --no-such-option").exitCode == 2);
    CHECK(runCli("synth particles -o /nonexistent/dir/x.tif --frames 1").exitCode == 2);
    CHECK_FALSE(std::filesystem::exists(dir / "x.tif"));
}
