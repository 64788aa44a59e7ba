// Protochips AXON / Fusion CSV: metadata rows in the Notes column, ms times, irregular steps.

#include "log_text.h"

#include <charconv>
#include <cmath>
#include <limits>

namespace insitu::ec {

namespace {

/// The unit given for a channel by the metadata rows ("Current units = Amps" → "Amps").
std::string unitFor(std::string_view channel,
                    const std::vector<std::pair<std::string, std::string>>& units)
{
    for (const auto& [kind, unit] : units)
        if (channel.find(kind) != std::string_view::npos)
            return unit;
    return {};
}

bool parseNumber(std::string_view cell, double& value)
{
    cell = trim(cell);
    if (cell.empty()) {
        value = std::numeric_limits<double>::quiet_NaN();
        return true;
    }
    const auto [ptr, ec] = std::from_chars(cell.data(), cell.data() + cell.size(), value);
    return ec == std::errc{} && ptr == cell.data() + cell.size();
}

} // namespace

EcLog readProtochips(const std::filesystem::path& path, std::string_view text)
{
    EcLog log;
    log.path = path;
    log.format = EcFormat::Protochips;
    LineCursor lines(text);
    std::string_view line;
    lines.next(line);
    const auto headerFields = splitFields(line, ',');
    if (headerFields.size() < 3 || headerFields[0] != "Time" || headerFields[1] != "Notes")
        fail(path, "not a Protochips log: the header must start with \"Time, Notes\"");
    const std::size_t channelCount = headerFields.size() - 2;
    std::vector<std::vector<double>> values(channelCount);
    std::string date;
    std::string time;
    double timeFactor = 1e-3; // AXON writes ms unless told otherwise
    std::vector<std::pair<std::string, std::string>> units;
    bool inData = false;
    std::vector<std::string_view> fields;
    while (lines.next(line)) {
        if (trim(line).empty())
            continue;
        fields = splitFields(line, ',');
        if (fields.size() < 2)
            fail(path, "line " + std::to_string(lines.lineNumber()) + " has no Notes field");
        const auto note = fields[1];
        const auto eq = note.find(" = ");
        if (!inData && eq != std::string_view::npos) {
            const auto key = trim(note.substr(0, eq));
            const auto value = std::string(trim(note.substr(eq + 3)));
            if (key.rfind("Date", 0) == 0)
                date = value;
            else if (key.rfind("Time (", 0) == 0)
                time = value;
            else if (key == "Time units")
                timeFactor = toSi(value).known ? toSi(value).factor : timeFactor;
            else if (key.size() > 6 && key.substr(key.size() - 6) == " units")
                units.emplace_back(std::string(key.substr(0, key.size() - 6)), value);
            continue;
        }
        inData = true;
        double t = 0;
        if (!parseNumber(fields[0], t) || !std::isfinite(t))
            fail(path, "line " + std::to_string(lines.lineNumber()) + ": time is not a number");
        log.timeS.push_back(t * timeFactor);
        if (!note.empty())
            log.events.push_back({t * timeFactor, std::string(note)});
        for (std::size_t c = 0; c < channelCount; ++c) {
            double v = std::numeric_limits<double>::quiet_NaN();
            if (c + 2 < fields.size() && !parseNumber(fields[c + 2], v))
                fail(path, "line " + std::to_string(lines.lineNumber()) + ": \"" +
                               std::string(fields[c + 2]) + "\" is not a number");
            values[c].push_back(v);
        }
    }
    if (log.timeS.empty())
        fail(path, "Protochips log has no data rows (truncated)");
    for (std::size_t c = 0; c < channelCount; ++c) {
        const std::string name(headerFields[c + 2]);
        const auto written = unitFor(name, units);
        const auto si = toSi(written);
        for (auto& v : values[c])
            v *= si.factor;
        log.channels.push_back({name, si.siUnit, written, std::move(values[c])});
    }
    if (!date.empty() && !time.empty())
        log.startTime = parseLocalDateTime(date + " " + time, DateOrder::YearMonthDay);
    if (!log.startTime)
        log.notes.push_back("no Date/Time rows in the Notes column: start clock unknown");
    return log;
}

} // namespace insitu::ec
