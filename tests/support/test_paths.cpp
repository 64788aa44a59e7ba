#include "support/test_paths.h"

#include <unistd.h>

#include <string>

namespace insitu::test {

std::filesystem::path sourceDir()
{
    return INSITU_SOURCE_DIR;
}

std::filesystem::path externalDataDir()
{
    return INSITU_EXTERNAL_DATA_DIR;
}

std::filesystem::path nistDir()
{
    return INSITU_NIST_DIR;
}

std::filesystem::path scratchDir(const std::string& name)
{
    // One folder per test process: ctest runs test cases of one binary in parallel processes,
    // and two cases sharing a fixture name must not wipe each other's files.
    const auto dir = std::filesystem::path(INSITU_BINARY_DIR) / "test-scratch" /
                     (name + "-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    return dir;
}

} // namespace insitu::test
