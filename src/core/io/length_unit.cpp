#include "insitu/io/length_unit.h"

#include <algorithm>
#include <cctype>

namespace insitu {

namespace {

/// Lower-case ASCII copy without surrounding blanks, brackets, NULs and '_' separators.
std::string normalised(std::string_view unit)
{
    std::string out;
    for (const char c : unit) {
        if (c == '\0' || c == '[' || c == ']' || c == '_' ||
            std::isspace(static_cast<unsigned char>(c)))
            continue;
        out.push_back(c);
    }
    return out;
}

bool isValidUtf8(std::string_view text)
{
    std::size_t i = 0;
    while (i < text.size()) {
        const auto c = static_cast<unsigned char>(text[i]);
        int extra = 0;
        if (c < 0x80)
            extra = 0;
        else if ((c & 0xE0) == 0xC0)
            extra = 1;
        else if ((c & 0xF0) == 0xE0)
            extra = 2;
        else if ((c & 0xF8) == 0xF0)
            extra = 3;
        else
            return false;
        if (i + static_cast<std::size_t>(extra) >= text.size() && extra > 0)
            return false;
        for (int k = 1; k <= extra; ++k)
            if ((static_cast<unsigned char>(text[i + static_cast<std::size_t>(k)]) & 0xC0) != 0x80)
                return false;
        i += static_cast<std::size_t>(extra) + 1;
    }
    return true;
}

/// Replaces the spellings of the micro sign (ImageJ "\\u00B5", UTF-8 µ, Greek mu) by 'u'.
std::string muAsU(const std::string& unit)
{
    static const char* const spellings[] = {"\\u00B5", "\\u00b5", "\xC2\xB5", "\xCE\xBC"};
    std::string out;
    std::size_t i = 0;
    while (i < unit.size()) {
        bool matched = false;
        for (const char* mu : spellings) {
            const std::string_view m(mu);
            if (unit.compare(i, m.size(), m) == 0) {
                out.push_back('u');
                i += m.size();
                matched = true;
                break;
            }
        }
        if (!matched)
            out.push_back(unit[i++]);
    }
    return out;
}

} // namespace

std::string latin1ToUtf8IfNeeded(std::string_view text)
{
    return isValidUtf8(text) ? std::string(text) : latin1ToUtf8(text);
}

std::string latin1ToUtf8(std::string_view text)
{
    std::string out;
    for (const char ch : text) {
        const auto c = static_cast<unsigned char>(ch);
        if (c < 0x80) {
            out.push_back(ch);
        } else {
            out.push_back(static_cast<char>(0xC0 | (c >> 6)));
            out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
        }
    }
    return out;
}

std::optional<double> nmPerLengthUnit(std::string_view rawUnit)
{
    std::string unit = normalised(latin1ToUtf8IfNeeded(rawUnit));
    // ImageJ escapes µ as the text "\u00B5"; UTF-8 µ (U+00B5) and Greek mu (U+03BC) also occur.
    unit = muAsU(unit);
    if (unit == "m" || unit == "meter" || unit == "metre" || unit == "meters" || unit == "metres")
        return 1e9;
    std::transform(unit.begin(), unit.end(), unit.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (unit == "nm" || unit == "nanometer" || unit == "nanometre" || unit == "nanometers")
        return 1.0;
    if (unit == "um" || unit == "micron" || unit == "microns" || unit == "micrometer" ||
        unit == "micrometre" || unit == "micrometers")
        return 1e3;
    if (unit == "mm" || unit == "millimeter" || unit == "millimetre")
        return 1e6;
    if (unit == "cm" || unit == "centimeter" || unit == "centimetre")
        return 1e7;
    if (unit == "a" || unit == "\xC3\x85" || unit == "\xE2\x84\xAB" || unit == "angstrom" ||
        unit == "angstroms" || unit == "\xC3\xA5")
        return 0.1;
    if (unit == "pm" || unit == "picometer" || unit == "picometre")
        return 1e-3;
    if (unit == "inch" || unit == "in")
        return 2.54e7;
    return std::nullopt;
}

std::optional<double> secondsPerTimeUnit(std::string_view rawUnit)
{
    std::string unit = normalised(latin1ToUtf8IfNeeded(rawUnit));
    unit = muAsU(unit);
    std::transform(unit.begin(), unit.end(), unit.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (unit == "s" || unit == "sec" || unit == "secs" || unit == "second" || unit == "seconds")
        return 1.0;
    if (unit == "ms" || unit == "msec" || unit == "millisecond" || unit == "milliseconds")
        return 1e-3;
    if (unit == "us" || unit == "usec" || unit == "microsecond" || unit == "microseconds")
        return 1e-6;
    if (unit == "ns" || unit == "nsec" || unit == "nanosecond" || unit == "nanoseconds")
        return 1e-9;
    if (unit == "min" || unit == "mins" || unit == "minute" || unit == "minutes")
        return 60.0;
    if (unit == "h" || unit == "hr" || unit == "hour" || unit == "hours")
        return 3600.0;
    return std::nullopt;
}

} // namespace insitu
