#pragma once
// Checks a variable-length string attribute or dataset against the file before libhdf5 reads it:
// libhdf5 1.10 follows the global-heap IDs of such strings without checking them (a corrupt
// collection makes H5HG_read copy a negative or huge length). Private to insitu_core.

#include "raw_file.h" // fileNameOf

#include <hdf5.h>

#include <optional>
#include <string>

namespace insitu::hdf5 {

/// Reads the raw heap IDs of the variable-length strings of attribute `attr` (through an opaque
/// memory type, so libhdf5 does not follow them) and checks each against the file's bytes: the
/// global heap collection lies inside the file and is well formed, the object exists and holds
/// exactly the string's length. nullopt when the strings are safe to read, else what is wrong.
/// The caller holds Lock.
[[nodiscard]] std::optional<std::string> vlenStringAttributeProblem(hid_t attr);

/// The same for every element of a variable-length string dataset.
[[nodiscard]] std::optional<std::string> vlenStringDatasetProblem(hid_t dataset);

} // namespace insitu::hdf5
