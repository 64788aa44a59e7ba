#include "insitu/export/csv_export.h"

#include "insitu/error.h"
#include "insitu/export/kymograph_tiff.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <fstream>
#include <tuple>

namespace insitu {

namespace {

/// Integers without the locale's digit grouping.
std::string formatInt(long long value)
{
    std::array<char, 24> buffer{};
    const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
    return std::string(buffer.data(), result.ptr);
}

std::string formatOptional(const std::optional<double>& value)
{
    return value ? formatCsvNumber(*value) : std::string();
}

/// Writes one CSV line; cells are joined as they are (callers quote text cells).
void writeRow(std::ostream& out, const std::vector<std::string>& cells)
{
    for (std::size_t i = 0; i < cells.size(); ++i) {
        if (i > 0)
            out.put(',');
        out.write(cells[i].data(), static_cast<std::streamsize>(cells[i].size()));
    }
    out.put('\n');
}

std::string unitToken(const std::string& unit)
{
    std::string token;
    for (std::size_t i = 0; i < unit.size(); ++i) {
        const char c = unit[i];
        if (c == '/')
            token += "_per_";
        else if (c == ' ' || c == '*' || c == '.')
            token += '_';
        else if (c == '^')
            continue;
        else if (unit.compare(i, 2, "\xC2\xB5") == 0 || unit.compare(i, 2, "\xCE\xBC") == 0) {
            token += 'u';  // µ (micro sign or Greek mu) → u, as in "um"
            ++i;
        } else
            token += c;
    }
    return token;
}

std::string columnHeader(const TableColumn& column)
{
    if (column.unit.empty())
        return csvQuote(column.name);
    std::string suffix(1, '_');  // built by append: GCC 12 warns (-Wrestrict) on "_" + string
    suffix += unitToken(column.unit);
    if (column.name.size() >= suffix.size() &&
        column.name.compare(column.name.size() - suffix.size(), suffix.size(), suffix) == 0)
        return csvQuote(column.name);
    return csvQuote(column.name + suffix);
}

std::string safeFileName(const std::string& name)
{
    std::string safe;
    for (const char c : name) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                        c == '-' || c == '_';
        safe += ok ? c : '_';
    }
    return safe.empty() ? "unnamed" : safe;
}

std::string prefixOf(const ProjectMovie& movie)
{
    return "movie" + formatInt(movie.id);
}

void createFolder(const std::filesystem::path& folder)
{
    std::error_code ec;
    std::filesystem::create_directories(folder, ec);
    if (!std::filesystem::is_directory(folder))
        throw Error(folder.string() + ": cannot create output folder");
}

} // namespace

void writeTextFile(const std::filesystem::path& path,
                   const std::function<void(std::ostream&)>& write)
{
    auto partial = path;
    partial += ".part";
    {
        std::ofstream out(partial, std::ios::binary | std::ios::trunc);
        if (!out)
            throw Error(path.string() + ": cannot create the file (is the folder writable?)");
        write(out);
        out.flush();
        if (!out) {
            std::error_code ignored;
            std::filesystem::remove(partial, ignored);
            throw Error(path.string() + ": cannot write the file (disk full?)");
        }
    }
    std::error_code error;
    std::filesystem::rename(partial, path, error);
    if (error) {
        std::filesystem::remove(partial, error);
        throw Error(path.string() + ": cannot replace the file");
    }
}

std::string frontName(int frontIndex)
{
    return "front " + formatInt(frontIndex);
}

void writeFrontsCsv(std::ostream& out, const FrontResult& fronts, const Calibration& calibration)
{
    writeRow(out, {"frame", "time_s", "front", "position_px", "position_nm", "confidence"});
    struct Row
    {
        int frame;
        int front;
        double positionPx;
        double confidence;
    };
    std::vector<Row> rows;
    for (const auto& track : fronts.fronts)
        for (std::size_t i = 0; i < track.frames.size() && i < track.positionsPx.size(); ++i)
            rows.push_back({track.frames[i], track.index, track.positionsPx[i],
                            i < track.confidence.size() ? track.confidence[i] : std::nan("")});
    std::stable_sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
        return std::tie(a.frame, a.front) < std::tie(b.frame, b.front);
    });
    for (const auto& row : rows) {
        const auto nm = calibration.nmPerPixel;
        writeRow(out, {formatInt(row.frame), formatOptional(calibration.timeOfFrameS(row.frame)),
                       formatInt(row.front), formatCsvNumber(row.positionPx),
                       nm ? formatCsvNumber(row.positionPx * *nm) : std::string(),
                       formatCsvNumber(row.confidence)});
    }
}

