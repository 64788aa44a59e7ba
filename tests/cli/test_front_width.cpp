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

TEST_CASE("insitu front on a 5 px band searches on the wire's band and keeps both velocities",
          "[cli][front]")
{
    // the sample's fronts run at 0.25 and 0.70 nm/s; on a 5 px band the path search alone used
    // to find the slow one 26 % low (0.184, interval 0.160–0.208)
    const auto narrow = runCli("front " + sampleMovie() +
                               " --line 22.00,53.00,245.45,68.63 --fronts 2 --width 5 --json");
    REQUIRE(narrow.exitCode == 0);
    const auto json = nlohmann::json::parse(narrow.out);
    CHECK(json["roi"]["width_px"] == 5);
    CHECK(json["roi"]["search_width_px"] == 24); // the default band of the 32 px wire
    const auto& fronts = json["fronts"];
    REQUIRE(fronts.size() == 2);
    const double truths[] = {0.25, 0.70}; // ordered along the path: slow (behind), fast
    for (std::size_t i = 0; i < 2; ++i) {
        const auto& ci = fronts[i]["fit"]["ci95"]["v_nm_per_s"];
        INFO("front " << i << ": " << fronts[i]["fit"]["params"]["v_nm_per_s"] << " in " << ci);
        CHECK(ci[0].get<double>() <= truths[i]);
        CHECK(ci[1].get<double>() >= truths[i]);
    }

    const auto wide = runCli("front " + sampleMovie() +
                             " --line 22.00,53.00,245.45,68.63 --fronts 2 --width 32 --json");
    REQUIRE(wide.exitCode == 0);
    CHECK(nlohmann::json::parse(wide.out)["roi"]["search_width_px"].is_null());
}
