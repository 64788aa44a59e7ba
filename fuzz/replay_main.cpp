// fuzz_replay: runs every file under <folder>/<target>/ through the fuzz target of that name,
// in the normal build and under an address-space limit, so that every input that once crashed
// or hung a reader stays fixed (ctest case "fuzz: regression inputs replayed").

#include "fuzz_target.h"

#include <algorithm>
#include <csignal>
#include <cstring>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <string>
#include <sys/resource.h>
#include <unistd.h>
#include <vector>

namespace insitu::fuzz {

namespace {

std::map<std::string, TargetFunction>& targets()
{
    static std::map<std::string, TargetFunction> table;
    return table;
}

// The input being replayed, for the crash handler (set before each input).
char g_current[4096] = "";

void reportCrash(int signal)
{
    const char* prefix = "fuzz_replay: crashed (signal) on ";
    (void)!::write(STDERR_FILENO, prefix, std::strlen(prefix));
    (void)!::write(STDERR_FILENO, g_current, std::strlen(g_current));
    (void)!::write(STDERR_FILENO, "\n", 1);
    std::signal(signal, SIG_DFL);
    std::raise(signal);
}

std::vector<unsigned char> readBytes(const std::filesystem::path& path)
{
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// 4 GiB of address space, as in the probe: a declared size that slips past the memory
// budget fails here instead of taking the machine's memory.
void limitAddressSpace()
{
    const rlim_t limit = rlim_t{4} << 30;
    rlimit current{};
    if (::getrlimit(RLIMIT_AS, &current) == 0 &&
        (current.rlim_cur == RLIM_INFINITY || current.rlim_cur > limit)) {
        current.rlim_cur = limit;
        ::setrlimit(RLIMIT_AS, &current);
    }
}

} // namespace

bool registerTarget(const char* name, TargetFunction function)
{
    targets()[name] = function;
    return true;
}

} // namespace insitu::fuzz

int main(int argc, char** argv)
{
    using namespace insitu::fuzz;
    namespace fs = std::filesystem;
    if (argc != 2 || !fs::is_directory(argv[1])) {
        std::cerr << "usage: fuzz_replay FOLDER (with one sub-folder of inputs per target)\n";
        return 2;
    }
    limitAddressSpace();
    for (const int signal : {SIGSEGV, SIGABRT, SIGBUS, SIGFPE, SIGILL})
        std::signal(signal, reportCrash);

    int replayed = 0;
    int failed = 0;
    for (const auto& [name, function] : targets()) {
        const fs::path folder = fs::path(argv[1]) / name;
        if (!fs::is_directory(folder)) {
            std::cerr << "fuzz_replay: no inputs for target " << name << " (" << folder.string()
                      << ")\n";
            ++failed;
            continue;
        }
        std::vector<fs::path> inputs;
        for (const auto& entry : fs::directory_iterator(folder))
            if (entry.is_regular_file() && entry.path().filename() != "README.md")
                inputs.push_back(entry.path());
        std::sort(inputs.begin(), inputs.end());
        for (const auto& input : inputs) {
            const std::string shown = input.string();
            std::strncpy(g_current, shown.c_str(), sizeof g_current - 1);
            const auto bytes = readBytes(input);
            try {
                function(bytes.data(), bytes.size());
            } catch (const std::exception& e) {
                std::cerr << "fuzz_replay: " << shown << ": escaped exception: " << e.what()
                          << '\n';
                ++failed;
            }
            ++replayed;
        }
    }
    std::cout << "fuzz_replay: " << replayed << " inputs over " << targets().size() << " targets\n"
              << (replayed - failed) << " passed, " << failed << " failed\n";
    return failed == 0 ? 0 : 1;
}
