// The movie's "particle_settings", "area_settings", "fft_settings" and "grain_settings"
// attributes of format_version 2: the options of the next particles / areas / FFT / grains run
// (JSON), kept with or without a result.

#include "hdf5_handles.h"
#include "layout_v1_parts.h"
#include "layout_v2_analyses.h"

#include "insitu/error.h"
#include "insitu/particles/particle_options_json.h"
#include "insitu/project/crystal_settings_json.h"

namespace insitu::layout::v2 {

namespace {
constexpr const char* kParticleSettings = "particle_settings";
constexpr const char* kAreaSettings = "area_settings";
constexpr const char* kFftSettings = "fft_settings";
constexpr const char* kGrainSettings = "grain_settings";

/// The JSON attribute name of movieGroup parsed by parse; an Error names the attribute.
template <typename Parse> auto readSettings(hid_t movieGroup, const char* name, Parse parse)
{
    const nlohmann::json j = v1::parseJsonAttribute(movieGroup, name);
    try {
        return parse(j);
    } catch (const Error& e) {
        v1::require(false, std::string(name) + ": " + e.what());
        throw; // not reached: require throws
    }
}
} // namespace

void writeAnalysisSettings(hid_t movieGroup, const ProjectMovie& movie)
{
    const ParticleAnalysisSettings& p = movie.particleSettings;
    const nlohmann::json particles = {{"options", particleOptionsJson(p.options)},
                                      {"frames_averaged", p.framesAveraged}};
    h5::writeAttribute(movieGroup, kParticleSettings, particles.dump());
    h5::writeAttribute(movieGroup, kAreaSettings, areaOptionsJson(movie.areaSettings).dump());
    h5::writeAttribute(movieGroup, kFftSettings, fftAnalysisSettingsJson(movie.fftSettings).dump());
    h5::writeAttribute(movieGroup, kGrainSettings,
                       grainAnalysisSettingsJson(movie.grainSettings).dump());
}

void readAnalysisSettings(hid_t movieGroup, ProjectMovie& movie)
{
    // Files from before these attributes (or made by a program that did not write them): the
    // options the stored results were computed with, as for the front settings.
    movie.particleSettings = particleSettingsFromResult(movie);
    movie.areaSettings = areaSettingsFromResult(movie);
    movie.fftSettings = fftSettingsFromResult(movie);
    movie.grainSettings = grainSettingsFromResult(movie);
    if (h5::hasAttribute(movieGroup, kParticleSettings)) {
        const nlohmann::json j = v1::parseJsonAttribute(movieGroup, kParticleSettings);
        v1::require(j.is_object() && j.contains("options") && j.contains("frames_averaged") &&
                        j["frames_averaged"].is_number_integer(),
                    "particle_settings must hold options and an integer frames_averaged");
        movie.particleSettings.options = particleOptionsFromJson(j["options"]);
        movie.particleSettings.framesAveraged = j["frames_averaged"].get<int>();
        v1::require(movie.particleSettings.framesAveraged >= 1,
                    "particle_settings frames_averaged must be at least 1");
    }
    if (h5::hasAttribute(movieGroup, kAreaSettings)) {
        const nlohmann::json j = v1::parseJsonAttribute(movieGroup, kAreaSettings);
        v1::require(j.is_object(), "area_settings must be a JSON object");
        movie.areaSettings = areaOptionsFromJson(j);
    }
    if (h5::hasAttribute(movieGroup, kFftSettings))
        movie.fftSettings = readSettings(movieGroup, kFftSettings, fftAnalysisSettingsFromJson);
    if (h5::hasAttribute(movieGroup, kGrainSettings))
        movie.grainSettings =
            readSettings(movieGroup, kGrainSettings, grainAnalysisSettingsFromJson);
}

} // namespace insitu::layout::v2