void saveFrontsCsv(const std::filesystem::path& path, const FrontResult& fronts,
                   const Calibration& calibration)
{
    writeTextFile(path, [&](std::ostream& out) { writeFrontsCsv(out, fronts, calibration); });
}

void writeDriftCsv(std::ostream& out, const DriftResult& drift, const Calibration& calibration)
{
    writeRow(out, {"frame", "time_s", "dx_px", "dy_px", "dx_nm", "dy_nm", "quality", "interpolated"});
    const auto nm = calibration.nmPerPixel;
    for (std::size_t k = 0; k < drift.dxPx.size(); ++k) {
        const int frame = static_cast<int>(k);
        const double dx = drift.dxPx[k];
        const double dy = k < drift.dyPx.size() ? drift.dyPx[k] : std::nan("");
        writeRow(out, {formatInt(frame), formatOptional(calibration.timeOfFrameS(frame)),
                       formatCsvNumber(dx), formatCsvNumber(dy),
                       nm ? formatCsvNumber(dx * *nm) : std::string(),
                       nm ? formatCsvNumber(dy * *nm) : std::string(),
                       k < drift.quality.size() ? formatCsvNumber(drift.quality[k]) : std::string(),
                       k < drift.interpolated.size() ? (drift.interpolated[k] ? "1" : "0")
                                                     : std::string()});
    }
}

void saveDriftCsv(const std::filesystem::path& path, const DriftResult& drift,
                  const Calibration& calibration)
{
    writeTextFile(path, [&](std::ostream& out) { writeDriftCsv(out, drift, calibration); });
}

std::vector<LabelledFit> frontFits(const FrontResult& fronts, int movieId)
{
    std::vector<LabelledFit> fits;
    for (const auto& track : fronts.fronts)
        if (track.fit)
            fits.push_back({"movie " + formatInt(movieId) + " roi " + formatInt(fronts.roiId) +
                                " " + frontName(track.index),
                            *track.fit, track.index});
    return fits;
}

std::string fitIntervalMethod(const FitResult& fit)
{
    const bool anyFree = std::any_of(fit.params.begin(), fit.params.end(),
                                     [](const FitParameter& p) { return !p.fixed; });
    return anyFree ? "t" : "none";
}

void writeFitParametersCsv(std::ostream& out, const std::vector<LabelledFit>& fits)
{
    writeRow(out, {"source", "front", "model", "parameter", "value", "standard_error", "ci95_low",
                   "ci95_high", "ci_method", "bootstrap_ci95_low", "bootstrap_ci95_high",
                   "bootstrap_standard_error", "fixed", "at_bound"});
    for (const auto& [source, fit, front] : fits) {
        const std::string method = fitIntervalMethod(fit);
        for (const auto& p : fit.params)
            writeRow(out, {csvQuote(source), front ? formatInt(*front) : std::string(),
                           csvQuote(fit.model), csvQuote(p.name), formatCsvNumber(p.value),
                           formatCsvNumber(p.standardError), formatCsvNumber(p.ci95Low),
                           formatCsvNumber(p.ci95High), csvQuote(method),
                           formatOptional(p.bootstrapCi95Low), formatOptional(p.bootstrapCi95High),
                           formatOptional(p.bootstrapStandardError), p.fixed ? "1" : "0",
                           p.atBound ? "1" : "0"});
    }
}

void saveFitParametersCsv(const std::filesystem::path& path, const std::vector<LabelledFit>& fits)
{
    writeTextFile(path, [&](std::ostream& out) { writeFitParametersCsv(out, fits); });
}

void writeFitSummaryCsv(std::ostream& out, const std::vector<LabelledFit>& fits)
{
    writeRow(out, {"source", "model", "x_unit", "y_unit", "point_count", "degrees_of_freedom", "r2",
                   "aic", "bic", "rss", "residual_sd", "delta_aic", "converged", "verdict"});
    for (const auto& [source, fit, front] : fits)
        writeRow(out, {csvQuote(source), csvQuote(fit.model), csvQuote(fit.xUnit),
                       csvQuote(fit.yUnit), formatInt(fit.pointCount),
                       formatInt(fit.degreesOfFreedom), formatCsvNumber(fit.r2),
                       formatCsvNumber(fit.aic), formatCsvNumber(fit.bic), formatCsvNumber(fit.rss),
                       formatCsvNumber(fit.residualSd), formatOptional(fit.deltaAic),
                       fit.converged ? "1" : "0", csvQuote(fit.verdict)});
}

