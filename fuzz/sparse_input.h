#pragma once
// Fuzz inputs that stand for files larger than libFuzzer's 1 MiB inputs: the file's real size
// and the byte ranges that matter (its head and tail, where headers, tag tables and HDF5
// metadata live); everything else is zeros. The structured mutator then attacks the headers of
// a big vendor movie while its declared sizes still match the file's size.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string_view>
#include <vector>

namespace insitu::fuzz {

/// Marks a sparse input: the magic, then the file size (8 bytes, little-endian), then regions of
/// (offset: 8 bytes, length: 4 bytes, the bytes) to the end of the input.
inline constexpr std::string_view kSparseMagic = "INSITU-SPARSE-1\n";
/// Largest file a sparse input may stand for (a sparse file: it costs no memory or disk).
inline constexpr std::uint64_t kMaxSparseFileBytes = std::uint64_t{16} << 30;

[[nodiscard]] bool isSparseInput(const std::uint8_t* data, std::size_t size);

/// Writes the file a sparse input stands for (regions clipped to the input and the file size).
/// False when the file cannot be written.
bool writeSparseFile(const std::uint8_t* data, std::size_t size, const std::filesystem::path& path);

/// The sparse input of a file: its first headBytes and last tailBytes (they overlap into one
/// region when the file is small).
[[nodiscard]] std::vector<std::uint8_t> sparseInputOf(const std::filesystem::path& file,
                                                      std::size_t headBytes, std::size_t tailBytes);

} // namespace insitu::fuzz
