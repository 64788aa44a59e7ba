// Hostile command lines: no output may write over an input or another output (issue #15).
#include "support/run_cli.h"
#include "support/test_paths.h"

#include <catch2/catch.hpp>

#include <filesystem>
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

/// A small synthetic movie (once per test case) in its own folder.
fs::path smallMovie(const std::string& name)
{
    const auto dir = insitu::test::scratchDir(name);
    const auto movie = dir / "m.tif";
    const auto made = runCli("synth nanowire-front -o " + movie.string() +
                             " --frames 12 --width 96 --height 64 --seed 3");
    REQUIRE(made.exitCode == 0);
    return movie;
}

int lineCount(const std::string& text)
{
    return static_cast<int>(std::count(text.begin(), text.end(), '\n'));
}

} // namespace

TEST_CASE("no output of front or drift may be the input movie", "[cli][hostile]")
{
    const auto movie = smallMovie("hostile_outputs_movie");
    const std::string before = readAll(movie);
    const auto dir = movie.parent_path();
    fs::create_symlink(movie, dir / "link.tif");
    fs::create_hard_link(movie, dir / "hard.tif");
    const std::string line = " --line 10,32,86,32 --width 10 --drift none";
    const std::string m = movie.string();
    const std::vector<std::string> commands = {
        "front " + m + line + " --project " + m,
        "front " + m + line + " -o " + m,
        "front " + m + line + " --kymograph " + m,
        "front " + m + line + " --plot " + m,
        "front " + m + line + " --fit-table " + (dir / "link.tif").string(),
        "front " + m + line + " --project " + (dir / "hard.tif").string(),
        "front " + (dir / "." / "m.tif").string() + line + " -o " + m,
        "drift " + m + " -o " + m,
        "drift " + m + " --output " + (dir / "link.tif").string(),
    };
    for (const auto& command : commands) {
        INFO(command);
        const auto result = runCli(command);
        CHECK(result.exitCode == 2);
        CHECK(lineCount(result.err) == 1);
        CHECK(result.err.find("refusing to write over it") != std::string::npos);
        CHECK(readAll(movie) == before);
    }
}

TEST_CASE("two outputs of one command may not be the same file", "[cli][hostile]")
{
    const auto movie = smallMovie("hostile_outputs_twice");
    const auto out = (movie.parent_path() / "out.csv").string();
    const auto result =
        runCli("front " + movie.string() + " --line 10,32,86,32 --width 10 --drift none -o " + out +
               " --fit-table " + out);
    CHECK(result.exitCode == 2);
    CHECK(result.err.find("every output needs its own file") != std::string::npos);
    CHECK_FALSE(fs::exists(out)); // refused before anything was written

    const auto synth = runCli("synth nanowire-front -o " + out + " --truth " + out);
    CHECK(synth.exitCode == 2);
}

TEST_CASE("export may not use the project file as its output folder", "[cli][hostile]")
{
    const auto movie = smallMovie("hostile_outputs_export");
    const auto project = (movie.parent_path() / "p.h5").string();
    REQUIRE(runCli("front " + movie.string() + " --line 10,32,86,32 --width 10 --drift none " +
                   "--project " + project)
                .exitCode == 0);
    const std::string before = readAll(project);
    const auto result = runCli("export " + project + " --out " + project + " --csv");
    CHECK(result.exitCode == 2);
    CHECK(readAll(project) == before);
}
