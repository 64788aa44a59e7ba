#pragma once
// The DigitalMicrograph (.dm3/.dm4) tag tree: parsed once at open, pixel arrays left on disk.

#include "insitu/io/binary_file.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace insitu::dm {

/// One node of the DM tag tree: a group of child tags or a data tag. Large arrays (pixel data)
/// are not read: only their position and size are kept.
struct Tag
{
    std::string name; ///< may be empty (list element)
    bool isGroup = false;
    std::vector<Tag> children;       ///< group members in file order
    std::uint64_t payloadOffset = 0; ///< data tags: file offset of the payload
    std::uint64_t payloadBytes = 0;  ///< data tags: payload length
    int arrayElementType = 0;        ///< arrays of simple values: DM encoded type, else 0
    std::uint64_t arrayCount = 0;    ///< arrays: element count
    nlohmann::json value; ///< decoded value (null for large arrays and structs of arrays)

    /// Child by name, or nullptr.
    [[nodiscard]] const Tag* child(std::string_view childName) const;
    /// Descendant by '/'-separated path of names ("ImageData/Calibrations"), or nullptr.
    [[nodiscard]] const Tag* find(std::string_view path) const;
    /// Numeric value of a data tag, or fallback when absent or not a number.
    [[nodiscard]] double number(double fallback) const;
};

/// A parsed DM file: version, payload byte order and the root group.
struct TagFile
{
    int version = 0; ///< 3 or 4
    Endian dataOrder = Endian::Little;
    Tag root;
};

/// True when head (the first bytes of a file) looks like a DM3 or DM4 file.
[[nodiscard]] bool looksLikeDm(const std::vector<unsigned char>& head);

/// Parses the whole tag tree of file, skipping array payloads larger than a few KiB.
/// Throws insitu::Error naming the file for a malformed, truncated or absurd tree.
[[nodiscard]] TagFile parseTagFile(const BinaryFile& file);

/// The group as JSON for display: named members as an object, unnamed ones as an array,
/// uint16 arrays as text, large arrays summarised.
[[nodiscard]] nlohmann::json toJson(const Tag& tag);

} // namespace insitu::dm
