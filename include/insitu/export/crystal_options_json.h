#pragma once
// The options of an FFT region, a crystallinity map and a grains analysis as the JSON documents
// a project stores with their results (ProjectFftRegion::optionsJson, ProjectCrystallinityMap::
// optionsJson, ProjectGrains::parametersJson), and back. The one path between options and their
// JSON: `insitu fft|grains --project` and the panels write these documents, `insitu batch` and
// the panels read them.

#include "insitu/crystal/crystallinity_map.h"
#include "insitu/crystal/fft_analysis.h"
#include "insitu/crystal/fft_region_run.h"
#include "insitu/crystal/grain_analysis.h"

#include <nlohmann/json.hpp>

namespace insitu {

/// {"window", "tukey_alpha", "pad_factor", "max_padded_px", "peaks", "min_significance",
///  "max_relative_fwhm", "tolerance", "d_list": [{"phase", "hkl", "d_nm"}, …]}.
[[nodiscard]] nlohmann::json fftOptionsJson(const FftOptions& options);
/// The inverse; keys that are missing keep FftOptions{}'s defaults. Throws insitu::Error on a
/// value of the wrong type or an unknown window.
[[nodiscard]] FftOptions fftOptionsFromJson(const nlohmann::json& json);

/// fftOptionsJson(settings.options) with {"analysis": "fft", "calibrate_d_nm" | null}: the
/// options JSON stored with an FFT region.
[[nodiscard]] nlohmann::json fftRegionSettingsJson(const FftRegionSettings& settings);
/// The inverse (also of the documents older `insitu fft` wrote, whose "d_list" names a file).
[[nodiscard]] FftRegionSettings fftRegionSettingsFromJson(const nlohmann::json& json);

/// {"window_nm" | null, "step_nm" | null, "window_px", "step_px", "d_range_nm": [{"phase",
///  "min_nm", "max_nm"}, …], "max_detected_rings", "threshold" | null}.
[[nodiscard]] nlohmann::json crystallinityOptionsJson(const CrystallinityOptions& options);
/// The inverse; missing keys keep CrystallinityOptions{}'s defaults.
[[nodiscard]] CrystallinityOptions crystallinityOptionsFromJson(const nlohmann::json& json);

/// {"min_grain_nm", "merge_threshold", "crystalline_threshold" | null, "pore_threshold" | null,
///  "grid_spacing_px"}: what `insitu grains` lets the user set.
[[nodiscard]] nlohmann::json grainOptionsJson(const GrainAnalysisOptions& options);
/// The inverse; missing keys keep GrainAnalysisOptions{}'s defaults.
[[nodiscard]] GrainAnalysisOptions grainOptionsFromJson(const nlohmann::json& json);

} // namespace insitu
