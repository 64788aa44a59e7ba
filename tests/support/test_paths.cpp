#include "support/test_paths.h"

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
    const auto dir = std::filesystem::path(INSITU_BINARY_DIR) / "test-scratch" / name;
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    return dir;
}

} // namespace insitu::test
