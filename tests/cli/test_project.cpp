// `insitu project show|relink`: summaries, moved movies, and exit 2 for damaged files.
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

void writeAll(const fs::path& path, const std::string& bytes)
{
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << bytes;
}

} // namespace

TEST_CASE("project show prints the project, --json one document with the fits", "[cli][project]")
{
    const auto dir = insitu::test::scratchDir("cli_project_show");
    insitu::saveProject(insitu::test::fullProject(), dir / "p.h5");

    const auto human = runCli("project show " + (dir / "p.h5").string());
    CHECK(human.exitCode == 0);
    CHECK(human.out.find("Li into Si nanowire") != std::string::npos);
    CHECK(human.out.find("MISSING") != std::string::npos); // the fixture's movies do not exist
    CHECK(human.out.find("coating cracks") != std::string::npos);
    CHECK(human.out.find("0.125 nm/px") != std::string::npos);

    const auto result = runCli("project show " + (dir / "p.h5").string() + " --json");
    REQUIRE(result.exitCode == 0);
    const auto json = nlohmann::json::parse(result.out);
    CHECK(json["format_version"] == 2);
    REQUIRE(json["movies"].size() == 2);
    const auto& movie = json["movies"][0];
    CHECK(movie["pixel_size_nm"] == 0.125);
    CHECK(movie["frame_interval_s"] == 0.05);
    CHECK(movie["time_zero_frame"] == 2);
    CHECK(movie["found_at"].is_null());
    CHECK(movie["rois"][0]["shape"] == "polyline");
    CHECK(movie["fronts"][0]["fronts"][0]["fit"]["model"] == "parabolic");
    CHECK(movie["fronts"][0]["fronts"][0]["fit"]["params"]["L0_nm"] == 1.25);
    CHECK(movie["fronts"][0]["provenance"]["input_ids"][1] == "roi:4");
    CHECK(json["tables"][0]["columns"][1]["unit"] == "nm");
}

TEST_CASE("project show finds a moved movie with --movie-search-path; relink saves it",
          "[cli][project]")
{
    const auto dir = insitu::test::scratchDir("cli_project_moved");
    fs::create_directories(dir / "old");
    fs::create_directories(dir / "archive" / "2024");
    writeAll(dir / "old" / "run3.tif", std::string(5000, 'r'));
    insitu::Project project = insitu::test::fullProject();
    project.movies.resize(1);
    auto& movie = project.movies[0];
    movie.path = dir / "old" / "run3.tif";
    movie.fileSizeBytes = insitu::movieFileSize(movie.path);
    movie.fingerprint = insitu::computeMovieFingerprint(movie.path);
    insitu::saveProject(project, dir / "p.h5");
    fs::rename(movie.path, dir / "archive" / "2024" / "run3.tif");

    const std::string show = "project show " + (dir / "p.h5").string() + " --json";
    auto json = nlohmann::json::parse(runCli(show).out);
    CHECK(json["movies"][0]["found_at"].is_null());
    json = nlohmann::json::parse(
        runCli(show + " --movie-search-path " + (dir / "archive").string()).out);
    CHECK(json["movies"][0]["found_at"] == (dir / "archive" / "2024" / "run3.tif").string());
    CHECK(json["movies"][0]["moved"] == true);

    const auto relink = runCli("project relink " + (dir / "p.h5").string() +
                               " --movie-search-path " + (dir / "archive").string());
    CHECK(relink.exitCode == 0);
    CHECK(insitu::loadProject(dir / "p.h5").movies[0].path ==
          dir / "archive" / "2024" / "run3.tif");
    json = nlohmann::json::parse(runCli(show).out);
    CHECK(json["movies"][0]["moved"] == false);
    CHECK(json["movies"][0]["found_at"] == (dir / "archive" / "2024" / "run3.tif").string());
}

TEST_CASE("project show exits 2 with one line naming a damaged or foreign file", "[cli][project]")
{
    const auto dir = insitu::test::scratchDir("cli_project_damaged");
    insitu::saveProject(insitu::test::fullProject(), dir / "good.h5");
    const std::string good = readAll(dir / "good.h5");
    writeAll(dir / "half.h5", good.substr(0, good.size() / 2));
    writeAll(dir / "movie.h5", std::string("II*\0\x08\0\0\0", 8) + std::string(100, 'x'));
    for (const auto* name : {"half.h5", "movie.h5", "missing.h5"}) {
        const auto path = dir / name;
        const std::string before = fs::exists(path) ? readAll(path) : std::string();
        const auto result = runCli("project show " + path.string() + " --json");
        INFO(name << ": " << result.err);
        CHECK(result.exitCode == 2);
        CHECK(result.out.empty());
        CHECK(result.err.find(path.string()) != std::string::npos);
        CHECK(std::count(result.err.begin(), result.err.end(), '\n') == 1);
        if (fs::exists(path))
            CHECK(readAll(path) == before);
    }
}
