// Provenance builders: the parameters of each analysis as one JSON document, and its inputs.

#include "insitu/export/provenance.h"
#include "insitu/json_text.h"

#include "insitu/export/options_json.h"

namespace insitu {

namespace {

std::string movieInput(int movieId)
{
    return "movie:" + std::to_string(movieId);
}

nlohmann::json optionalNumber(const std::optional<double>& value)
{
    return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

} // namespace

nlohmann::json driftParametersJson(const DriftOptions& options)
{
    return {{"analysis", "drift"}, {"options", driftOptionsJson(options)}};
}

nlohmann::json frontsParametersJson(const FrontResult& result, const Roi& roi, bool driftCorrected,
                                    const std::string& fitModel)
{
    nlohmann::json points = nlohmann::json::array();
    for (const auto& p : roi.points)
        points.push_back({p.x, p.y});
    nlohmann::json pins = nlohmann::json::array();
    for (const auto& track : result.fronts)
        for (const auto& pin : track.pins)
            pins.push_back(
                {{"front", track.index}, {"frame", pin.frame}, {"position_px", pin.positionPx}});
    return {{"analysis", "fronts"},
            {"options", frontOptionsJson(result.options)},
            {"roi",
             {{"id", roi.id},
              {"shape", roiShapeName(roi.shape)},
              {"points_px", points},
              {"width_px", roi.widthPx}}},
            {"drift_corrected", driftCorrected},
            {"fit_model", fitModel},
            {"pins", pins}};
}

nlohmann::json fitParametersJson(const FitOptions& options)
{
    return {{"analysis", "fit"},
            {"model", options.customModel ? options.customModel->name() : options.model},
            {"formula", options.formula},
            {"start", options.start},
            {"fixed", options.fixed},
            {"window", {optionalNumber(options.windowStart), optionalNumber(options.windowEnd)}},
            {"excluded", options.excluded},
            {"t0_span_factor", options.t0SpanFactor},
            {"bootstrap",
             {{"samples", options.bootstrap.samples},
              {"block_length", options.bootstrap.blockLength},
              {"seed", options.bootstrap.seed}}},
            {"auto_candidates", options.autoCandidates}};
}

Provenance driftProvenance(const DriftOptions& options, int movieId)
{
    return makeProvenance(dumpJson(driftParametersJson(options)), {movieInput(movieId)});
}

Provenance frontsProvenance(const FrontResult& result, const Roi& roi, bool driftCorrected,
                            const std::string& fitModel, int movieId)
{
    std::vector<std::string> inputs = {movieInput(movieId), "roi:" + std::to_string(roi.id)};
    if (driftCorrected)
        inputs.push_back("drift:" + movieInput(movieId));
    return makeProvenance(dumpJson(frontsParametersJson(result, roi, driftCorrected, fitModel)),
                          std::move(inputs));
}

Provenance fitProvenance(const FitOptions& options, std::vector<std::string> inputIds)
{
    return makeProvenance(dumpJson(fitParametersJson(options)), std::move(inputIds));
}

} // namespace insitu