void writeTableCsv(std::ostream& out, const ResultTable& table)
{
    std::vector<std::string> header;
    std::size_t rows = 0;
    for (const auto& column : table.columns) {
        header.push_back(columnHeader(column));
        rows = std::max(rows, column.values.size());
    }
    writeRow(out, header);
    for (std::size_t r = 0; r < rows; ++r) {
        std::vector<std::string> cells;
        for (const auto& column : table.columns)
            cells.push_back(r < column.values.size() ? formatCsvNumber(column.values[r])
                                                     : std::string());
        writeRow(out, cells);
    }
}

void writeMarkersCsv(std::ostream& out, const std::vector<EventMarker>& markers)
{
    writeRow(out, {"time_s", "label"});
    for (const auto& marker : markers)
        writeRow(out, {formatCsvNumber(marker.timeS), csvQuote(marker.label)});
}

std::vector<LabelledFit> collectFits(const Project& project)
{
    std::vector<LabelledFit> fits;
    for (const auto& movie : project.movies)
        for (const auto& fronts : movie.fronts) {
            auto labelled = frontFits(fronts.result, movie.id);
            fits.insert(fits.end(), labelled.begin(), labelled.end());
        }
    for (const auto& fit : project.fits)
        fits.push_back({fit.name, fit.result});
    return fits;
}

std::vector<std::filesystem::path> exportProjectCsv(const Project& project,
                                                    const std::filesystem::path& folder)
{
    createFolder(folder);
    std::vector<std::filesystem::path> written;
    auto save = [&](const std::filesystem::path& path,
                    const std::function<void(std::ostream&)>& write) {
        writeTextFile(path, write);
        written.push_back(path);
    };
    for (const auto& movie : project.movies) {
        const Calibration calibration = movie.effectiveCalibration();
        const std::string prefix = prefixOf(movie);
        if (movie.drift)
            save(folder / (prefix + "_drift.csv"), [&](std::ostream& out) {
                writeDriftCsv(out, movie.drift->result, calibration);
            });
        for (const auto& fronts : movie.fronts)
            save(folder / (prefix + "_roi" + formatInt(fronts.result.roiId) + "_fronts.csv"),
                 [&](std::ostream& out) { writeFrontsCsv(out, fronts.result, calibration); });
        if (!movie.markers.empty())
            save(folder / (prefix + "_markers.csv"),
                 [&](std::ostream& out) { writeMarkersCsv(out, movie.markers); });
    }
    const auto fits = collectFits(project);
    if (!fits.empty()) {
        save(folder / "fit_parameters.csv",
             [&](std::ostream& out) { writeFitParametersCsv(out, fits); });
        save(folder / "fit_summary.csv", [&](std::ostream& out) { writeFitSummaryCsv(out, fits); });
    }
    for (std::size_t i = 0; i < project.tables.size(); ++i) {
        const auto& table = project.tables[i];
        auto path = folder / ("table_" + safeFileName(table.name) + ".csv");
        if (std::find(written.begin(), written.end(), path) != written.end())
            path = folder / ("table_" + safeFileName(table.name) + "_" +
                             formatInt(static_cast<long long>(i)) + ".csv");
        save(path, [&](std::ostream& out) { writeTableCsv(out, table); });
    }
    return written;
}

std::vector<std::filesystem::path> exportProjectKymographs(const Project& project,
                                                           const std::filesystem::path& folder)
{
    createFolder(folder);
    std::vector<std::filesystem::path> written;
    for (const auto& movie : project.movies) {
        const Calibration calibration = movie.effectiveCalibration();
        for (const auto& fronts : movie.fronts) {
            if (!fronts.kymograph)
                continue;
            const auto path = folder / (prefixOf(movie) + "_roi" +
                                        formatInt(fronts.result.roiId) + "_kymograph.tif");
            writeKymographTiff(storedKymograph(fronts, calibration), path);
            written.push_back(path);
        }
    }
    return written;
}

} // namespace insitu
