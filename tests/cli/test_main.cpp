// The CLI contract common to all subcommands: version, exit codes, one-line errors.
#include "support/run_cli.h"

#include <catch2/catch.hpp>

#include "insitu/version.h"

using insitu::test::runCli;

TEST_CASE("insitu --version prints the program version", "[cli]")
{
    const auto result = runCli("--version");
    CHECK(result.exitCode == 0);
    CHECK(result.out.find(insitu::kVersion) != std::string::npos);
}

TEST_CASE("unknown options and missing subcommands exit with 2", "[cli]")
{
    CHECK(runCli("").exitCode == 2);
    CHECK(runCli("info --no-such-option x.tif").exitCode == 2);
    CHECK(runCli("no-such-command").exitCode == 2);
}

TEST_CASE("a missing file gives one clear stderr line naming it and exit 2", "[cli]")
{
    const auto result = runCli("info /nonexistent/movie.tif --json");
    CHECK(result.exitCode == 2);
    CHECK(result.out.empty());
    CHECK(result.err.find("/nonexistent/movie.tif") != std::string::npos);
    CHECK(std::count(result.err.begin(), result.err.end(), '\n') == 1);
}
