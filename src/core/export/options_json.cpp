// Analysis options as JSON: names of the option enums and the drift/front option objects.

#include "insitu/export/options_json.h"

#include "insitu/error.h"

namespace insitu {

namespace {

void requireObject(const nlohmann::json& json, const char* what)
{
    if (!json.is_object())
        throw Error(std::string(what) + " are not a JSON object");
}

} // namespace

const char* driftReferenceName(DriftReference reference)
{
    switch (reference) {
    case DriftReference::First:
        return "first";
    case DriftReference::Previous:
        return "previous";
    case DriftReference::RunningMean:
        return "mean";
    }
    return "mean";
}

DriftReference driftReferenceFromName(const std::string& name)
{
    for (auto r : {DriftReference::First, DriftReference::Previous, DriftReference::RunningMean})
        if (name == driftReferenceName(r))
            return r;
    throw Error("unknown drift reference \"" + name + "\"");
}

const char* frontDirectionName(FrontDirection direction)
{
    switch (direction) {
    case FrontDirection::Auto:
        return "auto";
    case FrontDirection::Forward:
        return "forward";
    case FrontDirection::Backward:
        return "backward";
    }
    return "auto";
}

FrontDirection frontDirectionFromName(const std::string& name)
{
    for (auto d : {FrontDirection::Auto, FrontDirection::Forward, FrontDirection::Backward})
        if (name == frontDirectionName(d))
            return d;
    throw Error("unknown front direction \"" + name + "\"");
}

const char* brighterSideName(BrighterSide side)
{
    switch (side) {
    case BrighterSide::Auto:
        return "auto";
    case BrighterSide::Ahead:
        return "ahead";
    case BrighterSide::Behind:
        return "behind";
    }
    return "auto";
}

BrighterSide brighterSideFromName(const std::string& name)
{
    for (auto b : {BrighterSide::Auto, BrighterSide::Ahead, BrighterSide::Behind})
        if (name == brighterSideName(b))
            return b;
    throw Error("unknown brighter side \"" + name + "\"");
}

nlohmann::json driftOptionsJson(const DriftOptions& o)
{
    nlohmann::json region = nullptr;
    if (o.regionPx)
        region = *o.regionPx;
    return {{"reference", driftReferenceName(o.reference)},
            {"running_mean_frames", o.runningMeanFrames},
            {"region_px", region},
            {"low_pass_sigma_cycles_per_px", o.lowPassSigmaCyclesPerPx},
            {"high_pass_sigma_cycles_per_px", o.highPassSigmaCyclesPerPx},
            {"binning", o.binning},
            {"min_quality", o.minQuality},
            {"min_relative_quality", o.minRelativeQuality},
            {"whitening_exponent", o.whiteningExponent},
            {"mean_second_pass", o.meanSecondPass},
            {"downweight_changes", o.downweightChanges}};
}

DriftOptions driftOptionsFromJson(const nlohmann::json& j)
{
    requireObject(j, "drift options");
    DriftOptions o;
    o.reference =
        driftReferenceFromName(j.value("reference", std::string(driftReferenceName(o.reference))));
    o.runningMeanFrames = j.value("running_mean_frames", o.runningMeanFrames);
    if (j.contains("region_px") && !j["region_px"].is_null())
        o.regionPx = j["region_px"].get<std::array<int, 4>>();
    o.lowPassSigmaCyclesPerPx = j.value("low_pass_sigma_cycles_per_px", o.lowPassSigmaCyclesPerPx);
    o.highPassSigmaCyclesPerPx =
        j.value("high_pass_sigma_cycles_per_px", o.highPassSigmaCyclesPerPx);
    o.binning = j.value("binning", o.binning);
    o.minQuality = j.value("min_quality", o.minQuality);
    o.minRelativeQuality = j.value("min_relative_quality", o.minRelativeQuality);
    o.whiteningExponent = j.value("whitening_exponent", o.whiteningExponent);
    o.meanSecondPass = j.value("mean_second_pass", o.meanSecondPass);
    o.downweightChanges = j.value("downweight_changes", o.downweightChanges);
    return o;
}

nlohmann::json frontOptionsJson(const FrontOptions& o)
{
    return {{"front_count", o.frontCount},
            {"max_step_px_per_frame", o.maxStepPxPerFrame},
            {"monotonic", o.monotonic},
            {"refine_window_frames", o.refineWindowFrames},
            {"direction", frontDirectionName(o.direction)},
            {"brighter_side", brighterSideName(o.brighterSide)},
            {"edge_sigma_px", o.edgeSigmaPx},
            {"time_sigma_frames", o.timeSigmaFrames},
            {"step_change_penalty", o.stepChangePenalty},
            {"presence_threshold", o.presenceThreshold},
            {"min_frames", o.minFrames},
            {"min_travel_px", o.minTravelPx},
            {"prior_sigma_px", o.priorSigmaPx}};
}

FrontOptions frontOptionsFromJson(const nlohmann::json& j)
{
    requireObject(j, "front options");
    FrontOptions o;
    o.frontCount = j.value("front_count", o.frontCount);
    o.maxStepPxPerFrame = j.value("max_step_px_per_frame", o.maxStepPxPerFrame);
    o.monotonic = j.value("monotonic", o.monotonic);
    o.refineWindowFrames = j.value("refine_window_frames", o.refineWindowFrames);
    o.direction =
        frontDirectionFromName(j.value("direction", std::string(frontDirectionName(o.direction))));
    o.brighterSide = brighterSideFromName(
        j.value("brighter_side", std::string(brighterSideName(o.brighterSide))));
    o.edgeSigmaPx = j.value("edge_sigma_px", o.edgeSigmaPx);
    o.timeSigmaFrames = j.value("time_sigma_frames", o.timeSigmaFrames);
    o.stepChangePenalty = j.value("step_change_penalty", o.stepChangePenalty);
    o.presenceThreshold = j.value("presence_threshold", o.presenceThreshold);
    o.minFrames = j.value("min_frames", o.minFrames);
    o.minTravelPx = j.value("min_travel_px", o.minTravelPx);
    o.priorSigmaPx = j.value("prior_sigma_px", o.priorSigmaPx);
    return o;
}

} // namespace insitu
