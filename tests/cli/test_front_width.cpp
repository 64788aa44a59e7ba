// `insitu front` without --width: the band comes from the wire's width and is recorded.
#include "support/run_cli.h"
#include "support/test_paths.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cmath>
#include <string>
#include <vector>

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

namespace {

/// The sample's fronts (ordered along the path: slow, fast) as `insitu front --fronts 2 --json`
/// reports them on a band of widthPx: v and the ends of its 95 % interval (nm/s).
struct SampleFront
{
    double v, low, high;
};
std::vector<SampleFront> sampleFronts(int widthPx, nlohmann::json* jsonOut = nullptr)
{
    const auto run =
        runCli("front " + sampleMovie() + " --line 22.00,53.00,245.45,68.63 --fronts 2 --width " +
               std::to_string(widthPx) + " --json");
    REQUIRE(run.exitCode == 0);
    const auto json = nlohmann::json::parse(run.out);
    std::vector<SampleFront> out;
    for (const auto& f : json["fronts"]) {
        const auto& ci = f["fit"]["ci95"]["v_nm_per_s"];
        out.push_back({f["fit"]["params"]["v_nm_per_s"].get<double>(), ci[0].get<double>(),
                       ci[1].get<double>()});
    }
    if (jsonOut)
        *jsonOut = json;
    return out;
}

} // namespace

TEST_CASE("insitu front on a 5 px band searches on the wire's band and keeps both velocities",
          "[cli][front]")
{
    // on a 5 px band the path search alone used to find the slow front 26 % low (0.184,
    // interval 0.160–0.208); now the search runs on the wire's band and the velocities agree
    // with the wire-wide band's within their intervals
    nlohmann::json narrowJson;
    const auto narrow = sampleFronts(5, &narrowJson);
    CHECK(narrowJson["roi"]["width_px"] == 5);
    CHECK(narrowJson["roi"]["search_width_px"] == 24); // the default band of the 32 px wire
    nlohmann::json wideJson;
    const auto wide = sampleFronts(32, &wideJson);
    CHECK(wideJson["roi"]["search_width_px"].is_null());
    REQUIRE(narrow.size() == 2);
    REQUIRE(wide.size() == 2);
    for (std::size_t i = 0; i < 2; ++i) {
        INFO("front " << i << ": 5 px " << narrow[i].v << " [" << narrow[i].low << ", "
                      << narrow[i].high << "], 32 px " << wide[i].v << " [" << wide[i].low << ", "
                      << wide[i].high << "]");
        const double halfNarrow = 0.5 * (narrow[i].high - narrow[i].low);
        const double halfWide = 0.5 * (wide[i].high - wide[i].low);
        CHECK(std::abs(narrow[i].v - wide[i].v) <= std::hypot(halfNarrow, halfWide));
    }
}

TEST_CASE("insitu front's sample velocities contain the truth on a 5 px band",
          "[cli][front][!mayfail]")
{
    // issue 14's target, not met (docs/performance.md, "Fronts", session 8): the slow front
    // (0.25 nm/s) comes out 3–6 % low at every band, its track ≈ 1 px behind among the particles
    const auto fronts = sampleFronts(5);
    REQUIRE(fronts.size() == 2);
    const double truths[] = {0.25, 0.70}; // ordered along the path: slow (behind), fast
    for (std::size_t i = 0; i < 2; ++i) {
        INFO("front " << i << ": " << fronts[i].v << " in [" << fronts[i].low << ", "
                      << fronts[i].high << "]");
        CHECK(fronts[i].low <= truths[i]);
        CHECK(fronts[i].high >= truths[i]);
    }
}
