// `insitu ec LOG --json`: the keys of issue 19 on the real logs; truncated and foreign files
// exit 2 with one line naming the file.
#include "support/run_cli.h"
#include "support/test_paths.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <fstream>

using insitu::test::runCli;

namespace {
std::string quoted(const std::filesystem::path& path)
{
    return "'" + path.string() + "'";
}
std::filesystem::path ecLogs()
{
    return insitu::test::externalDataDir() / "ec-logs";
}
} // namespace

TEST_CASE("ec --json on a BioLogic export: file, format, start_time, rows, time_s, columns",
          "[cli][ec]")
{
    if (!std::filesystem::exists(ecLogs())) {
        WARN("skipped: " << ecLogs().string() << " is absent");
        return;
    }
    const auto file = ecLogs() / "biologic/Pt_poly_cv_CUT.mpt";
    const auto result = runCli("ec " + quoted(file) + " --json");
    REQUIRE(result.exitCode == 0);
    const auto j = nlohmann::json::parse(result.out);
    CHECK(j.at("file") == file.string());
    CHECK(j.at("format") == "biologic");
    CHECK(j.at("start_time") == "2020-07-29T10:31:01");
    CHECK(j.at("rows") == 223);
    CHECK(j.at("time_s").at("first").get<double>() == Approx(3.2896001));
    CHECK(j.at("time_s").at("last").get<double>() == Approx(151.8101964));
    CHECK(j.at("time_s").at("irregular").is_boolean());
    bool sawCurrent = false;
    for (const auto& c : j.at("columns"))
        if (c.at("name") == "<I>") {
            sawCurrent = true;
            CHECK(c.at("unit") == "A");
            CHECK(c.at("first").get<double>() == Approx(-2.604325e-6));
            CHECK(c.at("last").get<double>() == Approx(1.777132e-5));
        }
    CHECK(sawCurrent);
}

TEST_CASE("ec: Gamry, Protochips and Impulse through the CLI; -o writes the SI table", "[cli][ec]")
{
    if (!std::filesystem::exists(ecLogs()))
        return;
    const auto gamry = nlohmann::json::parse(
        runCli("ec " + quoted(ecLogs() / "gamry/chronoa_data.dta") + " --json").out);
    CHECK(gamry.at("rows") == 10);
    CHECK(gamry.at("start_time") == "2019-03-10T12:00:00");
    const auto protochips = nlohmann::json::parse(
        runCli("ec " + quoted(ecLogs() / "protochips/protochips_electrical.csv") + " --json").out);
    CHECK(protochips.at("format") == "protochips");
    CHECK(protochips.at("start_time") == "2014-10-08T16:26:51.738");
    CHECK(protochips.at("time_s").at("irregular") == true);
    const auto table = insitu::test::scratchDir("cli_ec") / "impulse.csv";
    const auto impulse =
        runCli("ec " + quoted(ecLogs() / "impulse/StubExperiment_Synchronized data.csv") +
               " --json -o " + quoted(table));
    REQUIRE(impulse.exitCode == 0);
    const auto j = nlohmann::json::parse(impulse.out);
    CHECK(j.at("start_time") == "2021-08-06T13:40:19");
    CHECK(j.at("rows") == 775);
    std::ifstream in(table);
    std::string header;
    std::getline(in, header);
    CHECK(header.rfind("time_s,Temperature Measured (degC),", 0) == 0);
}

TEST_CASE("ec refuses the truncated Gamry file and a foreign file: exit 2, one line", "[cli][ec]")
{
    if (!std::filesystem::exists(ecLogs()))
        return;
    for (const auto& file : {ecLogs() / "gamry/cv_data_incompleteheader.dta",
                             ecLogs() / "COPYING-rosettasciio.txt", ecLogs() / "no-such-log.mpt"}) {
        const auto result = runCli("ec " + quoted(file) + " --json");
        INFO(result.err);
        CHECK(result.exitCode == 2);
        CHECK(result.out.empty());
        CHECK(result.err.find(file.string()) != std::string::npos);
        CHECK(std::count(result.err.begin(), result.err.end(), '\n') == 1);
    }
}
