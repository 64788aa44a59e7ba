#pragma once
// Tidy CSV exports: one row per frame per object, units in column names, '.' decimals, UTF-8.

#include "insitu/calibration.h"
#include "insitu/front/front_result.h"
#include "insitu/kinetics/fit_result.h"
#include "insitu/project/project.h"
#include "insitu/registration/drift_result.h"

#include <filesystem>
#include <ostream>
#include <string>
#include <vector>

namespace insitu {

/// Shortest text that reads back to the same double, with '.' as decimal separator whatever the
/// global C or C++ locale (std::to_chars); NaN and ±inf give "" (an empty CSV cell = unknown).
[[nodiscard]] std::string formatCsvNumber(double value);
/// A CSV cell: quoted (RFC 4180) when text holds a comma, quote or line break.
[[nodiscard]] std::string csvQuote(const std::string& text);

/// Columns `frame,time_s,front,position_px,position_nm,confidence` (architecture.md, plus
/// confidence), rows sorted by frame, then front. time_s / position_nm are empty when the
/// calibration does not know them.
void writeFrontsCsv(std::ostream& out, const FrontResult& fronts, const Calibration& calibration);

/// Columns `frame,time_s,dx_px,dy_px,dx_nm,dy_nm,quality,interpolated` (interpolated is 0/1).
void writeDriftCsv(std::ostream& out, const DriftResult& drift, const Calibration& calibration);

/// A fit and a label saying what was fitted (e.g. "movie 1 roi 4 front 0", or a fit's name).
struct LabelledFit
{
    std::string source;
    FitResult fit;
};

/// One row per parameter: `source,model,parameter,value,standard_error,ci95_low,ci95_high,
/// bootstrap_ci95_low,bootstrap_ci95_high,bootstrap_standard_error,fixed,at_bound`.
/// Units are part of the parameter names (e.g. v_nm_per_s).
void writeFitParametersCsv(std::ostream& out, const std::vector<LabelledFit>& fits);

/// One row per fit: `source,model,x_unit,y_unit,point_count,degrees_of_freedom,r2,aic,bic,rss,
/// residual_sd,delta_aic,converged,verdict`.
void writeFitSummaryCsv(std::ostream& out, const std::vector<LabelledFit>& fits);

/// One column per table column, header `<name>_<unit>` ("nm/s" → "nm_per_s"; no suffix for
/// dimensionless columns or when the name already ends with it); shorter columns are padded
/// with empty cells.
void writeTableCsv(std::ostream& out, const ResultTable& table);

/// Columns `time_s,label`.
void writeMarkersCsv(std::ostream& out, const std::vector<EventMarker>& markers);

/// Every fit in project (front fits first, then project fits), labelled.
[[nodiscard]] std::vector<LabelledFit> collectFits(const Project& project);

/// Writes all CSV files of project into folder (created if missing) and returns their paths:
/// movie<ID>_drift.csv, movie<ID>_roi<ROI>_fronts.csv, movie<ID>_markers.csv, fit_parameters.csv,
/// fit_summary.csv, table_<name>.csv. Throws insitu::Error naming a file that cannot be written.
std::vector<std::filesystem::path> exportProjectCsv(const Project& project,
                                                    const std::filesystem::path& folder);

} // namespace insitu
