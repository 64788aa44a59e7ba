#pragma once
// What every fuzz target shares: the input written to a scratch file (the readers take paths),
// a small memory budget, and the full use of a movie a command would make.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string_view>

namespace insitu::fuzz {

/// Writes the bytes to "<scratch folder>/input<extension>" (one folder per process, reused for
/// every input) and returns its path.
[[nodiscard]] std::filesystem::path writeScratchFile(const std::uint8_t* data, std::size_t size,
                                                     std::string_view extension);

/// Opens the movie at path as `insitu info --json` and `drift` would: info, metadata dumped as
/// JSON, the first, middle and last frame read and summed. insitu::Error is caught (a refusal
/// is the right answer to a broken file); any other exception or crash is a bug.
void exerciseMovie(const std::filesystem::path& path);

/// A movie target: the input as a file with this extension, then exerciseMovie.
void fuzzMovieBytes(const std::uint8_t* data, std::size_t size, std::string_view extension);

} // namespace insitu::fuzz
