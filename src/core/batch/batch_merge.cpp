// summary.csv and failures.csv of a batch: every movie's rows, in movie order, from its folder.

#include "insitu/batch/batch_runner.h"

#include "insitu/error.h"
#include "insitu/export/csv_export.h"

#include <fstream>
#include <sstream>

namespace insitu {

namespace {

std::string cell(const std::optional<double>& value)
{
    return value ? formatCsvNumber(*value) : std::string();
}

nlohmann::json readJson(const std::filesystem::path& path)
{
    std::ifstream in(path);
    if (!in)
        return nlohmann::json();
    auto document = nlohmann::json::parse(in, nullptr, false);
    return document.is_discarded() ? nlohmann::json() : document;
}

/// The data lines of a movie's summary.csv (its header skipped).
std::vector<std::string> summaryLines(const std::filesystem::path& path)
{
    std::ifstream in(path);
    std::vector<std::string> lines;
    std::string line;
    if (!std::getline(in, line) || line != summaryCsvHeader())
        throw Error(path.string() + ": not a batch summary (header differs)");
    while (std::getline(in, line))
        if (!line.empty())
            lines.push_back(line);
    return lines;
}

} // namespace

std::string summaryCsvHeader()
{
    return "movie,path,fingerprint,analysis,object,quantity,value,standard_error,ci95_low,"
           "ci95_high,ci_method,model,verdict";
}

std::string summaryCsvLine(const std::string& name, const std::filesystem::path& movie,
                           const std::string& fingerprint, const SummaryRow& row)
{
    std::ostringstream out;
    out << csvQuote(name) << ',' << csvQuote(movie.string()) << ',' << csvQuote(fingerprint) << ','
        << csvQuote(row.analysis) << ',' << csvQuote(row.object) << ',' << csvQuote(row.quantity)
        << ',' << cell(row.value) << ',' << cell(row.standardError) << ',' << cell(row.ci95Low)
        << ',' << cell(row.ci95High) << ',' << csvQuote(row.ciMethod) << ',' << csvQuote(row.model)
        << ',' << csvQuote(row.verdict);
    return out.str();
}

std::vector<BatchFailure> mergeBatch(const std::filesystem::path& outputDir)
{
    const auto indexPath = outputDir / "batch.json";
    const auto index = readJson(indexPath);
    if (!index.is_object() || !index.contains("movies") || !index["movies"].is_array())
        throw Error(indexPath.string() + ": missing or damaged (is this a batch output folder?)");
    const std::string recipeHash = index.value("recipe_hash", "");
    std::vector<std::string> lines;
    std::vector<BatchFailure> failures;
    for (const auto& entry : index["movies"]) {
        const std::string path = entry.value("path", "");
        const auto dir = outputDir / "movies" / entry.value("name", "");
        const auto status = readJson(dir / "status.json");
        BatchFailure failure{path, status.value("fingerprint", ""), ""};
        if (!status.is_object())
            failure.error = "not run (no " + (dir / "status.json").string() + ")";
        else if (status.value("status", "") != "ok")
            failure.error = status.value("error", "failed");
        else if (status.value("recipe_hash", "") != recipeHash)
            failure.error = "made with another recipe: run again";
        if (failure.error.empty()) {
            try {
                const auto more = summaryLines(dir / "summary.csv");
                lines.insert(lines.end(), more.begin(), more.end());
                continue;
            } catch (const Error& e) {
                failure.error = e.what();
            }
        }
        failures.push_back(failure);
    }
    writeTextFile(outputDir / "summary.csv", [&](std::ostream& out) {
        out << summaryCsvHeader() << '\n';
        for (const auto& line : lines)
            out << line << '\n';
    });
    writeTextFile(outputDir / "failures.csv", [&](std::ostream& out) {
        out << "movie,fingerprint,error\n";
        for (const auto& f : failures)
            out << csvQuote(f.movie) << ',' << csvQuote(f.fingerprint) << ',' << csvQuote(f.error)
                << '\n';
    });
    return failures;
}

} // namespace insitu
