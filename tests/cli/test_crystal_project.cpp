// `insitu synth hrtem` (truth files), `insitu fft|grains --project` (add, replace, keep the
// project's calibration, provenance; `project show` lists them) and the --plot figures.
#include "support/run_cli.h"
#include "support/test_paths.h"

#include "insitu/io/movie.h"
#include "insitu/project/project_file.h"
#include "insitu/version.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <opencv2/core.hpp>

#include <fstream>

using insitu::test::runCli;

namespace {

nlohmann::json readJson(const std::filesystem::path& path)
{
    std::ifstream in(path);
    return nlohmann::json::parse(in);
}

} // namespace

TEST_CASE("insitu synth hrtem writes the frame, the true mask and the truth", "[cli][crystal]")
{
    const auto dir = insitu::test::scratchDir("cli_synth_hrtem");
    const auto movie = dir / "hrtem.tif";
    const auto result = runCli("synth hrtem -o " + movie.string() + " --truth " +
                               (dir / "t.json").string() + " --width 320 --height 256 --seed 3");
    INFO(result.err);
    REQUIRE(result.exitCode == 0);
    const auto truth = readJson(dir / "t.json");
    CHECK(truth["scene"] == "hrtem");
    CHECK(truth["imaging"]["pixel_size_nm"].get<double>() == Approx(0.05));
    REQUIRE(truth["d_spacings_nm"].size() == 4);
    CHECK(truth["d_spacings_nm"][0]["d_nm"].get<double>() == Approx(0.2087));
    REQUIRE(!truth["parameters"]["patches"].empty());
    const auto mask = insitu::openMovie(truth["mask"].get<std::string>());
    REQUIRE(mask->info().width == 320);
    REQUIRE(mask->info().height == 256);
    const cv::Mat m = mask->frame(0).mat();
    const double fraction = cv::countNonZero(m) / static_cast<double>(m.total());
    CHECK(fraction == Approx(truth["crystalline_fraction"].get<double>()));
    CHECK(fraction > 0.0);
    const auto image = insitu::openMovie(movie);
    CHECK(image->calibration().nmPerPixel.value_or(0) == Approx(0.05));
    // a different seed places the patches elsewhere
    REQUIRE(runCli("synth hrtem -o " + (dir / "b.tif").string() + " --truth " +
                   (dir / "b.json").string() + " --width 320 --height 256 --seed 4")
                .exitCode == 0);
    CHECK(readJson(dir / "b.json")["parameters"]["patches"] != truth["parameters"]["patches"]);
}

TEST_CASE("insitu fft and grains --project add, replace and list their results", "[cli][crystal]")
{
    const auto dir = insitu::test::scratchDir("cli_crystal_project");
    const auto hrtem = (dir / "hrtem.tif").string();
    const auto film = (dir / "film.tif").string();
    REQUIRE(runCli("synth hrtem -o " + hrtem + " --width 256 --height 256 --seed 2").exitCode == 0);
    REQUIRE(runCli("synth grain-film -o " + film + " --width 256 --height 256 --seed 4").exitCode ==
            0);
    const auto project = dir / "p.h5";
    const std::string p = " --project " + project.string();

    REQUIRE(runCli("fft " + hrtem + " --roi 0,0,128,128" + p).exitCode == 0);
    REQUIRE(runCli("fft " + hrtem + " --roi 0,0,128,128" + p).exitCode == 0); // replaces
    REQUIRE(runCli("fft " + hrtem + p).exitCode == 0);                        // adds
    REQUIRE(runCli("fft " + hrtem + " --map --window-nm 3.2 --step-nm 0.8 -o " +
                   (dir / "map.tif").string() + p)
                .exitCode == 0);
    const auto grains = runCli("grains " + film + p);
    INFO(grains.err);
    REQUIRE(grains.exitCode == 0);

    const insitu::Project loaded = insitu::loadProject(project);
    REQUIRE(loaded.movies.size() == 2);
    const insitu::ProjectMovie& m = loaded.movies[0];
    REQUIRE(m.fft.regions.size() == 2);
    CHECK(m.fft.regions[0].regionKind == "rectangle");
    CHECK(m.fft.regions[1].regionKind == "whole-frame");
    CHECK(m.fft.regions[0].softwareVersion == insitu::kVersion);
    CHECK(!m.fft.regions[0].createdUtc.empty());
    REQUIRE(m.fft.map.has_value());
    CHECK(m.fft.map->rows == 256);
    CHECK(!m.grains.has_value());
    REQUIRE(loaded.movies[1].grains.has_value());
    CHECK(!loaded.movies[1].grains->grains.empty());
    CHECK(loaded.movies[1].fft.empty());

    const auto show = runCli("project show " + project.string() + " --json");
    REQUIRE(show.exitCode == 0);
    const auto doc = nlohmann::json::parse(show.out);
    CHECK(doc["movies"][0]["fft"]["regions"].size() == 2);
    CHECK(doc["movies"][0]["fft"]["map"]["crystalline_fraction"].is_number());
    CHECK(doc["movies"][0]["grains"].is_null());
    CHECK(doc["movies"][1]["grains"]["grains"].get<int>() > 0);
    const auto text = runCli("project show " + project.string());
    CHECK(text.out.find("crystal map:") != std::string::npos);
    CHECK(text.out.find("grains:") != std::string::npos);
}

