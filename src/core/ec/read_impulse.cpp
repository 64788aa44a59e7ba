// DENSsolutions Impulse "Synchronized data" CSV and the Metadata log written beside it.

#include "log_text.h"

#include "insitu/error.h"

#include <cmath>
#include <fstream>

namespace insitu::ec {

namespace {

/// "X_Synchronized data.csv" → "X_Metadata.log" in the same folder.
std::filesystem::path metadataLogFor(const std::filesystem::path& csv)
{
    const std::string stem = csv.stem().string();
    constexpr std::string_view suffix = "_Synchronized data";
    if (stem.size() <= suffix.size() || stem.substr(stem.size() - suffix.size()) != suffix)
        return {};
    return csv.parent_path() / (stem.substr(0, stem.size() - suffix.size()) + "_Metadata.log");
}

/// "13:46:46: Live note one" → (seconds after midnight, "Live note one").
std::optional<std::pair<double, std::string>> liveNote(std::string_view line)
{
    const auto colon = line.find(": ");
    if (colon == std::string_view::npos)
        return std::nullopt;
    const auto clock = parseTimeOfDayS(line.substr(0, colon));
    if (!clock)
        return std::nullopt;
    return std::make_pair(*clock, std::string(trim(line.substr(colon + 2))));
}

void readMetadataLog(EcLog& log, const std::filesystem::path& metaPath)
{
    const auto bytes = latin1ToUtf8IfNeeded(readFileBytes(metaPath));
    LineCursor lines(bytes);
    std::string_view line;
    std::string date;
    std::string time;
    std::vector<std::pair<double, std::string>> notes;
    bool inNotes = false;
    while (lines.next(line)) {
        const auto comma = line.find(", ");
        const auto key = comma == std::string_view::npos ? line : line.substr(0, comma);
        const auto value = comma == std::string_view::npos ? "" : trim(line.substr(comma + 2));
        if (key == "Experiment date")
            date = value;
        else if (key == "Experiment time")
            time = value;
        if (key == "Live notes") {
            inNotes = true;
            if (const auto n = liveNote(value))
                notes.push_back(*n);
        } else if (inNotes) {
            if (const auto n = liveNote(line))
                notes.push_back(*n);
        }
    }
    if (date.empty() || time.empty()) {
        log.notes.push_back(metaPath.filename().string() +
                            " has no Experiment date/time: start clock unknown");
        return;
    }
    log.startTime = parseLocalDateTime(date + " " + time, DateOrder::DayMonthYear);
    if (!log.startTime)
        throw Error(metaPath.string() + ": Experiment date/time is not a date and time: " + date +
                    " " + time);
    log.notes.push_back("Experiment date read as day-month-year");
    const double startOfDayS =
        log.startTime->hour * 3600.0 + log.startTime->minute * 60.0 + log.startTime->second;
    for (const auto& [clockS, label] : notes)
        log.events.push_back({std::fmod(clockS - startOfDayS + 86400.0, 86400.0), label});
}

} // namespace

EcLog readImpulse(const std::filesystem::path& path, std::string_view text)
{
    EcLog log;
    log.path = path;
    log.format = EcFormat::Impulse;
    LineCursor lines(text);
    std::string_view line;
    lines.next(line);
    std::vector<NameUnit> headers;
    for (const auto field : splitFields(line, ','))
        headers.push_back(splitNameUnit(field));
    if (headers.size() < 2 || headers[0].name != "TimeStamp" ||
        headers[1].name != "Experiment time")
        fail(path, "not an Impulse log: the header must start with \"TimeStamp,Experiment time\"");
    auto table = parseNumberRows(lines, headers.size(), ',', false);
    if (table.rows == 0)
        fail(path, "Impulse log has no data rows (truncated)");
    if (table.textCells[1] > 0)
        fail(path, "Impulse \"Experiment time\" holds text on " +
                       std::to_string(table.textCells[1]) + " rows");
    table.textCells[0] = 0;
    table.columns[0].clear(); // the wall clock of each row: the start clock is in the metadata
    addColumns(log, headers, std::move(table), 1, 1.0);
    std::erase_if(log.channels, [](const EcChannel& c) { return c.name == "TimeStamp"; });
    const auto metaPath = metadataLogFor(path);
    if (!metaPath.empty() && std::filesystem::exists(metaPath))
        readMetadataLog(log, metaPath);
    else
        log.notes.push_back("no _Metadata.log beside the file: start date unknown");
    return log;
}

} // namespace insitu::ec
