#pragma once
// Saving and loading a Project as HDF5 (layout: docs/project-file.md), and finding moved movies.

#include "insitu/project/project.h"

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace insitu {

/// The layout version this program writes; older files are migrated on load.
inline constexpr int kProjectFormatVersion = 2;

/// Writes project to path atomically: a temporary `<name>.tmp-XXXXXX` in the same folder is
/// written, flushed, closed and renamed over path, so a crash never leaves a half-written
/// project. Throws insitu::Error naming the file on failure (path is then untouched).
void saveProject(const Project& project, const std::filesystem::path& path);

/// Reads a project, migrating older layouts. Throws insitu::Error naming the file when it is
/// missing, not HDF5, not a project (no root attribute format_version), from a newer program,
/// or damaged. The file is opened read-only and never modified.
[[nodiscard]] Project loadProject(const std::filesystem::path& path);

/// Content fingerprint of a movie file: "sha256-sampled-v1:<hex>", the SHA-256 of the file size
/// (8 bytes, little-endian) followed by its first, middle and last MiB (the whole file when it is
/// at most 3 MiB). For a folder of frames: SHA-256 of each regular file's name and size, sorted by
/// name. Fast for multi-GB movies. Throws insitu::Error when the file cannot be read.
[[nodiscard]] std::string computeMovieFingerprint(const std::filesystem::path& path);

/// File size in bytes (sum over regular files for a folder of frames).
[[nodiscard]] std::uint64_t movieFileSize(const std::filesystem::path& path);

/// A ProjectMovie for the movie at path: size, fingerprint, dimensions and file calibration
/// (opens it with openMovie). Throws insitu::Error when it cannot be read.
[[nodiscard]] ProjectMovie describeMovie(const std::filesystem::path& path, int id);

/// Where the movie is now: movie.path when it exists with the same fingerprint, else the first
/// file with the same file name and fingerprint found under searchPaths (searched recursively,
/// unreadable folders skipped). nullopt when not found. Used by `--movie-search-path` (CLI).
[[nodiscard]] std::optional<std::filesystem::path>
locateMovie(const ProjectMovie& movie, const std::vector<std::filesystem::path>& searchPaths);

namespace detail {
/// Test hook: called by saveProject at named stages ("movies-written", before "close");
/// a hook that throws or _exits simulates a crash mid-save. Pass {} to remove.
void setSaveStageHookForTesting(std::function<void(std::string_view stage)> hook);
} // namespace detail

} // namespace insitu
