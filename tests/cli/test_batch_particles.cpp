// `insitu batch` with a particles template: every movie gets the counts and sizes of
// `insitu particles` by hand, its particles.csv and the result in its project file.

#include "support/run_cli.h"
#include "support/test_paths.h"

#include "insitu/io/movie.h"
#include "insitu/particles/particle_edits.h"
#include "insitu/particles/particle_frame.h"
#include "insitu/project/particles_project_build.h"
#include "insitu/project/project_file.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <fstream>
#include <map>
#include <sstream>

using insitu::test::runCli;
namespace fs = std::filesystem;

TEST_CASE("insitu batch runs the template's particle analysis on every movie",
          "[cli][batch][particles]")
{
    const auto dir = insitu::test::scratchDir("cli_batch_particles");
    fs::create_directories(dir / "movies");
    std::vector<fs::path> movies;
    for (int k = 0; k < 2; ++k) {
        const auto movie = dir / "movies" / ("field" + std::to_string(k) + ".tif");
        REQUIRE(runCli("synth particles -o " + movie.string() + " --truth " +
                       (dir / ("t" + std::to_string(k) + ".json")).string() +
                       " --frames 1 --width 256 --height 256 --particles 120 --dose 30 "
                       "--survival-cutoff-nm 5 --seed " +
                       std::to_string(21 + k))
                    .exitCode == 0);
        movies.push_back(movie);
    }
    const std::string args = " --region ahead=0,0,127,255 --region behind=128,0,255,255 --dark";
    const auto templ = dir / "template.h5";
    fs::remove(templ);
    REQUIRE(runCli("particles " + movies[0].string() + args + " --project " + templ.string() +
                   " -o " + (dir / "t.csv").string())
                .exitCode == 0);
    const nlohmann::json recipe = {{"movies", {(dir / "movies" / "*.tif").string()}},
                                   {"template", templ.string()},
                                   {"output", (dir / "out").string()}};
    std::ofstream(dir / "recipe.json") << recipe.dump(2);
    const auto r = runCli("batch " + (dir / "recipe.json").string());
    INFO(r.err);
    REQUIRE(r.exitCode == 0);

    std::map<std::pair<std::string, std::string>, std::string> value; // (movie, object|quantity)
    std::ifstream in(dir / "out" / "summary.csv");
    std::string line;
    std::getline(in, line);
    while (std::getline(in, line)) {
        std::vector<std::string> cells;
        std::string cell;
        bool quoted = false;
        for (char c : line) {
            if (c == '"')
                quoted = !quoted;
            else if (c == ',' && !quoted) {
                cells.push_back(cell);
                cell.clear();
            } else
                cell += c;
        }
        cells.push_back(cell);
        REQUIRE(cells.size() == 13);
        CHECK(cells[3] == "particles");
        value[{cells[0], cells[4] + "|" + cells[5]}] = cells[6];
    }
    for (const auto& movie : movies) {
        const std::string name = movie.stem().string();
        const auto hand = runCli("particles " + movie.string() + args + " --json");
        REQUIRE(hand.exitCode == 0);
        const auto doc = nlohmann::json::parse(hand.out);
        for (const auto& region : doc["regions"]) {
            const std::string object = "region " + region["name"].get<std::string>();
            REQUIRE(value.count({name, object + "|count"}) == 1);
            CHECK(std::stoi(value[{name, object + "|count"}]) == region["count"].get<int>());
            CHECK(std::stod(value[{name, object + "|ecd_median_nm"}]) ==
                  Approx(region["ecd_median_nm"].get<double>()).epsilon(1e-12));
        }
        if (doc["comparison"]["critical_size_nm"].is_number()) {
            const auto key = std::make_pair(name, std::string("ahead vs behind|critical_size_nm"));
            REQUIRE(value.count(key) == 1);
            CHECK(std::stod(value[key]) ==
                  Approx(doc["comparison"]["critical_size_nm"].get<double>()).epsilon(1e-12));
        }
        const auto project = insitu::loadProject(dir / "out" / "movies" / name / (name + ".h5"));
        REQUIRE(project.movies.size() == 1);
        REQUIRE(project.movies[0].particles.has_value());
        CHECK(project.movies[0].particles->result.particles.size() == doc["particles"].size());
        CHECK(fs::exists(dir / "out" / "movies" / name / "particles.csv"));
    }
}

