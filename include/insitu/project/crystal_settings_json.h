#pragma once
// The "fft_settings" and "grain_settings" attributes of a project movie as JSON, and back.

#include "insitu/project/crystal_settings_project.h"

#include <nlohmann/json.hpp>

namespace insitu {

/// fftRegionSettingsJson(settings.region) with "spots": [{"kx_per_px", "ky_per_px",
/// "radius_per_px"}, …].
[[nodiscard]] nlohmann::json fftAnalysisSettingsJson(const FftAnalysisSettings& settings);
/// The inverse; missing keys keep the defaults. Throws insitu::Error on a value of the wrong
/// type or a spot whose radius is not positive.
[[nodiscard]] FftAnalysisSettings fftAnalysisSettingsFromJson(const nlohmann::json& json);
/// grainOptionsJson(settings.options).
[[nodiscard]] nlohmann::json grainAnalysisSettingsJson(const GrainAnalysisSettings& settings);
/// The inverse; missing keys keep the defaults.
[[nodiscard]] GrainAnalysisSettings grainAnalysisSettingsFromJson(const nlohmann::json& json);

} // namespace insitu
