// output_paths: no output is an input or another output, compared by file identity.
#include "output_paths.h"

#include "support/test_paths.h"

#include "insitu/error.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

using namespace insitu;
using cli::NamedPath;

TEST_CASE("output paths: an output that is an input is refused, also through a link",
          "[cli][output_paths]")
{
    const auto dir = test::scratchDir("cli_output_paths");
    const auto movie = dir / "m.tif";
    std::ofstream(movie) << "x";
    const auto link = dir / "link.tif";
    std::filesystem::remove(link);
    std::filesystem::create_symlink(movie, link);

    const std::vector<NamedPath> inputs{{"FILE", movie.string()}};
    CHECK_THROWS_WITH(cli::checkOutputPaths(inputs, {{"-o", movie.string()}}),
                      Catch::Contains("is the input"));
    CHECK_THROWS_WITH(cli::checkOutputPaths(inputs, {{"--project", link.string()}}),
                      Catch::Contains("--project") && Catch::Contains("is the input"));
    const auto other = (dir / "." / "m.tif").string(); // another spelling of the same file
    CHECK_THROWS_AS(cli::checkOutputPaths(inputs, {{"-o", other}}), Error);
    CHECK_NOTHROW(cli::checkOutputPaths(inputs, {{"-o", (dir / "out.csv").string()}}));
}

TEST_CASE("output paths: two outputs naming one new file are refused", "[cli][output_paths]")
{
    const auto dir = test::scratchDir("cli_output_paths_twice");
    const auto out = dir / "new" / ".." / "out.csv"; // does not exist yet
    CHECK_THROWS_WITH(cli::checkOutputPaths(
                          {}, {{"-o", (dir / "out.csv").string()}, {"--fit-table", out.string()}}),
                      Catch::Contains("is also the output"));
    CHECK_NOTHROW(cli::checkOutputPaths(
        {}, {{"-o", (dir / "a.csv").string()}, {"--fit-table", (dir / "b.csv").string()}}));
}
