#pragma once
// Private to src/core/project: writing and reading the HDF5 layout of docs/project-file.md.

#include "insitu/project/project.h"

#include <hdf5.h>

#include <functional>
#include <string_view>

namespace insitu::layout {

/// Writes every group, dataset and attribute of project under the root group of file
/// (format_version = kProjectFormatVersion). stage is called after each top-level part.
void writeProject(hid_t file, const Project& project,
                  const std::function<void(std::string_view)>& stage);

/// Reads a file whose root attribute format_version is 1. Throws insitu::Error (without the file
/// name) when a group, dataset or attribute is missing or inconsistent.
[[nodiscard]] Project readProjectV1(hid_t file);
/// Reads a file of format_version 2: version 1 plus the optional analysis groups of each movie
/// (areas, particles, crystal, timeline; see layout_v2_analyses.cpp).
[[nodiscard]] Project readProjectV2(hid_t file);
/// The shared reader of versions 1 and 2 (version 2 adds groups, it changes none).
[[nodiscard]] Project readProjectLayout(hid_t file, int formatVersion);

} // namespace insitu::layout
