// The areas analysis of a batch run: the template's particles (seeds from its polygon/ellipse
// ROIs, with the recipe's per-movie ROI overrides, or the template's own seed outlines) followed
// with its options on each movie. Hand corrections (keyframes that are not seeds) and user events
// mark one movie's frames and are not carried over, like the pins of fronts.

#include "batch_analyses.h"
#include "summary_rows.h"

#include "insitu/area/area_tracker.h"
#include "insitu/error.h"
#include "insitu/export/area_csv.h"
#include "insitu/export/csv_export.h"
#include "insitu/project/area_project_build.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>

namespace insitu {

namespace {

bool usesDrift(const Provenance& provenance)
{
    const auto& ids = provenance.inputIds;
    return std::any_of(ids.begin(), ids.end(),
                       [](const std::string& id) { return id.rfind("drift:", 0) == 0; });
}

/// The outline of a polygon/ellipse ROI, or nothing for other shapes.
std::optional<std::vector<PointPx>> outlineOf(const Roi& roi)
{
    if (roi.shape != RoiShape::Polygon && roi.shape != RoiShape::Ellipse)
        return std::nullopt;
    return roiOutlinePx(roi);
}

/// Each particle's seed: its refined keyframe (else its first), as the template holds it.
std::map<int, AreaKeyframe> templateSeeds(const AreaResult& result)
{
    std::map<int, AreaKeyframe> seeds;
    for (const AreaKeyframe& key : result.keyframes) {
        const auto found = seeds.find(key.particle);
        if (found == seeds.end() || (key.refine && !found->second.refine))
            seeds[key.particle] = key;
    }
    return seeds;
}

/// The seeds on this movie: a seed drawn from a template ROI follows that ROI's override.
std::vector<AreaKeyframe> movieSeeds(const BatchMovieContext& c, const AreaResult& model)
{
    std::vector<AreaKeyframe> seeds;
    for (auto [particle, seed] : templateSeeds(model)) {
        for (const Roi& roi : c.templateMovie.rois) {
            if (outlineOf(roi) != seed.outlinePx)
                continue;
            const auto mine = std::find_if(c.result.rois.begin(), c.result.rois.end(),
                                           [&](const Roi& r) { return r.id == roi.id; });
            if (mine == c.result.rois.end() || !outlineOf(*mine))
                throw Error("areas: the ROI " + std::to_string(roi.id) + " of particle " +
                            std::to_string(particle) + " is not a polygon or ellipse here");
            seed.outlinePx = *outlineOf(*mine);
            break;
        }
        seed.refine = true;
        seeds.push_back(std::move(seed));
    }
    if (seeds.empty())
        throw Error("areas: the template's areas hold no particle seed");
    return seeds;
}

std::string driftName(const Provenance& provenance)
{
    const auto parameters = nlohmann::json::parse(provenance.parametersJson, nullptr, false);
    if (parameters.is_object() && parameters.contains("drift") && parameters["drift"].is_string())
        return parameters["drift"].get<std::string>();
    return usesDrift(provenance) ? "template" : "none";
}

std::vector<SummaryRow> areaRows(const AreaResult& result, bool timed)
{
    std::vector<SummaryRow> rows;
    for (const AreaTrack& t : result.particles) {
        const std::string object = "particle " + std::to_string(t.index);
        rows.push_back(
            valueRow("areas", object, "final_area_ratio",
                     t.areaRatio.empty() ? std::nullopt : std::optional(t.areaRatio.back()),
                     t.areaRatio.empty() ? "not followed" : ""));
        const auto cracks = std::count_if(t.events.begin(), t.events.end(),
                                          [](const AreaEvent& e) { return e.kind == "crack"; });
        rows.push_back(valueRow("areas", object, "crack_events", static_cast<double>(cracks)));
        const std::string rateName = timed ? "initial_rate_per_s" : "initial_rate_per_frame";
        if (const auto rate = initialRate(t)) {
            SummaryRow row = intervalRow("areas", object, rateName, rate->value, rate->ci95Low,
                                         rate->ci95High, fitIntervalMethod(*t.onsetFit));
            row.standardError = rate->standardError;
            row.model = "onset";
            rows.push_back(row);
        } else {
            rows.push_back(valueRow("areas", object, rateName, std::nullopt, "no onset fit"));
        }
        if (t.fit)
            appendRows(rows, fitSummaryRows("areas", object, *t.fit));
    }
    for (const AreaRatioComparison& r : result.ratios) {
        SummaryRow row = intervalRow("areas",
                                     "particle " + std::to_string(r.particleA) + " / " +
                                         std::to_string(r.particleB),
                                     r.quantity + "_ratio", r.ratio.ratio, r.ratio.ci95Low,
                                     r.ratio.ci95High, "delta-method");
        row.verdict = r.ratio.text;
        rows.push_back(row);
    }
    return rows;
}

class AreasBatch final : public BatchAnalysis
{
public:
    [[nodiscard]] std::string name() const override { return "areas"; }

    [[nodiscard]] bool inTemplate(const ProjectMovie& templateMovie) const override
    {
        return templateMovie.areas.has_value();
    }

    std::vector<SummaryRow> run(BatchMovieContext& c) const override
    {
        const ProjectAreas& model = *c.templateMovie.areas;
        const bool withDrift = usesDrift(model.provenance);
        if (withDrift && !c.result.drift)
            throw Error("areas: the template's areas were drift corrected, but it holds no "
                        "drift result");
        const std::optional<DriftResult> drift =
            withDrift ? std::optional(c.result.drift->result) : std::nullopt;
        AreaResult result =
            followOutlines(c.movie, drift ? &*drift : nullptr, movieSeeds(c, model.result),
                           model.result.options, c.progress);
        const Calibration cal = c.movie.calibration();
        std::vector<double> timesS;
        for (int k = 0; k < c.movie.frameCount(); ++k) {
            const auto t = cal.timeOfFrameS(k);
            if (!t) {
                timesS.clear();
                break;
            }
            timesS.push_back(*t);
        }
        analyseAreas(result, timesS);
        saveAreasCsv(c.outputDir / "areas.csv", result, cal);
        c.log << "areas: " << result.particles.size() << " particles"
              << (timesS.empty() ? " (no frame times: rates per frame)" : "") << '\n';
        // The provenance exactly as `insitu area --project` stamps it.
        const Project built = buildAreaProject(c.movie, drift, result, driftName(model.provenance));
        c.result.areas = built.movies.front().areas;
        c.result.areaSettings = areaSettingsFromResult(c.result);
        return areaRows(result, !timesS.empty());
    }
};

} // namespace

const BatchAnalysis& areasBatchAnalysis()
{
    static const AreasBatch analysis;
    return analysis;
}

} // namespace insitu
