#pragma once
// Bounded raw reads of an open HDF5 file's bytes, for the guards that check on-disk structures
// libhdf5 1.10 follows without bounds checks (vlen_guard, group_guard). Private to insitu_core.

#include <hdf5.h>

#include <cstdint>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

namespace insitu::hdf5 {

/// Little-endian unsigned integer of `bytes` (≤ 8) bytes at p.
[[nodiscard]] std::uint64_t decodeLittleEndian(const std::uint8_t* p, std::size_t bytes);

/// What the file tells about addresses: sizes of addresses and lengths, base address, B-tree
/// ranks, path and real size.
struct FileLayout
{
    std::string path;
    std::size_t addrBytes = 8;
    std::size_t lengthBytes = 8;
    std::uint64_t baseAddress = 0;
    std::uint64_t fileBytes = 0;
    unsigned groupLeafK = 4;      // a symbol-table node holds up to 2·K entries
    unsigned groupInternalK = 16; // a group B-tree node holds up to 2·K children
};

/// The layout of the file holding object, or nullopt when libhdf5 cannot tell it. The caller
/// holds Lock.
[[nodiscard]] std::optional<FileLayout> layoutOf(hid_t object);

/// The name of the file holding object, as it was opened ("" when unknown).
[[nodiscard]] std::string fileNameOf(hid_t object);

/// Reads byte ranges given by file addresses (relative to the base address), refusing any that
/// does not lie wholly inside the file.
class RawFile
{
public:
    explicit RawFile(const FileLayout& layout);

    [[nodiscard]] const FileLayout& layout() const { return m_layout; }
    /// True when [address, address + bytes) lies inside the file (no overflow).
    [[nodiscard]] bool contains(std::uint64_t address, std::uint64_t bytes) const;
    /// The bytes at address, or false when they are not all inside the file.
    bool read(std::uint64_t address, std::size_t bytes, std::vector<std::uint8_t>& out);

private:
    FileLayout m_layout;
    std::ifstream m_in;
};

} // namespace insitu::hdf5
