// BioLogic EC-Lab text export (.mpt): "Nb header lines", start clocks, decimal commas, tabs.

#include "log_text.h"
#include "number_text.h"

#include <charconv>

namespace insitu::ec {

namespace {

constexpr std::string_view kAcquisition = "Acquisition started on :";
constexpr std::string_view kTechnique = "Technique started on :";

std::size_t headerLineCount(const std::filesystem::path& path, std::string_view line)
{
    constexpr std::string_view key = "Nb header lines :";
    if (line.substr(0, key.size()) != key)
        fail(path, "EC-Lab text export without \"Nb header lines\" on line 2");
    const auto value = trim(line.substr(key.size()));
    std::size_t n = 0;
    const auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
    if (ec != std::errc{} || ptr != value.data() + value.size() || n < 3)
        fail(path, "EC-Lab \"Nb header lines\" is not a line count: " + std::string(value));
    return n;
}

} // namespace

EcLog readBioLogic(const std::filesystem::path& path, std::string_view text)
{
    EcLog log;
    log.path = path;
    log.format = EcFormat::BioLogic;
    LineCursor lines(text);
    std::string_view line;
    lines.next(line); // "EC-Lab ASCII FILE"
    if (!lines.next(line))
        fail(path, "EC-Lab text export ends after its first line (truncated)");
    const auto headerLines = headerLineCount(path, line);
    std::optional<LocalDateTime> technique;
    while (lines.lineNumber() + 1 < headerLines) {
        if (!lines.next(line))
            fail(path, "EC-Lab text export ends inside its header of " +
                           std::to_string(headerLines) + " lines (truncated)");
        if (line.substr(0, kAcquisition.size()) == kAcquisition)
            log.startTime =
                parseLocalDateTime(line.substr(kAcquisition.size()), DateOrder::MonthDayYear);
        else if (line.substr(0, kTechnique.size()) == kTechnique)
            technique = parseLocalDateTime(line.substr(kTechnique.size()), DateOrder::MonthDayYear);
        else if (line.find("Time format : Absolute") != std::string_view::npos)
            fail(path, "EC-Lab export with absolute time stamps: export with \"Time format : "
                       "Elapsed\"");
    }
    if (!lines.next(line))
        fail(path, "EC-Lab text export has no column line (truncated)");
    std::vector<NameUnit> headers;
    for (const auto field : splitFields(line, '\t'))
        if (!field.empty())
            headers.push_back(splitNameUnit(field));
    std::size_t timeIndex = headers.size();
    for (std::size_t c = 0; c < headers.size(); ++c)
        if (headers[c].name == "time" && headers[c].unit == "s")
            timeIndex = c;
    if (timeIndex == headers.size())
        fail(path, "EC-Lab column line has no \"time/s\" column");
    auto table = parseNumberRows(lines, headers.size(), '\t', true);
    if (table.rows == 0)
        fail(path, "EC-Lab text export has no data rows (truncated)");
    if (table.textCells[timeIndex] > 0)
        fail(path, "EC-Lab \"time/s\" column holds text on " +
                       std::to_string(table.textCells[timeIndex]) + " rows");
    addColumns(log, headers, std::move(table), timeIndex, 1.0);
    if (!log.startTime)
        log.notes.push_back("no \"Acquisition started on\" clock in the header");
    else
        log.notes.push_back("time/s counts from the acquisition start " + log.startTime->iso());
    if (technique && log.startTime)
        log.notes.push_back("technique started on " + technique->iso() + " (" +
                            shortNumber(technique->secondsSince(*log.startTime)) +
                            " s after the acquisition start)");
    return log;
}

} // namespace insitu::ec
