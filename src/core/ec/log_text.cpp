// The shared parts of the log readers: lines, header units, SI conversion, the number table.

#include "log_text.h"

#include "insitu/error.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <fstream>
#include <limits>

namespace insitu::ec {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// Parses one cell; false when it is not a number (an empty cell is NaN and counts as a number).
bool parseCell(std::string_view cell, bool decimalComma, double& value)
{
    cell = trim(cell);
    if (cell.empty()) {
        value = kNaN;
        return true;
    }
    if (cell.front() == '+')
        cell.remove_prefix(1);
    if (decimalComma && cell.find(',') != std::string_view::npos) {
        std::array<char, 64> buf{};
        if (cell.size() >= buf.size())
            return false;
        std::transform(cell.begin(), cell.end(), buf.begin(),
                       [](char c) { return c == ',' ? '.' : c; });
        const auto [ptr, ec] = std::from_chars(buf.data(), buf.data() + cell.size(), value);
        return ec == std::errc{} && ptr == buf.data() + cell.size();
    }
    const auto [ptr, ec] = std::from_chars(cell.data(), cell.data() + cell.size(), value);
    return ec == std::errc{} && ptr == cell.data() + cell.size();
}

} // namespace

void requireRegularFile(const std::filesystem::path& path)
{
    std::error_code ec;
    const auto status = std::filesystem::status(path, ec);
    if (!ec && std::filesystem::exists(status) && !std::filesystem::is_regular_file(status))
        fail(path, std::filesystem::is_directory(status) ? "is a folder, not a log file"
                                                         : "is not a regular file");
}

std::string readFileBytes(const std::filesystem::path& path)
{
    requireRegularFile(path);
    std::ifstream in(path, std::ios::binary | std::ios::ate);
    if (!in)
        fail(path, "cannot open the file");
    const auto size = static_cast<std::streamoff>(in.tellg());
    if (size < 0)
        fail(path, "cannot read the file");
    std::string bytes(static_cast<std::size_t>(size), '\0');
    in.seekg(0);
    if (!in.read(bytes.data(), size))
        fail(path, "cannot read the file");
    return bytes;
}

std::string latin1ToUtf8IfNeeded(std::string text)
{
    // ASCII or valid UTF-8 stays as it is; otherwise every byte is ISO-8859-1.
    bool valid = true;
    for (std::size_t i = 0; i < text.size() && valid;) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c < 0x80) {
            ++i;
            continue;
        }
        const std::size_t n = (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
        if (n == 0 || i + n > text.size())
            valid = false;
        for (std::size_t k = 1; valid && k < n; ++k)
            valid = (static_cast<unsigned char>(text[i + k]) >> 6) == 2;
        i += n == 0 ? 1 : n;
    }
    if (valid)
        return text;
    std::string out;
    out.reserve(text.size() + 16);
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

std::string_view trim(std::string_view s)
{
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
        s.remove_suffix(1);
    return s;
}

bool LineCursor::next(std::string_view& line)
{
    if (m_rest.empty())
        return false;
    const auto eol = m_rest.find('\n');
    line = m_rest.substr(0, eol);
    m_rest = eol == std::string_view::npos ? std::string_view{} : m_rest.substr(eol + 1);
    if (!line.empty() && line.back() == '\r')
        line.remove_suffix(1);
    ++m_line;
    return true;
}

std::vector<std::string_view> splitFields(std::string_view line, char delimiter)
{
    std::vector<std::string_view> fields;
    std::size_t start = 0;
    while (true) {
        const auto end = line.find(delimiter, start);
        fields.push_back(trim(line.substr(start, end - start)));
        if (end == std::string_view::npos)
            break;
        start = end + 1;
    }
    return fields;
}

