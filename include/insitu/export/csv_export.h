#pragma once
// Tidy CSV exports: one row per frame per object, units in column names, '.' decimals, UTF-8.
// The one writer of each file: the GUI, `insitu <analysis> -o` and `insitu export` call these.

#include "insitu/calibration.h"
#include "insitu/front/front_result.h"
#include "insitu/kinetics/fit_result.h"
#include "insitu/project/project.h"
#include "insitu/registration/drift_result.h"

#include <filesystem>
#include <functional>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace insitu {

/// Shortest text that reads back to the same double, with '.' as decimal separator whatever the
/// global C or C++ locale (std::to_chars); NaN and ±inf give "" (an empty CSV cell = unknown).
[[nodiscard]] std::string formatCsvNumber(double value);
/// A CSV cell: quoted (RFC 4180) when text holds a comma, quote or line break.
[[nodiscard]] std::string csvQuote(const std::string& text);

/// Writes what write produces to path atomically (into `<path>.part`, renamed when complete).
/// Throws insitu::Error naming the file when it cannot be created or written.
void writeTextFile(const std::filesystem::path& path,
                   const std::function<void(std::ostream&)>& write);

/// How a front is named on screen, in legends and in fit labels: "front <FrontTrack::index>"
/// (the same number as the `front` column and `insitu front --pin`).
[[nodiscard]] std::string frontName(int frontIndex);

/// Columns `frame,time_s,front,position_px,position_nm,confidence` (architecture.md, plus
/// confidence), rows sorted by frame, then front (FrontTrack::index). time_s / position_nm are
/// empty when the calibration does not know them.
void writeFrontsCsv(std::ostream& out, const FrontResult& fronts, const Calibration& calibration);
/// writeFrontsCsv into a file (writeTextFile).
void saveFrontsCsv(const std::filesystem::path& path, const FrontResult& fronts,
                   const Calibration& calibration);

/// Columns `frame,time_s,dx_px,dy_px,dx_nm,dy_nm,quality,interpolated` (interpolated is 0/1),
/// one row per frame in frame order.
void writeDriftCsv(std::ostream& out, const DriftResult& drift, const Calibration& calibration);
/// writeDriftCsv into a file (writeTextFile).
void saveDriftCsv(const std::filesystem::path& path, const DriftResult& drift,
                  const Calibration& calibration);

/// A fit and a label saying what was fitted (e.g. "movie 1 roi 4 front 0", or a fit's name).
struct LabelledFit
{
    std::string source;
    FitResult fit;
    std::optional<int> front = std::nullopt;  ///< FrontTrack::index for the fit of a front
};

/// The fits of fronts' tracks (tracks without a fit are skipped), labelled
/// "movie <movieId> roi <roiId> front <index>".
[[nodiscard]] std::vector<LabelledFit> frontFits(const FrontResult& fronts, int movieId);

/// The fit table, one row per fit × parameter: `source,front,model,parameter,value,
/// standard_error,ci95_low,ci95_high,ci_method,bootstrap_ci95_low,bootstrap_ci95_high,
/// bootstrap_standard_error,fixed,at_bound` (front empty for fits not of a front; ci_method says
/// what ci95_low/ci95_high are, see fitIntervalMethod). Units are part of the parameter names
/// (e.g. v_nm_per_s).
void writeFitParametersCsv(std::ostream& out, const std::vector<LabelledFit>& fits);
/// writeFitParametersCsv into a file (writeTextFile).
void saveFitParametersCsv(const std::filesystem::path& path, const std::vector<LabelledFit>& fits);

/// What the reported interval ci95Low/ci95High of fit's parameters is: "t" (Student t on the
/// Jacobian standard error) or "none" for a fit with no free parameter.
[[nodiscard]] std::string fitIntervalMethod(const FitResult& fit);

/// One row per fit: `source,model,x_unit,y_unit,point_count,degrees_of_freedom,r2,aic,bic,rss,
/// residual_sd,delta_aic,converged,verdict`.
void writeFitSummaryCsv(std::ostream& out, const std::vector<LabelledFit>& fits);

/// One column per table column, header `<name>_<unit>` ("nm/s" → "nm_per_s"; no suffix for
/// dimensionless columns or when the name already ends with it); shorter columns are padded
/// with empty cells.
void writeTableCsv(std::ostream& out, const ResultTable& table);

/// Columns `time_s,label`.
void writeMarkersCsv(std::ostream& out, const std::vector<EventMarker>& markers);

/// Every fit in project (front fits first, by movie, ROI and front; then project fits), labelled.
[[nodiscard]] std::vector<LabelledFit> collectFits(const Project& project);

/// Writes all CSV files of project into folder (created if missing) and returns their paths:
/// movie<ID>_drift.csv, movie<ID>_roi<ROI>_fronts.csv, movie<ID>_markers.csv, fit_parameters.csv,
/// fit_summary.csv, table_<name>.csv (each by the writer above). Throws insitu::Error naming a
/// file that cannot be written.
std::vector<std::filesystem::path> exportProjectCsv(const Project& project,
                                                    const std::filesystem::path& folder);

/// Writes movie<ID>_roi<ROI>_kymograph.tif (writeKymographTiff of storedKymograph) for every
/// stored kymograph of project into folder (created if missing); returns the paths.
std::vector<std::filesystem::path> exportProjectKymographs(const Project& project,
                                                           const std::filesystem::path& folder);

} // namespace insitu
