#pragma once
// Checks the old-style (symbol-table) groups of an HDF5 file against the file's bytes before
// libhdf5 walks them: libhdf5 1.10 reads a group's local heap and B-tree at whatever addresses
// the group's object header declares and indexes the heap with unchecked name offsets (a heap
// declared past the end of the file crashes H5HL_protect). Private to insitu_core.

#include <hdf5.h>

#include <optional>
#include <string>

namespace insitu::hdf5 {

/// Walks every group reachable from the root of `file` by raw reads (object headers, symbol
/// table messages, local heaps, group B-tree nodes and symbol-table nodes) and checks each
/// structure libhdf5 would read: inside the file, the right signature and version, counts
/// within the file's ranks, every name offset inside its heap and NUL-terminated. nullopt when
/// libhdf5 may open and iterate the groups, else what is wrong (naming the group). The caller
/// holds Lock.
[[nodiscard]] std::optional<std::string> groupStructureProblem(hid_t file);

} // namespace insitu::hdf5
