#pragma once
// Runs the insitu executable in a shell and captures its exit code, stdout and stderr.

#include <string>

namespace insitu::test {

struct CliResult
{
    int exitCode = -1;
    std::string out;
    std::string err;
};

/// Runs `insitu <arguments>` (arguments are passed to /bin/sh as written).
[[nodiscard]] CliResult runCli(const std::string& arguments);

} // namespace insitu::test
