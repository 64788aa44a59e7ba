// stderr_capture: a failed command prints exactly its one line; notes only when it succeeds;
// library chatter on file descriptor 2 only with --verbose.
#include "stderr_capture.h"

#include "support/test_paths.h"

#include <catch2/catch.hpp>

#include <cstdio>
#include <fcntl.h>
#include <fstream>
#include <iostream>
#include <sstream>
#include <unistd.h>

using namespace insitu;

namespace {

/// Runs body with file descriptor 2 (and std::cerr) going to a file; returns what reached it.
template <class Body> std::string terminalText(const std::string& name, Body body)
{
    const auto path = test::scratchDir("cli_stderr_capture") / name;
    std::fflush(stderr);
    std::cerr.flush();
    const int saved = ::dup(STDERR_FILENO);
    const int file = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    ::dup2(file, STDERR_FILENO);
    ::close(file);
    body();
    std::fflush(stderr);
    std::cerr.flush();
    ::dup2(saved, STDERR_FILENO);
    ::close(saved);
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

void libraryLine()
{
    const char line[] = "HDF5-DIAG: chatter\n";
    CHECK(::write(STDERR_FILENO, line, sizeof line - 1) == sizeof line - 1);
}

} // namespace

TEST_CASE("stderr capture: a refusal is one line", "[cli][stderr_capture]")
{
    const auto text = terminalText("failed.txt", [] {
        cli::StderrCapture capture(false);
        std::cerr << "m.tif: note: held back\n";
        libraryLine();
        cli::writeLiveStderr("progress 50%\n");
        capture.commandFailed("m.tif: not a TIFF file");
    });
    CHECK(text == "progress 50%\nm.tif: not a TIFF file\n");
}

TEST_CASE("stderr capture: notes print when the command ends, library lines do not",
          "[cli][stderr_capture]")
{
    const auto text = terminalText("ended.txt", [] {
        cli::StderrCapture capture(false);
        std::cerr << "m.tif: note: frame 52 is missing\n";
        libraryLine();
        capture.commandEnded();
    });
    CHECK(text == "m.tif: note: frame 52 is missing\n");
}

TEST_CASE("stderr capture: --verbose lets everything through as written", "[cli][stderr_capture]")
{
    const auto text = terminalText("verbose.txt", [] {
        cli::StderrCapture capture(true);
        std::cerr << "note\n";
        libraryLine();
        capture.commandEnded();
    });
    CHECK(text == "note\nHDF5-DIAG: chatter\n");
}
