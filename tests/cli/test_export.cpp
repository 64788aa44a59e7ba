// `insitu export`: CSV and plots from a project file; exit 2 for bad input.
#include "core/project/project_fixture.h"
#include "support/run_cli.h"
#include "support/test_paths.h"

#include <catch2/catch.hpp>

#include "insitu/project/project_file.h"

#include <nlohmann/json.hpp>

#include <fstream>
#include <iterator>

namespace fs = std::filesystem;
using insitu::test::runCli;

namespace {
std::string readAll(const fs::path& path)
{
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}
} // namespace

TEST_CASE("export writes the project's CSV files with their content", "[cli][export]")
{
    const auto dir = insitu::test::scratchDir("cli_export_csv");
    insitu::saveProject(insitu::test::fullProject(), dir / "p.h5");
    const auto result = runCli("export " + (dir / "p.h5").string() + " --out " +
                               (dir / "out").string() + " --csv --json");
    REQUIRE(result.exitCode == 0);
    const auto json = nlohmann::json::parse(result.out);
    CHECK(json["files"].size() == 7);
    const std::string fronts = readAll(dir / "out" / "movie2_roi4_fronts.csv");
    CHECK(fronts.rfind("frame,time_s,front,position_px,position_nm,confidence\n"
                       "0,-0.1,0,10,1.25,0.9\n",
                       0) == 0);
    const std::string drift = readAll(dir / "out" / "movie2_drift.csv");
    CHECK(drift.find("2,0,-1.25,0.2,-0.15625,0.025,0.2,1\n") != std::string::npos);
}

TEST_CASE("export --plots renders PNG, SVG and PDF offscreen", "[cli][export]")
{
    const auto dir = insitu::test::scratchDir("cli_export_plots");
    insitu::saveProject(insitu::test::fullProject(), dir / "p.h5");
    // No display: the CLI must bring its own offscreen QApplication.
    const auto result = runCli("export " + (dir / "p.h5").string() + " --out " +
                               (dir / "out").string() + " --plots png,svg,pdf");
    INFO(result.err);
    REQUIRE(result.exitCode == 0);
    CHECK(readAll(dir / "out" / "movie2_roi4_kinetics.png").substr(1, 3) == "PNG");
    CHECK(readAll(dir / "out" / "movie2_roi4_kymograph.pdf").rfind("%PDF-", 0) == 0);
    const std::string svg = readAll(dir / "out" / "movie2_drift.svg");
    CHECK(svg.find("drift (nm)") != std::string::npos);
    CHECK(svg.find("time (s)") != std::string::npos);
    CHECK_FALSE(fs::exists(dir / "out" / "movie2_drift.csv"));  // CSV only with --csv
}

TEST_CASE("export exits 2 for an unknown plot format or a damaged project", "[cli][export]")
{
    const auto dir = insitu::test::scratchDir("cli_export_bad");
    insitu::saveProject(insitu::test::fullProject(), dir / "p.h5");
    const auto bad = runCli("export " + (dir / "p.h5").string() + " --out " +
                            (dir / "out").string() + " --plots gif");
    CHECK(bad.exitCode == 2);
    CHECK(bad.err.find("gif") != std::string::npos);
    std::ofstream(dir / "junk.h5") << "not a project";
    const auto junk = runCli("export " + (dir / "junk.h5").string() + " --out " +
                             (dir / "out").string());
    CHECK(junk.exitCode == 2);
    CHECK(junk.err.find((dir / "junk.h5").string()) != std::string::npos);
}
