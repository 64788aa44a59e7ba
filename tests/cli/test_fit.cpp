// `insitu fit`: models, options, JSON contract and exit codes on bad tables.
#include "support/run_cli.h"
#include "support/test_paths.h"

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <cmath>
#include <fstream>
#include <random>

using insitu::test::runCli;

namespace {

/// A front table like `insitu front -o` writes: 120 frames at 0.5 s, L = 5 + 0.3·t nm.
std::string writeFrontTable(const std::string& name)
{
    const auto path = insitu::test::scratchDir(name) / "fronts.csv";
    std::ofstream out(path);
    out << "frame,time_s,front,position_px,position_nm\n";
    std::mt19937_64 random(4);
    std::normal_distribution<double> noise(0.0, 0.2);
    for (int i = 0; i < 120; ++i) {
        const double t = 0.5 * i;
        const double nm = 5 + 0.3 * t + noise(random);
        out << i << ',' << t << ",0," << nm / 0.25 << ',' << nm << '\n';
    }
    return path.string();
}

} // namespace

TEST_CASE("insitu fit --json prints the fit object with the architecture names", "[cli][fit]")
{
    const auto table = writeFrontTable("fit-json");
    const auto result =
        runCli("fit " + table + " --x time_s --y position_nm --model linear --json");
    REQUIRE(result.exitCode == 0);
    const auto json = nlohmann::json::parse(result.out);
    CHECK(json.at("model") == "linear");
    CHECK(json.at("params").at("v_nm_per_s").get<double>() == Approx(0.3).margin(0.01));
    CHECK(json.at("params").contains("L0_nm"));
    CHECK(json.at("stderr").at("v_nm_per_s").get<double>() > 0);
    CHECK(json.at("r2").get<double>() > 0.99);
    CHECK(json.at("aic").is_number());
    CHECK(json.at("n") == 120);
}

TEST_CASE("insitu fit auto gives the verdict, and px columns name px parameters", "[cli][fit]")
{
    const auto table = writeFrontTable("fit-auto");
    const auto autoFit = runCli("fit " + table + " --x time_s --y position_nm --json");
    REQUIRE(autoFit.exitCode == 0);
    const auto json = nlohmann::json::parse(autoFit.out);
    CHECK(json.at("verdict").get<std::string>().rfind("reaction-limited", 0) == 0);
    CHECK(json.at("delta_aic").get<double>() > 10);

    const auto px = runCli("fit " + table +
                           " --x time_s --y position_px --model parabolic --fix t0_s=-5 --json");
    REQUIRE(px.exitCode == 0);
    const auto pxJson = nlohmann::json::parse(px.out);
    CHECK(pxJson.at("params").contains("k_px_per_sqrt_s"));
    CHECK(pxJson.at("params").at("t0_s") == -5.0);
    CHECK(pxJson.at("fixed")[0] == "t0_s");
}

TEST_CASE("insitu fit with a formula, window, exclusions and bootstrap", "[cli][fit]")
{
    const auto table = writeFrontTable("fit-formula");
    const auto result = runCli("fit " + table +
                               " --x time_s --y position_nm --formula \"a+b*t\" --start a=1,b=1"
                               " --window 5,50 --exclude 20,21 --bootstrap 50 --seed 3 --json");
    REQUIRE(result.exitCode == 0);
    const auto json = nlohmann::json::parse(result.out);
    CHECK(json.at("model") == "formula");
    CHECK(json.at("formula") == "a+b*t");
    CHECK(json.at("params").at("b").get<double>() == Approx(0.3).margin(0.01));
    CHECK(json.at("n") == 89); // 5 ≤ t ≤ 50 is rows 10..100, minus rows 20 and 21
    CHECK(json.at("bootstrap_ci95").contains("b"));
    CHECK(json.at("bootstrap").at("seed") == 3);

    const auto human = runCli("fit " + table + " --x time_s --y position_nm --model power");
    CHECK(human.exitCode == 0);
    CHECK(human.out.find("n = ") != std::string::npos);
}

TEST_CASE("insitu fit rejects bad tables and options with exit 2 naming the problem", "[cli][fit]")
{
    const auto table = writeFrontTable("fit-bad");
    const auto missing = runCli("fit " + table + " --x time_s --y no_such_column");
    CHECK(missing.exitCode == 2);
    CHECK(missing.err.find("no_such_column") != std::string::npos);
    CHECK(missing.err.find(table) != std::string::npos);

    const auto noFile = runCli("fit /nonexistent/table.csv --x a --y b");
    CHECK(noFile.exitCode == 2);
    CHECK(noFile.err.find("/nonexistent/table.csv") != std::string::npos);

    const auto dir = insitu::test::scratchDir("fit-bad-text");
    const auto bad = dir / "bad.csv";
    std::ofstream(bad) << "time_s,position_nm\n0,1\n1,oops\n2,3\n";
    const auto text = runCli("fit " + bad.string() + " --x time_s --y position_nm");
    CHECK(text.exitCode == 2);
    CHECK(text.err.find("oops") != std::string::npos);

    CHECK(runCli("fit " + table + " --x time_s --y position_nm --model cubic").exitCode == 2);
    CHECK(runCli("fit " + table + " --x time_s --y position_nm --fix t0=1").exitCode == 2);
    CHECK(runCli("fit " + table + " --x time_s --y position_nm --formula \"a*(\"").exitCode == 2);
    CHECK(runCli("fit " + table + " --x time_s").exitCode == 2);
}
