// Hostile command lines and files (issue #15): exit 2 and exactly one stderr line, under a
// 4 GB address-space limit, for NaN/inf/absurd numbers, usage errors, FIFOs, damaged files.
#include "support/run_cli.h"
#include "support/test_paths.h"

#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;
using insitu::test::runCli;

namespace {

/// runCli with `ulimit -v` (RLIMIT_AS) of 4 GB and a 60 s CPU limit: an unbounded allocation
/// or a hang fails the run instead of the machine.
insitu::test::CliResult runLimited(const std::string& arguments)
{
    return runCli("--version >/dev/null; ulimit -v 4000000; ulimit -t 60; " +
                  std::string(INSITU_CLI_PATH) + " " + arguments);
}

int lineCount(const std::string& text)
{
    return static_cast<int>(std::count(text.begin(), text.end(), '\n'));
}

fs::path smallMovie(const std::string& name)
{
    const auto movie = insitu::test::scratchDir(name) / "m.tif";
    REQUIRE(runCli("synth nanowire-front -o " + movie.string() +
                   " --frames 12 --width 96 --height 64 --seed 3")
                .exitCode == 0);
    return movie;
}

void expectOneLineRefusal(const std::string& arguments, const std::string& needle)
{
    INFO(arguments);
    const auto result = runLimited(arguments);
    INFO(result.err);
    CHECK(result.exitCode == 2);
    CHECK(lineCount(result.err) == 1);
    CHECK(result.err.find(needle) != std::string::npos);
}

} // namespace

TEST_CASE("NaN, infinity and absurd numbers are refused in options", "[cli][hostile]")
{
    const std::string m = smallMovie("hostile_numbers").string();
    const std::string line = " --line 10,32,86,32 --drift none";
    expectOneLineRefusal("front " + m + " --line 10,nan,86,32", "--line");
    expectOneLineRefusal("front " + m + line + " --width nan", "--width");
    expectOneLineRefusal("front " + m + line + " --width inf", "--width");
    expectOneLineRefusal("front " + m + line + " --max-step -inf", "--max-step");
    expectOneLineRefusal("front " + m + " --line 0,0,1e9,0", "--line");
    expectOneLineRefusal("front " + m + line + " --pin 2000000000:0:0", "--pin");
    expectOneLineRefusal("front " + m + line + " --pin 0:0:nan", "--pin");
    expectOneLineRefusal("drift " + m + " --lowpass NaN", "--lowpass");
    expectOneLineRefusal("drift " + m + " --roi 2147483600,0,100,100", "is not inside");
    expectOneLineRefusal("drift " + m + " --roi 0,0,2147483647,100", "is not inside");
}

TEST_CASE("a usage error is one stderr line naming the option", "[cli][hostile]")
{
    const std::string m = smallMovie("hostile_usage").string();
    expectOneLineRefusal("drift " + m + " --bogus", "--bogus");
    expectOneLineRefusal("front " + m + " --fronts 99 --line 1,2,3,4", "--fronts");
    expectOneLineRefusal("frobnicate", "subcommand");
}

TEST_CASE("FIFOs, devices and absurd declared sizes end in one line, not a hang", "[cli][hostile]")
{
    const auto dir = insitu::test::scratchDir("hostile_files_cli");
    const auto fifo = dir / "movie.tif";
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    expectOneLineRefusal("info " + fifo.string(), "not a regular file");
    expectOneLineRefusal("drift /dev/zero", "not a regular file");
}

TEST_CASE("control characters in file names are escaped in messages", "[cli][hostile]")
{
    const auto dir = insitu::test::scratchDir("hostile_names");
    const auto name = dir / "evil\x1b[31m\x07.tif";
    std::ofstream(name) << "not a movie";
    const auto result = runCli("info '" + name.string() + "'");
    CHECK(result.exitCode == 2);
    CHECK(lineCount(result.err) == 1);
    CHECK(result.err.find('\x1b') == std::string::npos);
    CHECK(result.err.find("evil\\x1B[31m\\x07.tif") != std::string::npos);
}

TEST_CASE("a save onto a full disk is one message and exit 2, not a crash at exit",
          "[cli][hostile]")
{
    const auto m = smallMovie("hostile_full_disk");
    const auto project = (m.parent_path() / "p.h5").string();
    // A 10 KB file-size limit stands in for a full disk (write fails with EFBIG).
    const auto result = runCli("--version >/dev/null; trap '' XFSZ; ulimit -f 10; " +
                               std::string(INSITU_CLI_PATH) + " front " + m.string() +
                               " --line 10,32,86,32 --width 10 --drift none --project " + project);
    INFO(result.err);
    CHECK(result.exitCode == 2);
    CHECK(lineCount(result.err) == 1);
    CHECK(result.err.find("cannot save project") != std::string::npos);
    CHECK_FALSE(fs::exists(project)); // no half-written project under the real name
}
