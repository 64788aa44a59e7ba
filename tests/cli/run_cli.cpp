#include "support/run_cli.h"

#include "support/test_paths.h"

#include <sys/wait.h>

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace insitu::test {

namespace {
std::string slurp(const std::filesystem::path& path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}
} // namespace

CliResult runCli(const std::string& arguments)
{
    static std::atomic<int> counter{0};
    const auto dir =
        scratchDir("cli-run-" + std::to_string(getpid()) + "-" + std::to_string(counter++));
    const auto out = dir / "stdout.txt";
    const auto err = dir / "stderr.txt";
    const std::string command = std::string(INSITU_CLI_PATH) + " " + arguments + " >" +
                                out.string() + " 2>" + err.string() + " </dev/null";
    const int status = std::system(command.c_str());
    CliResult result;
    result.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    result.out = slurp(out);
    result.err = slurp(err);
    return result;
}

} // namespace insitu::test
