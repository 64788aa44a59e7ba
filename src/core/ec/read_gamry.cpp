// Gamry Framework .DTA: TAG/LABEL header, DATE/TIME labels, CURVE tables with a units row.

#include "log_text.h"

#include <charconv>

namespace insitu::ec {

namespace {

bool notTableRow(std::string_view line)
{
    return line.empty() || line.front() != '\t';
}

struct Curve
{
    std::string key;
    std::size_t declaredRows = 0;
    std::vector<NameUnit> headers;
    NumberTable table;
};

} // namespace

EcLog readGamry(const std::filesystem::path& path, std::string_view text)
{
    EcLog log;
    log.path = path;
    log.format = EcFormat::Gamry;
    LineCursor lines(text);
    std::string_view line;
    std::string date;
    std::string time;
    std::vector<Curve> curves;
    while (lines.next(line)) {
        const auto fields = splitFields(line, '\t');
        if (fields.size() >= 3 && fields[1] == "LABEL" && fields[0] == "DATE")
            date = fields[2];
        else if (fields.size() >= 3 && fields[1] == "LABEL" && fields[0] == "TIME")
            time = fields[2];
        if (fields.size() < 3 || fields[1] != "TABLE")
            continue;
        Curve curve;
        curve.key = fields[0];
        std::from_chars(fields[2].data(), fields[2].data() + fields[2].size(), curve.declaredRows);
        std::string_view names;
        std::string_view units;
        if (!lines.next(names) || !lines.next(units) || notTableRow(names) || notTableRow(units))
            fail(path, "Gamry table " + curve.key + " lacks its column or units row (truncated)");
        const auto nameFields = splitFields(names.substr(1), '\t');
        const auto unitFields = splitFields(units.substr(1), '\t');
        for (std::size_t c = 0; c < nameFields.size(); ++c)
            curve.headers.push_back({std::string(nameFields[c]), c < unitFields.size()
                                                                     ? std::string(unitFields[c])
                                                                     : std::string()});
        curve.table = parseNumberRows(lines, curve.headers.size(), '\t', false, 1, notTableRow);
        curves.push_back(std::move(curve));
    }
    if (text.substr(0, 7) != "EXPLAIN")
        fail(path, "not a Gamry .DTA file (no EXPLAIN on line 1)");
    std::vector<Curve*> data;
    for (auto& curve : curves) {
        if (curve.key.rfind("CURVE", 0) == 0)
            data.push_back(&curve);
        else
            log.notes.push_back("table " + curve.key + " (" + std::to_string(curve.table.rows) +
                                " rows) not kept: only CURVE tables are the log");
    }
    if (data.empty())
        fail(path, "Gamry file has no CURVE table: it ends in its header (truncated)");
    const auto& first = *data.front();
    std::size_t timeIndex = first.headers.size();
    for (std::size_t c = 0; c < first.headers.size(); ++c)
        if (first.headers[c].name == "T")
            timeIndex = c;
    if (timeIndex == first.headers.size())
        fail(path, "Gamry table " + first.key + " has no time column T");
    // Curves with the first one's columns are joined in file order.
    NumberTable joined = first.table;
    for (std::size_t k = 1; k < data.size(); ++k) {
        const auto& curve = *data[k];
        if (curve.headers.size() != first.headers.size()) {
            log.notes.push_back("table " + curve.key + " has other columns, not kept");
            continue;
        }
        for (std::size_t c = 0; c < joined.columns.size(); ++c) {
            joined.columns[c].insert(joined.columns[c].end(), curve.table.columns[c].begin(),
                                     curve.table.columns[c].end());
            joined.textCells[c] += curve.table.textCells[c];
        }
        joined.rows += curve.table.rows;
    }
    for (const auto* curve : data)
        if (curve->declaredRows != curve->table.rows)
            log.notes.push_back("table " + curve->key + " declares " +
                                std::to_string(curve->declaredRows) + " rows and holds " +
                                std::to_string(curve->table.rows));
    if (joined.rows == 0)
        fail(path, "Gamry CURVE table has no rows (truncated)");
    if (joined.textCells[timeIndex] > 0)
        fail(path, "Gamry time column T holds text");
    addColumns(log, first.headers, std::move(joined), timeIndex, 1.0);
    if (!date.empty() && !time.empty()) {
        log.startTime = parseLocalDateTime(date + " " + time, DateOrder::MonthDayYear);
        if (!log.startTime)
            fail(path, "Gamry DATE/TIME labels are not a date and time: " + date + " " + time);
        log.notes.push_back("DATE label read as month/day/year");
    } else {
        log.notes.push_back("no DATE/TIME labels in the header");
    }
    return log;
}

} // namespace insitu::ec