TEST_CASE("insitu batch replays a template's hand edits on its own movie only",
          "[cli][batch][particles]")
{
    const auto dir = insitu::test::scratchDir("cli_batch_particle_edits");
    fs::create_directories(dir / "movies");
    std::vector<fs::path> movies;
    for (int k = 0; k < 2; ++k) {
        movies.push_back(dir / "movies" / ("field" + std::to_string(k) + ".tif"));
        REQUIRE(runCli("synth particles -o " + movies.back().string() + " --truth " +
                       (dir / ("t" + std::to_string(k) + ".json")).string() +
                       " --frames 1 --width 192 --height 192 --particles 60 --dose 30 --seed " +
                       std::to_string(31 + k))
                    .exitCode == 0);
    }
    const auto templ = dir / "template.h5";
    fs::remove(templ);
    REQUIRE(runCli("particles " + movies[0].string() + " --dark --project " + templ.string() +
                   " -o " + (dir / "t.csv").string())
                .exitCode == 0);

    // Hand edits on the template's movie, as the Particles panel stores them: delete the first
    // two particles (positions in field0's frame).
    insitu::Project project = insitu::loadProject(templ);
    REQUIRE(project.movies.size() == 1);
    insitu::ProjectParticles& stored = *project.movies[0].particles;
    REQUIRE(stored.result.particles.size() > 3);
    const std::size_t byHand = stored.result.particles.size();
    for (int j = 0; j < 2; ++j) {
        const auto& p = stored.result.particles[static_cast<std::size_t>(j)];
        stored.edits.push_back({insitu::ParticleEditKind::Delete, p.xPx, p.yPx, 0, 0});
    }
    const cv::Mat frame = insitu::particleFrame(*insitu::openMovie(movies[0]), 0, 0);
    insitu::ParticleSegmentation seg = insitu::particleSegmentation(stored);
    REQUIRE(insitu::applyParticleEdits(seg, frame, stored.regions, stored.edits) == 2);
    const auto edits = stored.edits;
    stored = insitu::toProjectParticles(seg, 0, 0, stored.regions, edits);
    REQUIRE(stored.result.particles.size() == byHand - 2);
    insitu::saveProject(project, templ);

    const nlohmann::json recipe = {{"movies", {(dir / "movies" / "*.tif").string()}},
                                   {"template", templ.string()},
                                   {"output", (dir / "out").string()}};
    std::ofstream(dir / "recipe.json") << recipe.dump(2);
    const auto r = runCli("batch " + (dir / "recipe.json").string());
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    const auto result = [&](const std::string& name) {
        const auto p = insitu::loadProject(dir / "out" / "movies" / name / (name + ".h5"));
        REQUIRE(p.movies.size() == 1);
        REQUIRE(p.movies[0].particles.has_value());
        return *p.movies[0].particles;
    };
    const auto log = [&](const std::string& name) {
        std::ifstream in(dir / "out" / "movies" / name / (name + ".log"));
        std::stringstream text;
        text << in.rdbuf();
        return text.str();
    };
    // field0 is the template's movie: the edited result, edits kept
    const insitu::ProjectParticles own = result("field0");
    CHECK(own.edits == edits);
    CHECK(own.result.particles == stored.result.particles);
    CHECK(own.labels == stored.labels);
    CHECK(log("field0").find("hand edit(s) replayed (2 took effect)") != std::string::npos);
    // field1: the segmentation as `insitu particles` gives it, no edits, and the log says why
    const auto hand = runCli("particles " + movies[1].string() + " --dark --json");
    REQUIRE(hand.exitCode == 0);
    const insitu::ProjectParticles other = result("field1");
    CHECK(other.edits.empty());
    CHECK(other.result.particles.size() == nlohmann::json::parse(hand.out)["particles"].size());
    CHECK(log("field1").find("hand edit(s) not applied") != std::string::npos);
}
