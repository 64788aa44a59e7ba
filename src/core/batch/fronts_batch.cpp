// The fronts analysis of a batch run: each of the template's tracked path ROIs, with its
// tracking options and the template's kinetics fit, on each movie (pins are not carried over:
// they mark one movie's frames).

#include "batch_analyses.h"
#include "summary_rows.h"

#include "insitu/error.h"
#include "insitu/export/csv_export.h"
#include "insitu/export/provenance.h"
#include "insitu/front/front_fit.h"
#include "insitu/front/front_tracker.h"
#include "insitu/front/kymograph.h"
#include "insitu/front/search_band.h"
#include "insitu/project/front_project.h"

#include <algorithm>

namespace insitu {

namespace {

bool usedDrift(const ProjectFronts& fronts)
{
    const auto& ids = fronts.provenance.inputIds;
    return std::any_of(ids.begin(), ids.end(),
                       [](const std::string& id) { return id.rfind("drift:", 0) == 0; });
}

FitOptions fitOptions(const FrontFitSettings& settings)
{
    FitOptions options;
    options.model = settings.model;
    options.formula = settings.formula;
    options.windowStart = settings.windowStartS;
    options.windowEnd = settings.windowEndS;
    return options;
}

std::vector<SummaryRow> fitRows(const FrontResult& result)
{
    std::vector<SummaryRow> rows;
    for (const FrontTrack& track : result.fronts) {
        const std::string object =
            "roi " + std::to_string(result.roiId) + " " + frontName(track.index);
        if (track.fit)
            appendRows(rows, fitSummaryRows("fronts", object, *track.fit));
        else
            rows.push_back(valueRow("fronts", object, "fit", std::nullopt, "no fit"));
    }
    return rows;
}

class FrontsBatch final : public BatchAnalysis
{
public:
    [[nodiscard]] std::string name() const override { return "fronts"; }

    [[nodiscard]] bool inTemplate(const ProjectMovie& templateMovie) const override
    {
        return !templateMovie.fronts.empty();
    }

    std::vector<SummaryRow> run(BatchMovieContext& c) const override
    {
        const FrontFitSettings& fitSettings = c.templateMovie.frontSettings.fit;
        std::vector<SummaryRow> rows;
        for (const ProjectFronts& model : c.templateMovie.fronts) {
            const int roiId = model.result.roiId;
            const auto roi = std::find_if(c.result.rois.begin(), c.result.rois.end(),
                                          [&](const Roi& r) { return r.id == roiId; });
            if (roi == c.result.rois.end())
                throw Error("fronts: the template's ROI " + std::to_string(roiId) + " is missing");
            const bool withDrift = usedDrift(model);
            if (withDrift && !c.result.drift)
                throw Error("fronts: ROI " + std::to_string(roiId) +
                            " was drift corrected in the template, which holds no drift result");
            const DriftResult* drift = withDrift ? &c.result.drift->result : nullptr;
            const Kymograph kymograph = buildKymograph(c.movie, *roi, drift, c.progress);
            FrontResult result = trackFrontsAlongWire(c.movie, *roi, drift, kymograph,
                                                      model.result.options, {}, c.progress);
            result.roiId = roiId;
            for (const auto& warning :
                 fitFronts(result, kymograph.timesS, kymograph.nmPerPixel, fitOptions(fitSettings)))
                c.log << "fronts: roi " << roiId << ": " << warning << " (no fit)\n";
            c.log << "fronts: roi " << roiId << ": " << result.fronts.size() << " fronts\n";

            const std::string prefix = "roi" + std::to_string(roiId) + "_";
            saveFrontsCsv(c.outputDir / (prefix + "fronts.csv"), result, c.movie.calibration());
            saveFitParametersCsv(c.outputDir / (prefix + "fit_parameters.csv"),
                                 frontFits(result, c.result.id));
            const auto more = fitRows(result);
            rows.insert(rows.end(), more.begin(), more.end());

            ProjectFronts stored;
            stored.result = std::move(result);
            stored.kymograph = kymographImage(kymograph);
            stored.kymographStepPx = kymograph.stepPx;
            stored.provenance =
                frontsProvenance(stored.result, *roi, withDrift, fitSettings.model, c.result.id);
            c.result.fronts.push_back(std::move(stored));
        }
        c.result.frontSettings = c.templateMovie.frontSettings;
        return rows;
    }
};

} // namespace

const BatchAnalysis& frontsBatchAnalysis()
{
    static const FrontsBatch analysis;
    return analysis;
}

} // namespace insitu
