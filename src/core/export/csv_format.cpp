// Locale-independent number and cell formatting for the CSV exports.

#include "insitu/export/csv_export.h"

#include <array>
#include <charconv>
#include <cmath>

namespace insitu {

std::string formatCsvNumber(double value)
{
    if (!std::isfinite(value))
        return {};
    std::array<char, 32> buffer{};
    // to_chars never consults a locale; the shortest form reads back to the same double.
    // Plain notation for everyday magnitudes (1000000, not 1e+06), exponents otherwise.
    const double magnitude = std::fabs(value);
    const bool plain = magnitude == 0 || (magnitude >= 1e-5 && magnitude < 1e15);
    const auto result = plain ? std::to_chars(buffer.data(), buffer.data() + buffer.size(), value,
                                              std::chars_format::fixed)
                              : std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
    return std::string(buffer.data(), result.ptr);
}

std::string csvQuote(const std::string& text)
{
    if (text.find_first_of(",\"\r\n") == std::string::npos)
        return text;
    std::string quoted = "\"";
    for (const char c : text) {
        if (c == '"')
            quoted += '"';
        quoted += c;
    }
    quoted += '"';
    return quoted;
}

} // namespace insitu
