// `insitu info` on DM, SER/EMI and MRC files: the JSON contract and the refusal of spectra.
#include "support/run_cli.h"
#include "support/test_paths.h"

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>

using insitu::test::runCli;

namespace {

std::string quoted(const std::filesystem::path& path)
{
    return "'" + path.string() + "'";
}

} // namespace

TEST_CASE("insitu info refuses spectra with exit 2 and 'not an image series'", "[cli][dm][ser]")
{
    const auto dir = insitu::test::externalDataDir();
    for (const char* key :
         {"openNCEM/08_carbon.dm3", "rosettasciio/digitalmicrograph/3D/EELS_SI.dm4",
          "rosettasciio/tia/old/X - Au NP EELS_2.ser",
          "rosettasciio/tia/old/16x16-point_spectrum-1x1024.emi"}) {
        CAPTURE(key);
        const auto result = runCli("info " + quoted(dir / key) + " --json");
        CHECK(result.exitCode == 2);
        CHECK(result.out.empty());
        CHECK(result.err.find("not an image series") != std::string::npos);
        CHECK(std::count(result.err.begin(), result.err.end(), '\n') == 1);
    }
}

TEST_CASE("insitu info --json describes a DM stack, a SER series and an MRC movie",
          "[cli][dm][ser][mrc]")
{
    const auto dir = insitu::test::externalDataDir();
    {
        const auto r =
            runCli("info " +
                   quoted(dir / "rosettasciio/digitalmicrograph/test_stackbuilder_imagestack.dm3") +
                   " --json");
        REQUIRE(r.exitCode == 0);
        const auto j = nlohmann::json::parse(r.out);
        CHECK(j.at("format") == "DM3");
        CHECK(j.at("frames") == 3);
        CHECK(j.at("width") == 16);
        CHECK(j.at("height") == 2);
        CHECK(j.at("dtype") == "uint32");
        CHECK(j.at("pixel_size_nm").get<double>() == Approx(59.98290330171585));
        CHECK(j.at("frame_interval_s").is_null());
    }
    {
        const auto r = runCli(
            "info " + quoted(dir / "rosettasciio/tia/old/64x64x5_TEM_preview.emi") + " --json");
        REQUIRE(r.exitCode == 0);
        const auto j = nlohmann::json::parse(r.out);
        CHECK(j.at("frames") == 5);
        CHECK(j.at("dtype") == "float32");
        CHECK(j.at("pixel_size_nm").get<double>() == Approx(6.281833616298531));
        CHECK(j.at("timestamps_s").is_null());
    }
    {
        const auto r =
            runCli("info " + quoted(dir / "rosettasciio/mrc/20241021_00405_movie.mrc") + " --json");
        REQUIRE(r.exitCode == 0);
        const auto j = nlohmann::json::parse(r.out);
        CHECK(j.at("format") == "MRC");
        CHECK(j.at("frames") == 32);
        CHECK(j.at("dtype") == "uint16");
        CHECK(j.at("pixel_size_nm").get<double>() == Approx(1.0));
        CHECK(j.at("frame_interval_s").get<double>() == Approx(1.0 / 700));
    }
}
