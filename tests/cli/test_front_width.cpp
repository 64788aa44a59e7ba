// `insitu front` without --width: the band comes from the wire's width and is recorded.
#include "support/run_cli.h"
#include "support/test_paths.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cmath>

using insitu::test::runCli;

namespace {

std::string sampleMovie()
{
    return (insitu::test::sourceDir() / "data/samples/nanowire-front.tif").string();
}

} // namespace

TEST_CASE("insitu front takes the band from the wire's width unless --width is given",
          "[cli][front]")
{
    // `line.arg` of the sample's truth; its wire is 32 px wide
    const std::string line = " --line 22.00,53.00,245.45,68.63 --drift none --json";
    const auto automatic = runCli("front " + sampleMovie() + line);
    REQUIRE(automatic.exitCode == 0);
    const auto roi = nlohmann::json::parse(automatic.out)["roi"];
    CHECK(roi["width_source"] == "wire");
    CHECK(roi["wire_width_px"].get<double>() == Approx(32).margin(1.5));
    CHECK(roi["width_px"].get<double>() == std::round(0.75 * roi["wire_width_px"].get<double>()));

    const auto given = runCli("front " + sampleMovie() + line + " --width 10");
    REQUIRE(given.exitCode == 0);
    const auto userRoi = nlohmann::json::parse(given.out)["roi"];
    CHECK(userRoi["width_source"] == "user");
    CHECK(userRoi["width_px"] == 10);
    CHECK(userRoi["wire_width_px"].is_null());
}

TEST_CASE("insitu front falls back to a 20 px band off the wire", "[cli][front]")
{
    const auto result =
        runCli("front " + sampleMovie() + " --line 60,100,200,100 --drift none --json");
    // bare support: no wire and (most likely) no front; the band choice is recorded either way
    REQUIRE(result.exitCode == 0);
    const auto roi = nlohmann::json::parse(result.out)["roi"];
    CHECK(roi["width_source"] == "fallback");
    CHECK(roi["width_px"] == 20);
}
