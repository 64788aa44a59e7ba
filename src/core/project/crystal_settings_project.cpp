// FFT and grains settings of a movie: equality by saved form, JSON, and the settings of stored
// results (for files older than the settings attributes).

#include "insitu/error.h"
#include "insitu/export/crystal_options_json.h"
#include "insitu/project/crystal_settings_json.h"
#include "insitu/project/project.h"

#include <cmath>

namespace insitu {

bool sameFftRegionSettings(const FftRegionSettings& a, const FftRegionSettings& b)
{
    return fftRegionSettingsJson(a) == fftRegionSettingsJson(b);
}

bool sameGrainOptions(const GrainAnalysisOptions& a, const GrainAnalysisOptions& b)
{
    return grainOptionsJson(a) == grainOptionsJson(b);
}

bool FftAnalysisSettings::operator==(const FftAnalysisSettings& other) const
{
    return spots == other.spots && sameFftRegionSettings(region, other.region);
}

bool GrainAnalysisSettings::operator==(const GrainAnalysisSettings& other) const
{
    return sameGrainOptions(options, other.options);
}

nlohmann::json fftAnalysisSettingsJson(const FftAnalysisSettings& settings)
{
    nlohmann::json json = fftRegionSettingsJson(settings.region);
    nlohmann::json spots = nlohmann::json::array();
    for (const FftSpot& s : settings.spots)
        spots.push_back(
            {{"kx_per_px", s.kxPerPx}, {"ky_per_px", s.kyPerPx}, {"radius_per_px", s.radiusPerPx}});
    json["spots"] = spots;
    return json;
}

FftAnalysisSettings fftAnalysisSettingsFromJson(const nlohmann::json& json)
{
    if (!json.is_object())
        throw Error("fft_settings: expected a JSON object");
    FftAnalysisSettings settings;
    settings.region = fftRegionSettingsFromJson(json);
    if (!json.contains("spots") || json["spots"].is_null())
        return settings;
    if (!json["spots"].is_array())
        throw Error("fft_settings: \"spots\" must be a list");
    for (const nlohmann::json& s : json["spots"]) {
        const auto number = [&](const char* key) {
            if (!s.is_object() || !s.contains(key) || !s[key].is_number())
                throw Error(std::string("fft_settings: a spot needs a number \"") + key + "\"");
            return s[key].get<double>();
        };
        FftSpot spot{number("kx_per_px"), number("ky_per_px"), number("radius_per_px")};
        if (!(spot.radiusPerPx > 0) || !std::isfinite(spot.radiusPerPx) ||
            !std::isfinite(spot.kxPerPx) || !std::isfinite(spot.kyPerPx))
            throw Error("fft_settings: a spot needs finite k and a positive radius");
        settings.spots.push_back(spot);
    }
    return settings;
}

nlohmann::json grainAnalysisSettingsJson(const GrainAnalysisSettings& settings)
{
    return grainOptionsJson(settings.options);
}

GrainAnalysisSettings grainAnalysisSettingsFromJson(const nlohmann::json& json)
{
    if (!json.is_object())
        throw Error("grain_settings: expected a JSON object");
    return {grainOptionsFromJson(json)};
}

FftAnalysisSettings fftSettingsFromResult(const ProjectMovie& movie)
{
    FftAnalysisSettings settings;
    if (movie.fft.regions.empty())
        return settings;
    const auto json = nlohmann::json::parse(movie.fft.regions.front().optionsJson, nullptr, false);
    try {
        if (json.is_object())
            settings.region = fftRegionSettingsFromJson(json);
    } catch (const Error&) {
        // options of a wrong type: the next analysis takes the defaults
    }
    return settings;
}

GrainAnalysisSettings grainSettingsFromResult(const ProjectMovie& movie)
{
    GrainAnalysisSettings settings;
    if (!movie.grains)
        return settings;
    const auto json = nlohmann::json::parse(movie.grains->parametersJson, nullptr, false);
    try {
        if (json.is_object())
            settings.options = grainOptionsFromJson(json);
    } catch (const Error&) {
        // options of a wrong type: the next run takes the defaults
    }
    return settings;
}

} // namespace insitu
