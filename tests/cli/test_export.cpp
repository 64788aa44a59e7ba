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
    CHECK(fronts.rfind("frame,time_s,front,position_px,position_nm,confidence,"
                       "frame_position_px,frame_std_px\n"
                       "0,-0.1,0,10,1.25,0.9,10.25,0.4\n",
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
    CHECK_FALSE(fs::exists(dir / "out" / "movie2_drift.csv")); // CSV only with --csv
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
    const auto junk =
        runCli("export " + (dir / "junk.h5").string() + " --out " + (dir / "out").string());
    CHECK(junk.exitCode == 2);
    CHECK(junk.err.find((dir / "junk.h5").string()) != std::string::npos);
}

namespace {

/// A 60-frame synthetic nanowire movie with one front, and the --line argument along its wire.
std::pair<fs::path, std::string> wireMovie(const fs::path& dir)
{
    const auto movie = dir / "wire.tif";
    const auto truthPath = dir / "wire.truth.json";
    REQUIRE(runCli("synth nanowire-front -o " + movie.string() + " --truth " + truthPath.string() +
                   " --frames 60 --fronts 1 --seed 11")
                .exitCode == 0);
    std::ifstream in(truthPath);
    const auto truth = nlohmann::json::parse(in);
    return {movie, truth["line"]["arg"].get<std::string>()};
}

} // namespace

TEST_CASE("insitu drift/front and insitu export write the same bytes for the same result",
          "[cli][export]")
{
    const auto dir = insitu::test::scratchDir("cli_export_same_bytes");
    const auto [movie, line] = wireMovie(dir);
    const auto run = runCli("front " + movie.string() + " --line " + line + " -o " +
                            (dir / "fronts.csv").string() + " --fit-table " +
                            (dir / "fits.csv").string() + " --kymograph " +
                            (dir / "kymo.tif").string() + " --project " + (dir / "p.h5").string());
    INFO(run.err);
    REQUIRE(run.exitCode == 0);
    REQUIRE(runCli("drift " + movie.string() + " -o " + (dir / "drift.csv").string()).exitCode ==
            0);
    const auto exported = runCli("export " + (dir / "p.h5").string() + " --out " +
                                 (dir / "out").string() + " --csv --kymographs");
    INFO(exported.err);
    REQUIRE(exported.exitCode == 0);

    const std::string fronts = readAll(dir / "fronts.csv");
    REQUIRE(fronts.rfind("frame,time_s,front,position_px,position_nm,confidence,", 0) == 0);
    CHECK(fronts.size() > 500);
    CHECK(readAll(dir / "out" / "movie1_roi1_fronts.csv") == fronts);
    const std::string fits = readAll(dir / "fits.csv");
    CHECK(fits.find("movie 1 roi 1 front 0,0,") != std::string::npos);
    CHECK(readAll(dir / "out" / "fit_parameters.csv") == fits);
    const std::string drift = readAll(dir / "drift.csv");
    REQUIRE(drift.rfind("frame,time_s,dx_px,dy_px,dx_nm,dy_nm,quality,interpolated\n", 0) == 0);
    CHECK(readAll(dir / "out" / "movie1_drift.csv") == drift);
    const std::string kymograph = readAll(dir / "kymo.tif");
    CHECK(kymograph.size() > 1000);
    CHECK(readAll(dir / "out" / "movie1_roi1_kymograph.tif") == kymograph);
}

TEST_CASE("insitu front --project stores the provenance of the core builders", "[cli][export]")
{
    const auto dir = insitu::test::scratchDir("cli_export_provenance");
    const auto [movie, line] = wireMovie(dir);
    REQUIRE(runCli("front " + movie.string() + " --line " + line + " --max-step 4 --both-ways " +
                   "--project " + (dir / "p.h5").string())
                .exitCode == 0);
    const auto project = insitu::loadProject(dir / "p.h5");
    REQUIRE(project.movies.size() == 1);
    const auto& m = project.movies.front();
    REQUIRE(m.drift);
    const auto drift = nlohmann::json::parse(m.drift->provenance.parametersJson);
    CHECK(drift["analysis"] == "drift");
    CHECK(drift["options"]["reference"] == "mean");
    CHECK(m.drift->provenance.inputIds == std::vector<std::string>{"movie:1"});
    REQUIRE(m.fronts.size() == 1);
    const auto fronts = nlohmann::json::parse(m.fronts.front().provenance.parametersJson);
    CHECK(fronts["analysis"] == "fronts");
    CHECK(fronts["options"]["max_step_px_per_frame"] == 4.0);
    CHECK(fronts["options"]["monotonic"] == false);
    CHECK(fronts["fit_model"] == "auto");
    CHECK(fronts["drift_corrected"] == true);
    CHECK(fronts["roi"]["width_px"].is_number());
}
