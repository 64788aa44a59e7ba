#pragma once
// One provenance builder per analysis (drift, fronts, fit): the same JSON keys whoever runs it.

#include "insitu/front/front_result.h"
#include "insitu/kinetics/fit.h"
#include "insitu/project/project.h"
#include "insitu/registration/drift_result.h"
#include "insitu/roi/roi.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace insitu {

/// `{"analysis": "drift", "options": driftOptionsJson(options)}`.
[[nodiscard]] nlohmann::json driftParametersJson(const DriftOptions& options);

/// `{"analysis": "fronts", "options": frontOptionsJson(result.options), "roi": {"id", "shape",
/// "points_px", "width_px"}, "drift_corrected", "fit_model", "pins": [{"front", "frame",
/// "position_px"}]}`; pins are those kept in result's tracks (front = FrontTrack::index).
[[nodiscard]] nlohmann::json frontsParametersJson(const FrontResult& result, const Roi& roi,
                                                  bool driftCorrected,
                                                  const std::string& fitModel);

/// `{"analysis": "fit", "model", "formula", "start", "fixed", "window": [start|null, end|null],
/// "excluded", "t0_span_factor", "bootstrap": {"samples", "block_length", "seed"},
/// "auto_candidates"}`.
[[nodiscard]] nlohmann::json fitParametersJson(const FitOptions& options);

/// Provenance of a drift measurement of movie movieId: driftParametersJson, inputs
/// {"movie:<id>"}, this program's version, now.
[[nodiscard]] Provenance driftProvenance(const DriftOptions& options, int movieId);

/// Provenance of fronts tracked along roi of movie movieId: frontsParametersJson, inputs
/// {"movie:<id>", "roi:<roi.id>"} and "drift:movie:<id>" when drift corrected.
[[nodiscard]] Provenance frontsProvenance(const FrontResult& result, const Roi& roi,
                                          bool driftCorrected, const std::string& fitModel,
                                          int movieId);

/// Provenance of a fit made with options of the data named by inputIds (e.g. "table:<name>").
[[nodiscard]] Provenance fitProvenance(const FitOptions& options,
                                       std::vector<std::string> inputIds);

} // namespace insitu
