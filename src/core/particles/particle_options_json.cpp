// ParticleOptions to and from JSON.

#include "insitu/particles/particle_options_json.h"

#include "insitu/error.h"

namespace insitu {

nlohmann::json particleOptionsJson(const ParticleOptions& o)
{
    return {{"polarity", particlePolarityName(o.polarity)},
            {"threshold", particleThresholdName(o.threshold)},
            {"min_diameter_nm", o.minDiameterNm},
            {"max_diameter_nm", o.maxDiameterNm},
            {"min_diameter_px", o.minDiameterPx},
            {"max_diameter_px", o.maxDiameterPx},
            {"fringe_sigma_nm", o.fringeSigmaNm},
            {"noise_sigma_px", o.noiseSigmaPx},
            {"max_neck_ratio", o.maxNeckRatio},
            {"blob_false_alarms_per_mpx", o.blobFalseAlarmsPerMpx},
            {"include_edge", o.includeEdge},
            {"bootstrap_samples", o.bootstrapSamples},
            {"bootstrap_seed", o.bootstrapSeed}};
}

ParticleOptions particleOptionsFromJson(const nlohmann::json& j)
{
    ParticleOptions o;
    if (!j.is_object())
        throw Error("particle options: expected a JSON object");
    try {
        o.polarity = particlePolarityFromName(
            j.value("polarity", std::string(particlePolarityName(o.polarity))));
        o.threshold = particleThresholdFromName(
            j.value("threshold", std::string(particleThresholdName(o.threshold))));
        o.minDiameterNm = j.value("min_diameter_nm", o.minDiameterNm);
        o.maxDiameterNm = j.value("max_diameter_nm", o.maxDiameterNm);
        o.minDiameterPx = j.value("min_diameter_px", o.minDiameterPx);
        o.maxDiameterPx = j.value("max_diameter_px", o.maxDiameterPx);
        o.fringeSigmaNm = j.value("fringe_sigma_nm", o.fringeSigmaNm);
        o.noiseSigmaPx = j.value("noise_sigma_px", o.noiseSigmaPx);
        o.maxNeckRatio = j.value("max_neck_ratio", o.maxNeckRatio);
        o.blobFalseAlarmsPerMpx = j.value("blob_false_alarms_per_mpx", o.blobFalseAlarmsPerMpx);
        o.includeEdge = j.value("include_edge", o.includeEdge);
        o.bootstrapSamples = j.value("bootstrap_samples", o.bootstrapSamples);
        o.bootstrapSeed = j.value("bootstrap_seed", o.bootstrapSeed);
    } catch (const nlohmann::json::exception& e) {
        throw Error(std::string("particle options: ") + e.what());
    }
    return o;
}

} // namespace insitu
