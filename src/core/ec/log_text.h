#pragma once
// Internal helpers of the log readers: file text, lines, header units and a one-pass number table.

#include "insitu/ec/ec_log.h"

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace insitu::ec {

/// Throws insitu::Error naming path when it exists but is a folder, FIFO or device (a folder
/// opens as a stream of garbage length on Linux).
void requireRegularFile(const std::filesystem::path& path);
/// The whole file as bytes; throws insitu::Error naming the file when it cannot be read.
[[nodiscard]] std::string readFileBytes(const std::filesystem::path& path);
/// ISO-8859-1 bytes to UTF-8 (bytes ≥ 0x80 become two-byte sequences); UTF-8 input unchanged.
[[nodiscard]] std::string latin1ToUtf8IfNeeded(std::string text);
[[nodiscard]] std::string_view trim(std::string_view s);

/// Cuts text into lines (LF or CRLF) without copying.
class LineCursor
{
public:
    explicit LineCursor(std::string_view text) : m_rest(text) {}
    /// The next line without its end of line, false at the end of the text.
    bool next(std::string_view& line);
    [[nodiscard]] std::string_view rest() const { return m_rest; }
    [[nodiscard]] std::size_t lineNumber() const { return m_line; } ///< 1-based, of the last line

private:
    std::string_view m_rest;
    std::size_t m_line = 0;
};

/// Splits one line at delimiter (fields trimmed).
[[nodiscard]] std::vector<std::string_view> splitFields(std::string_view line, char delimiter);

/// A header cell split into name and unit: "Ewe/V", "Temperature (degC)", "I [mA]".
struct NameUnit
{
    std::string name;
    std::string unit; ///< as written; "" when none was recognised
};
[[nodiscard]] NameUnit splitNameUnit(std::string_view header);

/// SI unit and factor for a unit as written ("mA" → "A", 1e-3); unknown units keep factor 1.
struct UnitConversion
{
    std::string siUnit;
    double factor = 1;
    bool known = false;
};
[[nodiscard]] UnitConversion toSi(std::string_view unit);

/// A numeric table read in one pass: one vector per column, text cells counted per column.
struct NumberTable
{
    std::vector<std::vector<double>> columns;
    std::vector<std::size_t> textCells; ///< cells of each column that were not numbers
    std::size_t rows = 0;
    std::size_t shortRows = 0; ///< rows with fewer fields than columns (padded with NaN)
};

/// Parses rows of delimiter-separated numbers until the end of text or a line for which
/// stopAt(line) is true. decimalComma: "3,25" is 3.25 (then delimiter must not be ',').
/// skipFields: leading fields to ignore on each line (e.g. Gamry's empty first field).
NumberTable parseNumberRows(LineCursor& lines, std::size_t columnCount, char delimiter,
                            bool decimalComma, std::size_t skipFields = 0,
                            bool (*stopAt)(std::string_view) = nullptr);

/// Appends the columns of table (header names with units) to log as SI channels, except the
/// column timeIndex which becomes log.timeS (× timeFactor). Columns that hold only text are
/// dropped with a note.
void addColumns(EcLog& log, const std::vector<NameUnit>& headers, NumberTable table,
                std::size_t timeIndex, double timeFactor);

/// "<path>: <problem>" as an insitu::Error.
[[noreturn]] void fail(const std::filesystem::path& path, const std::string& problem);

EcLog readBioLogic(const std::filesystem::path& path, std::string_view text);
EcLog readGamry(const std::filesystem::path& path, std::string_view text);
EcLog readProtochips(const std::filesystem::path& path, std::string_view text);
EcLog readImpulse(const std::filesystem::path& path, std::string_view text);
EcLog readGenericCsv(const std::filesystem::path& path, std::string_view text,
                     const CsvLogOptions& options);

} // namespace insitu::ec
