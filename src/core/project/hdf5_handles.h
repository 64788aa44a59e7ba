#pragma once
// Typed attributes and 1-D/2-D datasets with units over the HDF5 C API, for the project file.
// Private to src/core/project; every failure throws insitu::Error with a short description.
// Callers hold hdf5::Lock (src/core/hdf5/hdf5_lock.h) around every call.

#include "../hdf5/hdf5_handle.h"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace insitu::h5 {

using hdf5::ErrorSilencer;  // the one HDF5 layer of insitu_core (src/core/hdf5)
using hdf5::Handle;

/// Creates (truncates) a file with deterministic object headers (no modification times).
[[nodiscard]] Handle createFile(const std::filesystem::path& path);
[[nodiscard]] Handle openFileReadOnly(const std::filesystem::path& path);

[[nodiscard]] Handle createGroup(hid_t parent, const std::string& name);
[[nodiscard]] Handle openGroup(hid_t parent, const std::string& name);
[[nodiscard]] bool exists(hid_t parent, const std::string& name);
[[nodiscard]] bool hasAttribute(hid_t object, const std::string& name);

void writeAttribute(hid_t object, const std::string& name, const std::string& value);
void writeAttribute(hid_t object, const std::string& name, const char* value);
void writeAttribute(hid_t object, const std::string& name, double value);
void writeAttribute(hid_t object, const std::string& name, std::int64_t value);
void writeAttribute(hid_t object, const std::string& name, std::uint64_t value);
void writeAttribute(hid_t object, const std::string& name, const std::vector<std::uint8_t>& value);
/// Writes value when present; an absent optional writes nothing (absent attribute = unknown).
void writeOptionalAttribute(hid_t object, const std::string& name, const std::optional<double>& value);

[[nodiscard]] std::string readStringAttribute(hid_t object, const std::string& name);
[[nodiscard]] double readDoubleAttribute(hid_t object, const std::string& name);
[[nodiscard]] std::int64_t readIntAttribute(hid_t object, const std::string& name);
[[nodiscard]] std::uint64_t readUInt64Attribute(hid_t object, const std::string& name);
[[nodiscard]] std::vector<std::uint8_t> readBytesAttribute(hid_t object, const std::string& name);
[[nodiscard]] std::optional<double> readOptionalDoubleAttribute(hid_t object, const std::string& name);

/// 1-D datasets; units (when not empty) is stored as the string attribute "units".
void writeDataset(hid_t parent, const std::string& name, const std::vector<double>& values,
                  const std::string& units);
void writeDataset(hid_t parent, const std::string& name, const std::vector<std::int32_t>& values,
                  const std::string& units);
void writeDataset(hid_t parent, const std::string& name, const std::vector<std::uint8_t>& values,
                  const std::string& units);
void writeDataset(hid_t parent, const std::string& name, const std::vector<std::string>& values);
/// A rows × cols dataset (row-major values); cols = 0 with rows = 0 makes an empty 0 × 0 set.
void writeMatrix(hid_t parent, const std::string& name, const std::vector<double>& values,
                 std::size_t rows, std::size_t cols, const std::string& units);
void writeMatrix(hid_t parent, const std::string& name, const std::vector<float>& values,
                 std::size_t rows, std::size_t cols, const std::string& units);

[[nodiscard]] std::vector<double> readDoubles(hid_t parent, const std::string& name);
[[nodiscard]] std::vector<std::int32_t> readInts(hid_t parent, const std::string& name);
[[nodiscard]] std::vector<std::uint8_t> readBytes(hid_t parent, const std::string& name);
[[nodiscard]] std::vector<std::string> readStrings(hid_t parent, const std::string& name);
/// Reads a 2-D dataset as row-major values; rows/cols receive its shape.
[[nodiscard]] std::vector<double> readMatrix(hid_t parent, const std::string& name,
                                             std::size_t& rows, std::size_t& cols);
[[nodiscard]] std::vector<float> readMatrixF32(hid_t parent, const std::string& name,
                                               std::size_t& rows, std::size_t& cols);

} // namespace insitu::h5