UnitConversion toSi(std::string_view unit)
{
    struct Row
    {
        std::string_view written;
        std::string_view si;
        double factor;
    };
    static constexpr std::array<Row, 32> rows{{
        {"s", "s", 1},          {"ms", "s", 1e-3},
        {"min", "s", 60},       {"h", "s", 3600},
        {"V", "V", 1},          {"mV", "V", 1e-3},
        {"A", "A", 1},          {"mA", "A", 1e-3},
        {"uA", "A", 1e-6},      {"µA", "A", 1e-6},
        {"nA", "A", 1e-9},      {"C", "C", 1},
        {"mC", "C", 1e-3},      {"mA.h", "C", 3.6},
        {"mAh", "C", 3.6},      {"W", "W", 1},
        {"mW", "W", 1e-3},      {"Ohm", "Ohm", 1},
        {"ohm", "Ohm", 1},      {"Ω", "Ohm", 1},
        {"degC", "degC", 1},    {"°C", "degC", 1},
        {"Hz", "Hz", 1},        {"K", "K", 1},
        {"Amps", "A", 1},       {"Volts", "V", 1},
        {"Ohms", "Ohm", 1},     {"Milliseconds", "s", 1e-3},
        {"Seconds", "s", 1},    {"Degrees C", "degC", 1},
        {"V vs. Ref.", "V", 1}, {"mbar", "mbar", 1},
    }};
    for (const auto& row : rows)
        if (row.written == unit)
            return {std::string(row.si), row.factor, true};
    if (unit == "#")
        return {"", 1, true};
    return {std::string(unit), 1, false};
}

NameUnit splitNameUnit(std::string_view header)
{
    header = trim(header);
    // "name (unit)" / "name [unit]"
    if (!header.empty() && (header.back() == ')' || header.back() == ']')) {
        const char open = header.back() == ')' ? '(' : '[';
        const auto at = header.rfind(open);
        if (at != std::string_view::npos && at > 0) {
            const auto unit = header.substr(at + 1, header.size() - at - 2);
            if (toSi(unit).known)
                return {std::string(trim(header.substr(0, at))), std::string(unit)};
        }
    }
    // "name/unit" (EC-Lab): only when what follows the last '/' is a unit.
    const auto slash = header.rfind('/');
    if (slash != std::string_view::npos && slash > 0) {
        const auto unit = header.substr(slash + 1);
        if (toSi(unit).known)
            return {std::string(header.substr(0, slash)), std::string(unit)};
    }
    return {std::string(header), ""};
}

NumberTable parseNumberRows(LineCursor& lines, std::size_t columnCount, char delimiter,
                            bool decimalComma, std::size_t skipFields,
                            bool (*stopAt)(std::string_view))
{
    NumberTable table;
    table.columns.resize(columnCount);
    table.textCells.assign(columnCount, 0);
    std::string_view line;
    while (true) {
        const auto before = lines.rest();
        if (!lines.next(line))
            break;
        if (stopAt && stopAt(line)) {
            lines = LineCursor(before);
            break;
        }
        if (trim(line).empty())
            continue;
        std::size_t field = 0;
        std::size_t column = 0;
        std::size_t start = 0;
        while (column < columnCount) {
            const auto end = line.find(delimiter, start);
            if (field >= skipFields) {
                double value = kNaN;
                if (!parseCell(line.substr(start, end - start), decimalComma, value)) {
                    value = kNaN;
                    ++table.textCells[column];
                }
                table.columns[column].push_back(value);
                ++column;
            }
            ++field;
            if (end == std::string_view::npos)
                break;
            start = end + 1;
        }
        if (column < columnCount) {
            ++table.shortRows;
            for (; column < columnCount; ++column)
                table.columns[column].push_back(kNaN);
        }
        ++table.rows;
    }
    return table;
}

void addColumns(EcLog& log, const std::vector<NameUnit>& headers, NumberTable table,
                std::size_t timeIndex, double timeFactor)
{
    for (std::size_t c = 0; c < headers.size() && c < table.columns.size(); ++c) {
        auto& values = table.columns[c];
        if (c == timeIndex) {
            for (auto& v : values)
                v *= timeFactor;
            log.timeS = std::move(values);
            continue;
        }
        if (table.rows > 0 && table.textCells[c] == table.rows) {
            log.notes.push_back("column \"" + headers[c].name + "\" holds text, not kept");
            continue;
        }
        const auto si = toSi(headers[c].unit);
        if (si.factor != 1)
            for (auto& v : values)
                v *= si.factor;
        log.channels.push_back({headers[c].name, si.siUnit, headers[c].unit, std::move(values)});
    }
}

void fail(const std::filesystem::path& path, const std::string& problem)
{
    throw Error(path.string() + ": " + problem);
}

} // namespace insitu::ec
