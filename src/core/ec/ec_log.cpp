// readEcLog(): format detection and dispatch, and the EcLog queries.

#include "insitu/ec/ec_log.h"

#include "log_text.h"

#include "insitu/error.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <fstream>

namespace insitu {

namespace {

constexpr std::array<std::pair<EcFormat, std::string_view>, 6> kNames{{
    {EcFormat::Auto, "auto"},
    {EcFormat::BioLogic, "biologic"},
    {EcFormat::Gamry, "gamry"},
    {EcFormat::Protochips, "protochips"},
    {EcFormat::Impulse, "impulse"},
    {EcFormat::Csv, "csv"},
}};

EcFormat detectFromText(std::string_view head)
{
    auto startsWith = [&](std::string_view prefix) {
        return head.substr(0, prefix.size()) == prefix;
    };
    if (startsWith("EC-Lab ASCII FILE"))
        return EcFormat::BioLogic;
    if (startsWith("EXPLAIN"))
        return EcFormat::Gamry;
    if (startsWith("Time, Notes") || startsWith("Time,Notes"))
        return EcFormat::Protochips;
    if (startsWith("TimeStamp,Experiment time"))
        return EcFormat::Impulse;
    return EcFormat::Csv;
}

const EcChannel* findByUnit(const EcLog& log, std::string_view unit,
                            std::initializer_list<std::string_view> names)
{
    for (const auto name : names)
        for (const auto& c : log.channels)
            if (c.unit == unit && c.name == name)
                return &c;
    return nullptr;
}

} // namespace

std::string_view ecFormatName(EcFormat format)
{
    for (const auto& [f, name] : kNames)
        if (f == format)
            return name;
    return "csv";
}

EcFormat ecFormatFromName(std::string_view name)
{
    for (const auto& [f, n] : kNames)
        if (n == name)
            return f;
    throw Error("unknown log format \"" + std::string(name) +
                "\" (auto, biologic, gamry, protochips, impulse, csv)");
}

const EcChannel* EcLog::channel(std::string_view name) const
{
    for (const auto& c : channels)
        if (c.name == name)
            return &c;
    return nullptr;
}

const EcChannel* EcLog::potential() const
{
    return findByUnit(*this, "V",
                      {"Ewe", "<Ewe>", "Vf", "Channel A Voltage", "E", "Potential", "Voltage"});
}

const EcChannel* EcLog::current() const
{
    return findByUnit(*this, "A", {"I", "<I>", "Im", "Channel A Current", "Current"});
}

bool EcLog::irregularSteps() const
{
    if (timeS.size() < 3)
        return false;
    std::vector<double> steps;
    steps.reserve(timeS.size() - 1);
    for (std::size_t i = 1; i < timeS.size(); ++i)
        steps.push_back(timeS[i] - timeS[i - 1]);
    auto sorted = steps;
    std::nth_element(sorted.begin(), sorted.begin() + static_cast<long>(sorted.size() / 2),
                     sorted.end());
    const double median = sorted[sorted.size() / 2];
    const double tolerance = std::max(1e-3 * std::abs(median), 1e-9);
    return std::any_of(steps.begin(), steps.end(),
                       [&](double s) { return !(std::abs(s - median) <= tolerance); });
}

EcFormat detectEcFormat(const std::filesystem::path& path)
{
    ec::requireRegularFile(path);
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw Error(path.string() + ": cannot open the file");
    std::array<char, 64> head{};
    in.read(head.data(), head.size());
    return detectFromText(std::string_view(head.data(), static_cast<std::size_t>(in.gcount())));
}

EcLog readEcLog(const std::filesystem::path& path, EcFormat format, const CsvLogOptions& csv)
{
    auto bytes = ec::readFileBytes(path);
    if (bytes.empty())
        ec::fail(path, "empty file");
    if (bytes.rfind("BIO-LOGIC MODULAR FILE", 0) == 0)
        ec::fail(path, "binary EC-Lab .mpr file: export it as text (.mpt) in EC-Lab");
    if (std::string_view(bytes).substr(0, 4096).find('\0') != std::string_view::npos)
        ec::fail(path, "binary file, not a text log");
    const auto text = ec::latin1ToUtf8IfNeeded(std::move(bytes));
    if (format == EcFormat::Auto)
        format = detectFromText(text);
    EcLog log;
    switch (format) {
    case EcFormat::BioLogic:
        log = ec::readBioLogic(path, text);
        break;
    case EcFormat::Gamry:
        log = ec::readGamry(path, text);
        break;
    case EcFormat::Protochips:
        log = ec::readProtochips(path, text);
        break;
    case EcFormat::Impulse:
        log = ec::readImpulse(path, text);
        break;
    case EcFormat::Auto:
    case EcFormat::Csv:
        log = ec::readGenericCsv(path, text, csv);
        break;
    }
    const auto badTimes = std::count_if(log.timeS.begin(), log.timeS.end(),
                                        [](double t) { return !std::isfinite(t); });
    if (badTimes > 0)
        ec::fail(path, std::to_string(badTimes) + " rows have no time value");
    for (std::size_t i = 1; i < log.timeS.size(); ++i)
        if (log.timeS[i] < log.timeS[i - 1]) {
            log.notes.push_back("time goes back at row " + std::to_string(i + 1) +
                                ": kept as recorded");
            break;
        }
    return log;
}

} // namespace insitu
