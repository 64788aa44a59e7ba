// writeEcLogCsv(): a log converted to SI as one tidy CSV table.

#include "insitu/ec/ec_log.h"

#include "insitu/error.h"

#include <cmath>
#include <cstdio>
#include <fstream>

namespace insitu {

namespace {

/// A CSV header cell: quoted when it holds a comma or a quote.
std::string csvCell(const std::string& text)
{
    if (text.find_first_of(",\"") == std::string::npos)
        return text;
    std::string out = "\"";
    for (const char c : text)
        out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

} // namespace

void writeEcLogCsv(const EcLog& log, std::ostream& out)
{
    out << "time_s";
    for (const auto& c : log.channels)
        out << ',' << csvCell(c.unit.empty() ? c.name : c.name + " (" + c.unit + ")");
    out << '\n';
    char buf[32];
    auto number = [&](double v) {
        if (std::isfinite(v)) {
            std::snprintf(buf, sizeof buf, "%.10g", v);
            out << buf;
        }
    };
    for (std::size_t r = 0; r < log.timeS.size(); ++r) {
        number(log.timeS[r]);
        for (const auto& c : log.channels) {
            out << ',';
            number(c.values[r]);
        }
        out << '\n';
    }
}

void saveEcLogCsv(const EcLog& log, const std::filesystem::path& path)
{
    std::ofstream out(path, std::ios::binary);
    if (!out)
        throw Error(path.string() + ": cannot write the log table");
    writeEcLogCsv(log, out);
    if (!out)
        throw Error(path.string() + ": writing the log table failed");
}

} // namespace insitu
