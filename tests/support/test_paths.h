#pragma once
// Paths the tests need: the source tree, external reference data, and a scratch folder.

#include <filesystem>
#include <string>

namespace insitu::test {

[[nodiscard]] std::filesystem::path sourceDir();
/// ../shared/data/external beside the repository (real vendor files).
[[nodiscard]] std::filesystem::path externalDataDir();
/// ../shared/data/reference/nist-strd beside the repository.
[[nodiscard]] std::filesystem::path nistDir();
/// A fresh, empty folder under the build tree for this test process's files (name-<pid>).
[[nodiscard]] std::filesystem::path scratchDir(const std::string& name);

} // namespace insitu::test
