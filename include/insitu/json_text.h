#pragma once
// JSON text in and out of the program: depth-limited parsing of JSON read from files and
// dumping that never throws on invalid UTF-8 (it is replaced by U+FFFD).

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace insitu {

/// Deepest nesting of arrays/objects accepted in JSON read from a file. Real metadata nests
/// fewer than 20 levels; the limit keeps recursive copies and dumps far from the stack's end.
inline constexpr int kMaxJsonDepth = 256;

/// Parses JSON from a file; nullopt when it is not valid JSON or nests deeper than maxDepth
/// (checked on the text before anything is built).
[[nodiscard]] std::optional<nlohmann::json> parseJsonLimited(std::string_view text,
                                                             int maxDepth = kMaxJsonDepth);

/// Nesting depth of the arrays/objects in text (strings skipped), at most maxDepth + 1.
[[nodiscard]] int jsonNestingDepth(std::string_view text, int maxDepth = kMaxJsonDepth);

/// document.dump(indent) with invalid UTF-8 replaced by U+FFFD: for every JSON the program
/// writes (stdout, files, HDF5 attributes).
[[nodiscard]] std::string dumpJson(const nlohmann::json& document, int indent = -1);

/// Text for a message: invalid UTF-8 bytes and control characters shown as \xNN escapes.
[[nodiscard]] std::string printableText(std::string_view text);

} // namespace insitu
