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

TEST_CASE("insitu synth exits 2 on bad scenes and options", "[cli][synth]")
{
    const auto dir = insitu::test::scratchDir("cli_synth_bad");
    const auto out = " -o " + (dir / "x.tif").string();
    CHECK(runCli("synth galaxy" + out).exitCode == 2);
    CHECK(runCli("synth drift" + out + " --law sqrt").exitCode == 2);
    CHECK(runCli("synth nanowire-front" + out + " --fronts 3").exitCode == 2);
    CHECK(runCli("synth nanowire-front" + out + " --law cubic").exitCode == 2);
    CHECK(runCli("synth particles" + out + " --dose -1").exitCode == 2);
    CHECK(runCli("synth particles" + out + " --no-such-option").exitCode == 2);
    CHECK(runCli("synth particles -o /nonexistent/dir/x.tif --frames 1").exitCode == 2);
    CHECK_FALSE(std::filesystem::exists(dir / "x.tif"));
}
