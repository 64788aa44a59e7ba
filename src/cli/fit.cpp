// `insitu fit TABLE.csv --x COL --y COL [--model …] [--json]`: kinetics fit of one table column
// against another, with the same core call and `fit` JSON object as `insitu front`.

#include "command_registry.h"
#include "number_checks.h"
#include "output.h"

#include "insitu/error.h"
#include "insitu/kinetics/fit.h"
#include "insitu/kinetics/fit_json.h"

#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

namespace insitu::cli {

namespace {

/// Command-line values; the defaults are FitOptions{}'s, except the model: automatic choice.
struct FitCliOptions
{
    std::string file;
    std::string xColumn;
    std::string yColumn;
    std::string model = "auto";
    std::string formula;
    std::string start;
    std::vector<double> window;
    std::vector<int> exclude;
    std::string fix;
    std::string interval = intervalMethodName(IntervalOptions{}.method);
    int bootstrap = FitOptions{}.bootstrap.samples;
    int blockLength = FitOptions{}.bootstrap.blockLength;
    std::uint64_t seed = FitOptions{}.bootstrap.seed;
    double t0Span = FitOptions{}.t0SpanFactor;
    bool json = false;
};

/// A CSV table: header names and numeric columns (empty, "nan", "null" → NaN).
struct Table
{
    std::vector<std::string> names;
    std::vector<std::vector<double>> columns;
    std::vector<std::string> badCell; ///< per column: where the first non-number is, or empty
};

std::string trim(const std::string& text)
{
    const auto begin = text.find_first_not_of(" \t\r\"");
    const auto end = text.find_last_not_of(" \t\r\"");
    return begin == std::string::npos ? std::string() : text.substr(begin, end - begin + 1);
}

std::vector<std::string> splitCsv(const std::string& line, char separator)
{
    std::vector<std::string> cells;
    std::stringstream stream(line);
    for (std::string cell; std::getline(stream, cell, separator);)
        cells.push_back(trim(cell));
    if (!line.empty() && line.back() == separator)
        cells.emplace_back();
    return cells;
}

Table readTable(const std::string& path)
{
    std::ifstream in(path);
    if (!in)
        throw Error(path + ": cannot open the table");
    Table table;
    std::string line;
    int lineNumber = 0;
    char separator = ',';
    while (std::getline(in, line)) {
        ++lineNumber;
        if (trim(line).empty() || trim(line)[0] == '#')
            continue;
        if (table.names.empty()) {
            if (line.find(',') == std::string::npos && line.find('\t') != std::string::npos)
                separator = '\t';
            table.names = splitCsv(line, separator);
            table.columns.resize(table.names.size());
            table.badCell.resize(table.names.size());
            continue;
        }
        const auto cells = splitCsv(line, separator);
        if (cells.size() != table.names.size())
            throw Error(path + ": line " + std::to_string(lineNumber) + " has " +
                        std::to_string(cells.size()) + " fields, the header has " +
                        std::to_string(table.names.size()));
        for (std::size_t c = 0; c < cells.size(); ++c) {
            const auto& cell = cells[c];
            double value = std::nan("");
            if (!cell.empty() && cell != "nan" && cell != "NaN" && cell != "null") {
                std::size_t used = 0;
                try {
                    value = std::stod(cell, &used);
                } catch (const std::exception&) {
                    used = 0;
                }
                if (used != cell.size() && table.badCell[c].empty())
                    table.badCell[c] = "line " + std::to_string(lineNumber) + ": \"" + cell + "\"";
            }
            table.columns[c].push_back(value);
        }
    }
    if (table.names.empty())
        throw Error(path + ": empty table (no header row)");
    return table;
}

const std::vector<double>& column(const Table& table, const std::string& name,
                                  const std::string& path)
{
    for (std::size_t c = 0; c < table.names.size(); ++c) {
        if (table.names[c] != name)
            continue;
        if (!table.badCell[c].empty())
            throw Error(path + ": " + table.badCell[c] + " in column \"" + name +
                        "\" is not a number");
        return table.columns[c];
    }
    std::string list;
    for (const auto& n : table.names)
        list += (list.empty() ? "" : ", ") + n;
    throw Error(path + ": no column \"" + name + "\" (columns: " + list + ")");
}

/// Unit from a column name's suffix: "position_nm" → "nm", "time_s" → "s"; "u" when none.
std::string unitOf(const std::string& name, const std::string& fallback)
{
    const auto underscore = name.rfind('_');
    if (underscore == std::string::npos || underscore + 1 >= name.size())
        return fallback;
    return name.substr(underscore + 1);
}

/// "a=1,b=0.1" → {a: 1, b: 0.1}.
std::map<std::string, double> parseAssignments(const std::string& text, const std::string& option)
{
    std::map<std::string, double> values;
    std::stringstream stream(text);
    for (std::string item; std::getline(stream, item, ',');) {
        item = trim(item);
        if (item.empty())
            continue;
        const auto equals = item.find('=');
        std::size_t used = 0;
        double value = 0;
        if (equals != std::string::npos) {
            try {
                value = std::stod(item.substr(equals + 1), &used);
            } catch (const std::exception&) {
                used = 0;
            }
        }
        if (equals == std::string::npos || used == 0 || used != item.size() - equals - 1)
            throw Error(option + ": \"" + item + "\" is not NAME=NUMBER");
        values[trim(item.substr(0, equals))] = value;
    }
    return values;
}

std::string formatValue(double value)
{
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.6g", value);
    return buffer;
}

void printHuman(const FitResult& fit, const std::string& file)
{
    std::cout << file << ": model " << fit.model;
    if (!fit.formula.empty())
        std::cout << " (" << fit.formula << ")";
    std::cout << ", " << fit.pointCount
              << " points, intervals: " << (fit.ciMethod.empty() ? std::string("t") : fit.ciMethod)
              << '\n';
    for (const auto& p : fit.params) {
        std::cout << "  " << p.name << " = " << formatValue(p.value);
        if (p.fixed) {
            std::cout << " (fixed)\n";
            continue;
        }
        std::cout << " ± " << formatValue(p.standardError) << "  95% CI [" << formatValue(p.ci95Low)
                  << ", " << formatValue(p.ci95High) << "]";
        if (p.bootstrapCi95Low && p.bootstrapCi95High)
            std::cout << "  bootstrap [" << formatValue(*p.bootstrapCi95Low) << ", "
                      << formatValue(*p.bootstrapCi95High) << "]";
        if (p.atBound)
            std::cout << "  (at its bound)";
        std::cout << '\n';
    }
    std::cout << "  R² = " << formatValue(fit.r2) << ", AIC = " << formatValue(fit.aic)
              << ", BIC = " << formatValue(fit.bic)
              << ", residual SD = " << formatValue(fit.residualSd) << '\n';
    if (!fit.converged)
        std::cout << "  warning: the optimiser did not converge\n";
    if (!fit.verdict.empty())
        std::cout << "  verdict: " << fit.verdict << '\n';
}

int run(const FitCliOptions& cli)
{
    const Table table = readTable(cli.file);
    const auto& x = column(table, cli.xColumn, cli.file);
    const auto& y = column(table, cli.yColumn, cli.file);
    FitOptions options;
    options.model = cli.model;
    options.formula = cli.formula;
    if (!cli.formula.empty() && cli.model == "auto")
        options.model = "formula";
    options.start = parseAssignments(cli.start, "--start");
    options.fixed = parseAssignments(cli.fix, "--fix");
    options.units = {unitOf(cli.yColumn, "u"), unitOf(cli.xColumn, cli.xColumn)};
    if (!cli.window.empty()) {
        if (cli.window.size() != 2 || !(cli.window[0] < cli.window[1]))
            throw Error("--window: expected T0,T1 with T0 < T1");
        options.windowStart = cli.window[0];
        options.windowEnd = cli.window[1];
    }
    options.excluded = cli.exclude;
    options.interval.method = intervalMethodFromName(cli.interval);
    options.interval.blockLength = cli.blockLength;
    options.interval.seed = cli.seed;
    options.bootstrap = {cli.bootstrap, cli.blockLength, cli.seed};
    options.t0SpanFactor = cli.t0Span;
    const FitResult result = fit(x, y, options);
    if (cli.json) {
        auto json = fitToJson(result);
        json["file"] = cli.file;
        json["x_column"] = cli.xColumn;
        json["y_column"] = cli.yColumn;
        printJson(json);
    } else {
        printHuman(result, cli.file);
    }
    return 0;
}

const bool registered = registerCommand(
    {"fit", "Fit a kinetics model to two columns of a CSV table", [](CLI::App& app) {
         auto o = std::make_shared<FitCliOptions>();
         app.add_option("TABLE", o->file, "CSV table with a header row")->required();
         app.add_option("--x", o->xColumn, "Column of the independent variable (time_s)")
             ->required();
         app.add_option("--y", o->yColumn, "Column of the fitted variable (position_nm)")
             ->required();
         app.add_option("--model", o->model,
                        "auto|linear|parabolic|power|deal-grove|exponential|area-ratio|formula")
             ->capture_default_str();
         app.add_option("--formula", o->formula, "muParser formula in t, e.g. \"a*(1-exp(-b*t))\"");
         app.add_option("--start", o->start, "Starting values, e.g. a=1,b=0.1");
         app.add_option("--window", o->window, "Fit only T0 ≤ x ≤ T1")->delimiter(',')->expected(2);
         app.add_option("--exclude", o->exclude, "Row indices (0-based) to leave out")
             ->delimiter(',');
         app.add_option("--fix", o->fix, "Parameters held fixed, e.g. t0_s=0");
         app.add_option("--ci", o->interval,
                        "Reported interval: moving-block-bootstrap (robust to correlated "
                        "residuals) or t (independent residuals only)")
             ->capture_default_str()
             ->check(CLI::IsMember({"moving-block-bootstrap", "t"}));
         app.add_option("--bootstrap", o->bootstrap,
                        "Extra full-refit percentile bootstrap samples (0 = none)")
             ->check(nonNegativeFinite());
         app.add_option("--block-length", o->blockLength, "Bootstrap block length (0 = automatic)")
             ->check(nonNegativeFinite());
         app.add_option("--seed", o->seed, "Bootstrap seed")->capture_default_str();
         app.add_option("--t0-span", o->t0Span,
                        "Earliest onset t0, in data spans before the first fitted point")
             ->capture_default_str()
             ->check(nonNegativeFinite());
         app.add_flag("--json", o->json, "Print one JSON document");
         return [o] { return run(*o); };
     }});

} // namespace

} // namespace insitu::cli
