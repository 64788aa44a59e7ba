// `insitu ec LOG [--format F] [-o TABLE.csv] [--json]`: what a potentiostat/holder log holds.

#include "command_registry.h"
#include "output.h"

#include "insitu/ec/ec_log.h"

#include <cmath>
#include <iostream>
#include <memory>

namespace insitu::cli {

namespace {

struct EcCliOptions
{
    std::string file;
    std::string format = "auto";
    std::string output;
    bool json = false;
    CsvLogOptions csv;
};

nlohmann::json finiteOrNull(double v)
{
    return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr);
}

nlohmann::json ecJson(const EcLog& log)
{
    nlohmann::json columns = nlohmann::json::array();
    for (const auto& c : log.channels)
        columns.push_back({{"name", c.name},
                           {"unit", c.unit},
                           {"first", finiteOrNull(c.values.front())},
                           {"last", finiteOrNull(c.values.back())}});
    return {
        {"file", log.path.string()},
        {"format", std::string(ecFormatName(log.format))},
        {"start_time", log.startTime ? nlohmann::json(log.startTime->iso()) : nullptr},
        {"rows", log.timeS.size()},
        {"time_s",
         {{"first", log.timeS.front()},
          {"last", log.timeS.back()},
          {"irregular", log.irregularSteps()}}},
        {"columns", columns},
    };
}

void printHuman(const EcLog& log)
{
    std::cout << log.path.string() << '\n'
              << "  format:     " << ecFormatName(log.format) << '\n'
              << "  start time: " << (log.startTime ? log.startTime->iso() : "unknown")
              << " (local, zone not recorded)\n"
              << "  rows:       " << log.timeS.size() << ", t = " << log.timeS.front() << " … "
              << log.timeS.back() << " s" << (log.irregularSteps() ? ", irregular steps" : "")
              << '\n';
    for (const auto& c : log.channels)
        std::cout << "  column:     " << c.name << (c.unit.empty() ? "" : " (" + c.unit + ")")
                  << '\n';
    for (const auto& e : log.events)
        std::cout << "  event:      " << e.timeS << " s  " << e.label << '\n';
}

int run(const EcCliOptions& o)
{
    const auto log = readEcLog(o.file, ecFormatFromName(o.format), o.csv);
    for (const auto& note : log.notes)
        std::cerr << o.file << ": note: " << note << '\n';
    if (!o.output.empty())
        saveEcLogCsv(log, o.output);
    if (o.json)
        printJson(ecJson(log));
    else
        printHuman(log);
    return 0;
}

const bool registered = registerCommand(
    {"ec", "Read a potentiostat or holder log (BioLogic, Gamry, Protochips, Impulse, CSV)",
     [](CLI::App& app) {
         auto o = std::make_shared<EcCliOptions>();
         app.add_option("LOG", o->file, "Log file")->required();
         app.add_option("--format", o->format, "Log format")
             ->check(CLI::IsMember({"auto", "biologic", "gamry", "protochips", "impulse", "csv"}))
             ->capture_default_str();
         app.add_option("-o,--output", o->output, "Write the log in SI units as CSV");
         app.add_option("--time-column", o->csv.timeColumn,
                        "Generic CSV: the time column's header (default: first \"time…\")");
         app.add_option("--time-unit", o->csv.timeUnit,
                        "Generic CSV: unit of a time column whose header has none")
             ->check(CLI::IsMember({"s", "ms", "min", "h"}))
             ->capture_default_str();
         app.add_flag("--json", o->json, "Print one JSON document");
         return [o] { return run(*o); };
     }});

} // namespace

} // namespace insitu::cli
