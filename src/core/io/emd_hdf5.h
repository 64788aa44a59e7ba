#pragma once
// Read helpers over the HDF5 C API, shared by the two EMD readers. Callers hold hdf5::Lock
// (src/core/hdf5/hdf5_lock.h) around every call, as the project file does.

#include "../hdf5/hdf5_handle.h"

#include "insitu/frame.h"

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace insitu::emdh5 {

using hdf5::Handle; // the one HDF5 layer of insitu_core (src/core/hdf5)

/// Opens a file read-only (errors silenced); invalid handle on failure. A file whose group
/// structures libhdf5 cannot walk safely (hdf5::groupStructureProblem) is closed again, what is
/// wrong in *problem.
[[nodiscard]] Handle openFile(const std::string& path, std::string* problem = nullptr);
/// True when a link `path` exists below loc (every path component checked).
[[nodiscard]] bool exists(hid_t loc, const std::string& path);
[[nodiscard]] Handle openGroup(hid_t loc, const std::string& path);
[[nodiscard]] Handle openDataset(hid_t loc, const std::string& path);
/// Names of the direct children of a group, in name order.
[[nodiscard]] std::vector<std::string> childNames(hid_t group);
/// Dimensions of a dataset (slowest first).
[[nodiscard]] std::vector<hsize_t> shapeOf(hid_t dataset);
/// Pixel type of an integer/float dataset; nullopt for compound (complex), strings, int64, ...
[[nodiscard]] std::optional<PixelType> pixelTypeOf(hid_t dataset);
/// HDF5 native memory type for a pixel type.
[[nodiscard]] hid_t memoryType(PixelType type);
/// A string attribute (fixed or variable length) or a string dataset, "" when absent.
[[nodiscard]] std::string stringAttribute(hid_t object, const std::string& name);
[[nodiscard]] std::string stringDataset(hid_t loc, const std::string& path);
/// A numeric attribute (or a numeric string) as double.
[[nodiscard]] std::optional<double> numberAttribute(hid_t object, const std::string& name);
/// A whole 1-D (or scalar) numeric dataset as doubles.
[[nodiscard]] std::vector<double> numbers(hid_t loc, const std::string& path);
/// Reads a hyperslab [start, start+count) of dataset into out (memory type of `type`).
/// Reads frame index of a 2-D image or a 3-D stack whose frame axis is frameAxis (0 for Berkeley
/// EMD, 2 for Velox) into dst (height × width elements of memType). False on an HDF5 error.
bool readFrameSlab(hid_t dataset, const std::vector<hsize_t>& shape, std::size_t frameAxis,
                   int index, hid_t memType, void* dst);
bool readHyperslab(hid_t dataset, const std::vector<hsize_t>& start,
                   const std::vector<hsize_t>& count, hid_t memType, void* out);

} // namespace insitu::emdh5
