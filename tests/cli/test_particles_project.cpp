// `insitu particles --project`, `--histogram` and `--window-frames`: the result lands in the
// project (replaced on a second run, listed by `project show`), the figures are written, and
// the per-window rows follow the movie.

#include "support/run_cli.h"
#include "support/test_paths.h"

#include "insitu/project/project_file.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>

using insitu::test::runCli;

namespace {

std::string synthMovie(const std::filesystem::path& dir, int frames)
{
    const auto movie = (dir / ("p" + std::to_string(frames) + ".tif")).string();
    REQUIRE(runCli("synth particles -o " + movie + " --truth " + (dir / "p.json").string() +
                   " --frames " + std::to_string(frames) +
                   " --width 256 --height 256 --particles 120 --dose 30 "
                   "--survival-cutoff-nm 5 --seed 4")
                .exitCode == 0);
    return movie;
}

} // namespace

TEST_CASE("insitu particles --project adds, then replaces, the movie's result", "[cli][particles]")
{
    const auto dir = insitu::test::scratchDir("cli_particles_project");
    const auto movie = synthMovie(dir, 1);
    const auto project = (dir / "p.h5").string();
    std::filesystem::remove(project);
    const auto regions = std::string(" --region ahead=0,0,127,255 --region behind=128,0,255,255");
    const auto first =
        runCli("particles " + movie + regions + " --dark --json --project " + project);
    REQUIRE(first.exitCode == 0);
    const auto doc = nlohmann::json::parse(first.out);
    insitu::Project p = insitu::loadProject(project);
    REQUIRE(p.movies.size() == 1);
    REQUIRE(p.movies[0].particles.has_value());
    const auto& stored = *p.movies[0].particles;
    CHECK(stored.result.particles.size() == doc["particles"].size());
    CHECK(stored.regions.size() == 2);
    CHECK(stored.provenance.inputIds == std::vector<std::string>{"movie:1"});
    CHECK(nlohmann::json::parse(stored.provenance.parametersJson)["options"]["polarity"] == "dark");

    // a second run on the same movie replaces the result, the movie stays one entry
    REQUIRE(runCli("particles " + movie + " --bright --project " + project + " -o " +
                   (dir / "second.csv").string())
                .exitCode == 0);
    p = insitu::loadProject(project);
    REQUIRE(p.movies.size() == 1);
    CHECK(p.movies[0].particles->regions.empty());
    CHECK(p.movies[0].particles->result.options.polarity == insitu::ParticlePolarity::Bright);

    const auto shown = runCli("project show " + project);
    REQUIRE(shown.exitCode == 0);
    CHECK(shown.out.find("particles:") != std::string::npos);
    const auto shownJson = runCli("project show " + project + " --json");
    REQUIRE(shownJson.exitCode == 0);
    CHECK(nlohmann::json::parse(shownJson.out)["movies"][0]["particles"].is_object());
}

TEST_CASE("insitu particles --histogram writes png, svg and pdf; a bad extension exits 2",
          "[cli][particles]")
{
    const auto dir = insitu::test::scratchDir("cli_particles_histogram");
    const auto movie = synthMovie(dir, 1);
    for (const char* ext : {"png", "svg", "pdf"}) {
        const auto figure = dir / (std::string("h.") + ext);
        std::filesystem::remove(figure);
        REQUIRE(runCli("particles " + movie +
                       " --region a=0,0,127,255 --region b=128,0,255,255 -o " +
                       (dir / "h.csv").string() + " --histogram " + figure.string())
                    .exitCode == 0);
        CHECK(std::filesystem::file_size(figure) > 1000);
    }
    CHECK(runCli("particles " + movie + " --histogram " + (dir / "h.bmp").string() + " -o " +
                 (dir / "h.csv").string())
              .exitCode == 2);
}

TEST_CASE("insitu particles --window-frames: one row per window and region, CSV and plot",
          "[cli][particles]")
{
    const auto dir = insitu::test::scratchDir("cli_particles_windows");
    const auto movie = synthMovie(dir, 6);
    const auto result = runCli("particles " + movie +
                               " --region a=0,0,127,255 --region b=128,0,255,255 "
                               "--window-frames 2 --window-step 2 --json --window-plot " +
                               (dir / "w.png").string());
    REQUIRE(result.exitCode == 0);
    const auto doc = nlohmann::json::parse(result.out);
    REQUIRE(doc["windows"].size() == 6); // 3 windows × 2 regions
    CHECK(doc["windows"][0]["first_frame"] == 0);
    CHECK(doc["windows"][0]["last_frame"] == 1);
    CHECK(doc["windows"][5]["first_frame"] == 4);
    CHECK(doc["windows"][1]["region"] == "b");
    CHECK(doc["windows"][0]["count"].get<int>() > 5);
    CHECK(doc["windows"][0]["ecd_median_nm"].get<double>() > 1);
    CHECK(std::filesystem::file_size(dir / "w.png") > 1000);

    const auto csv = (dir / "w.csv").string();
    REQUIRE(runCli("particles " + movie + " --window-frames 3 -o " + csv).exitCode == 0);
    std::ifstream in(csv);
    std::string line;
    std::getline(in, line);
    CHECK(line == "first_frame,last_frame,time_s,region,count,ecd_median_px,ecd_median_nm,"
                  "area_fraction");
    int rows = 0;
    while (std::getline(in, line))
        ++rows;
    CHECK(rows == 4); // default step: half the window (1 frame), starts 0..3, one region
    CHECK(runCli("particles " + movie + " --window-frames 7").exitCode == 2);
    CHECK(
        runCli("particles " + movie + " --window-frames 2 --histogram " + (dir / "x.png").string())
            .exitCode == 2);
}
