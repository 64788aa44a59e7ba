#pragma once
// Private to src/core/project: the migration chain from older project layouts to the current one.

#include "insitu/project/project.h"

#include <hdf5.h>

namespace insitu::migrations {

/// Reads a file of layout formatVersion (1 ≤ formatVersion ≤ kProjectFormatVersion) and brings
/// it up to the current Project. Throws insitu::Error (without the file name) on damage.
[[nodiscard]] Project readAndMigrate(hid_t file, int formatVersion);

} // namespace insitu::migrations