TEST_CASE("insitu fft --project keeps the project's calibration unless overridden",
          "[cli][crystal]")
{
    const auto dir = insitu::test::scratchDir("cli_crystal_calibration");
    const auto hrtem = (dir / "hrtem.tif").string();
    REQUIRE(runCli("synth hrtem -o " + hrtem + " --width 256 --height 256").exitCode == 0);
    const std::string p = " --project " + (dir / "p.h5").string();
    const auto first = runCli("fft " + hrtem + " --pixel-size-nm 0.1 --json" + p);
    REQUIRE(first.exitCode == 0);
    CHECK(nlohmann::json::parse(first.out)["pixel_size_nm"].get<double>() == Approx(0.1));
    const auto second = runCli("fft " + hrtem + " --roi 0,0,128,128 --json" + p);
    REQUIRE(second.exitCode == 0);
    CHECK(nlohmann::json::parse(second.out)["pixel_size_nm"].get<double>() == Approx(0.1));
    const insitu::Project loaded = insitu::loadProject(dir / "p.h5");
    REQUIRE(loaded.movies.size() == 1);
    CHECK(loaded.movies[0].calibrationOverride.nmPerPixel.value_or(0) == Approx(0.1));
    // the project must not be the movie, and a damaged project is refused
    CHECK(runCli("fft " + hrtem + " --project " + hrtem).exitCode == 2);
    std::ofstream(dir / "bad.h5") << "not a project";
    CHECK(runCli("fft " + hrtem + " --project " + (dir / "bad.h5").string()).exitCode == 2);
}

TEST_CASE("insitu fft --plot/--spectrum-plot and grains --histogram write figures",
          "[cli][crystal]")
{
    const auto dir = insitu::test::scratchDir("cli_crystal_plots");
    const auto hrtem = (dir / "hrtem.tif").string();
    const auto film = (dir / "film.tif").string();
    REQUIRE(runCli("synth hrtem -o " + hrtem + " --width 256 --height 256").exitCode == 0);
    REQUIRE(runCli("synth grain-film -o " + film + " --width 256 --height 256").exitCode == 0);
    const auto fft = runCli("fft " + hrtem + " --plot " + (dir / "profile.png").string() +
                            " --spectrum-plot " + (dir / "spectrum.png").string());
    INFO(fft.err);
    REQUIRE(fft.exitCode == 0);
    REQUIRE(runCli("grains " + film + " --histogram " + (dir / "h.png").string()).exitCode == 0);
    for (const char* name : {"profile.png", "spectrum.png", "h.png"})
        CHECK(std::filesystem::file_size(dir / name) > 5000);
}
