// Layout v1: drift and front options as JSON text attributes (docs/project-file.md).

#include "layout_v1_parts.h"

#include "insitu/error.h"

namespace insitu::layout::v1 {

namespace {

const char* referenceName(DriftReference reference)
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

DriftReference referenceFromName(const std::string& name)
{
    if (name == "first")
        return DriftReference::First;
    if (name == "previous")
        return DriftReference::Previous;
    if (name == "mean")
        return DriftReference::RunningMean;
    throw Error("unknown drift reference \"" + name + "\"");
}

} // namespace

nlohmann::json driftOptionsJson(const DriftOptions& o)
{
    nlohmann::json region = nullptr;
    if (o.regionPx)
        region = *o.regionPx;
    return {{"reference", referenceName(o.reference)},
            {"running_mean_frames", o.runningMeanFrames},
            {"region_px", region},
            {"low_pass_sigma_cycles_per_px", o.lowPassSigmaCyclesPerPx},
            {"high_pass_sigma_cycles_per_px", o.highPassSigmaCyclesPerPx},
            {"binning", o.binning},
            {"min_quality", o.minQuality},
            {"min_relative_quality", o.minRelativeQuality},
            {"whitening_exponent", o.whiteningExponent},
            {"mean_second_pass", o.meanSecondPass}};
}

DriftOptions driftOptionsFromJson(const nlohmann::json& j)
{
    require(j.is_object(), "drift options are not a JSON object");
    DriftOptions o;
    o.reference = referenceFromName(j.value("reference", std::string(referenceName(o.reference))));
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
    return o;
}

namespace {

const char* directionName(FrontDirection direction)
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

FrontDirection directionFromName(const std::string& name)
{
    for (auto d : {FrontDirection::Auto, FrontDirection::Forward, FrontDirection::Backward})
        if (name == directionName(d))
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

} // namespace

nlohmann::json frontOptionsJson(const FrontOptions& o)
{
    return {{"front_count", o.frontCount},
            {"max_step_px_per_frame", o.maxStepPxPerFrame},
            {"monotonic", o.monotonic},
            {"refine_window_frames", o.refineWindowFrames},
            {"direction", directionName(o.direction)},
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
    require(j.is_object(), "front options are not a JSON object");
    FrontOptions o;
    o.frontCount = j.value("front_count", o.frontCount);
    o.maxStepPxPerFrame = j.value("max_step_px_per_frame", o.maxStepPxPerFrame);
    o.monotonic = j.value("monotonic", o.monotonic);
    o.refineWindowFrames = j.value("refine_window_frames", o.refineWindowFrames);
    o.direction = directionFromName(j.value("direction", std::string(directionName(o.direction))));
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

nlohmann::json frontSettingsJson(const FrontAnalysisSettings& s)
{
    auto optional = [](const std::optional<double>& v) { return v ? nlohmann::json(*v) : nullptr; };
    return {{"tracking", frontOptionsJson(s.tracking)},
            {"band_width_px", s.bandWidthPx},
            {"fit",
             {{"model", s.fit.model},
              {"formula", s.fit.formula},
              {"window_start", optional(s.fit.windowStartS)},
              {"window_end", optional(s.fit.windowEndS)}}}};
}

FrontAnalysisSettings frontSettingsFromJson(const nlohmann::json& j)
{
    require(j.is_object(), "front settings are not a JSON object");
    FrontAnalysisSettings s;
    if (j.contains("tracking"))
        s.tracking = frontOptionsFromJson(j["tracking"]);
    s.bandWidthPx = j.value("band_width_px", s.bandWidthPx);
    require(s.bandWidthPx > 0, "front settings: band_width_px is not positive");
    if (j.contains("fit")) {
        const nlohmann::json& fit = j["fit"];
        require(fit.is_object(), "front settings: fit is not a JSON object");
        s.fit.model = fit.value("model", s.fit.model);
        s.fit.formula = fit.value("formula", s.fit.formula);
        if (fit.contains("window_start") && !fit["window_start"].is_null())
            s.fit.windowStartS = fit["window_start"].get<double>();
        if (fit.contains("window_end") && !fit["window_end"].is_null())
            s.fit.windowEndS = fit["window_end"].get<double>();
    }
    return s;
}

} // namespace insitu::layout::v1
