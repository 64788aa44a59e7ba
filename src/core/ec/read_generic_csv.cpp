// Generic CSV/TSV log: a header row (units as "name/unit", "name (unit)" or "name [unit]").

#include "log_text.h"

#include <algorithm>
#include <cctype>

namespace insitu::ec {

namespace {

char guessDelimiter(std::string_view header)
{
    if (header.find('\t') != std::string_view::npos)
        return '\t';
    const auto semicolons = std::count(header.begin(), header.end(), ';');
    const auto commas = std::count(header.begin(), header.end(), ',');
    return semicolons > commas ? ';' : ',';
}

std::string lower(std::string_view s)
{
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

} // namespace

EcLog readGenericCsv(const std::filesystem::path& path, std::string_view text,
                     const CsvLogOptions& options)
{
    EcLog log;
    log.path = path;
    log.format = EcFormat::Csv;
    LineCursor lines(text);
    std::string_view line;
    while (lines.next(line) && trim(line).empty()) {
    }
    const char delimiter = guessDelimiter(line);
    std::vector<NameUnit> headers;
    std::vector<std::string> written;
    for (const auto field : splitFields(line, delimiter)) {
        headers.push_back(splitNameUnit(field));
        written.emplace_back(field);
    }
    if (headers.size() < 2)
        fail(path, "not a log table: the first line has fewer than two columns");
    std::size_t timeIndex = headers.size();
    for (std::size_t c = 0; c < headers.size() && timeIndex == headers.size(); ++c) {
        if (!options.timeColumn.empty()) {
            if (headers[c].name == options.timeColumn || written[c] == options.timeColumn)
                timeIndex = c;
        } else {
            const auto name = lower(headers[c].name);
            if (name.rfind("time", 0) == 0 || name == "t" || name == "elapsed time")
                timeIndex = c;
        }
    }
    if (timeIndex == headers.size())
        fail(path, options.timeColumn.empty()
                       ? "no time column (a header starting with \"time\"): name it explicitly"
                       : "no column named \"" + options.timeColumn + "\"");
    const auto timeUnit =
        headers[timeIndex].unit.empty() ? options.timeUnit : headers[timeIndex].unit;
    const auto timeSi = toSi(timeUnit);
    if (!timeSi.known || timeSi.siUnit != "s")
        fail(path, "time unit \"" + timeUnit + "\" is not one of s, ms, min, h");
    auto table = parseNumberRows(lines, headers.size(), delimiter, delimiter != ',');
    if (table.rows == 0)
        fail(path, "no data rows below the header");
    if (table.textCells[timeIndex] > 0)
        fail(path, "time column \"" + headers[timeIndex].name + "\" holds text on " +
                       std::to_string(table.textCells[timeIndex]) + " rows");
    addColumns(log, headers, std::move(table), timeIndex, timeSi.factor);
    if (log.channels.empty())
        fail(path, "no numeric channel besides the time column");
    log.notes.push_back("generic table: no start clock in the file");
    return log;
}

} // namespace insitu::ec
