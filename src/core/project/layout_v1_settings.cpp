// Layout v1: the front analysis settings (tracking, band width, fit) as a JSON text attribute.

#include "layout_v1_parts.h"

#include "insitu/error.h"

namespace insitu::layout::v1 {

nlohmann::json frontSettingsJson(const FrontAnalysisSettings& s)
{
    auto optional = [](const std::optional<double>& v) { return v ? nlohmann::json(*v) : nullptr; };
    return {{"tracking", frontOptionsJson(s.tracking)},
            {"band_width_px", s.bandWidthPx},
            {"band_width_typed", s.bandWidthTyped},
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
    // Files from before the flag: a width other than the default can only have been typed.
    s.bandWidthTyped =
        j.value("band_width_typed", s.bandWidthPx != FrontAnalysisSettings{}.bandWidthPx);
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
