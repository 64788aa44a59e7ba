// The grains analysis of a batch run: the template's frame and rectangle with its options on
// each movie (a boundary-map result cannot be repeated: its image belongs to one movie).

#include "batch_analyses.h"
#include "summary_rows.h"

#include "insitu/crystal/grain_export.h"
#include "insitu/error.h"
#include "insitu/export/crystal_options_json.h"
#include "insitu/project/grains_project.h"

#include <cmath>

namespace insitu {

namespace {

cv::Rect analysedRect(const ProjectGrains& model, const cv::Size& frame)
{
    const auto& r = model.roiPx;
    const cv::Rect whole(0, 0, frame.width, frame.height);
    if (r[2] <= 0 || r[3] <= 0)
        return whole;
    const cv::Rect rect(r[0], r[1], r[2], r[3]);
    if ((rect & whole) != rect)
        throw Error("grains: the template's rectangle " + std::to_string(r[0]) + "," +
                    std::to_string(r[1]) + "," + std::to_string(r[2]) + "," + std::to_string(r[3]) +
                    " is not inside this movie's " + std::to_string(frame.width) + "×" +
                    std::to_string(frame.height) + " px frame");
    return rect;
}

SummaryRow statRow(const std::string& object, const std::string& quantity, const ValueInterval& v)
{
    return intervalRow("grains", object, quantity, v.value, v.low, v.high, "bootstrap");
}

SummaryRow fractionRow(const std::string& quantity, const AreaFraction& f)
{
    return intervalRow("grains", "phases", quantity, f.value, f.low, f.high, "block-bootstrap");
}

SummaryRow interceptRow(const std::string& object, const std::optional<InterceptResult>& r,
                        bool calibrated)
{
    if (!r)
        return valueRow("grains", object, calibrated ? "mean_intercept_nm" : "mean_intercept_px",
                        std::nullopt, "no test line crosses a grain");
    const double scale =
        calibrated && r->meanInterceptNm ? *r->meanInterceptNm / r->meanInterceptPx : 1.0;
    SummaryRow row =
        intervalRow("grains", object, calibrated ? "mean_intercept_nm" : "mean_intercept_px",
                    r->meanInterceptPx * scale,
                    (r->meanInterceptPx - 1.959963984540054 * r->standardErrorPx) * scale,
                    (r->meanInterceptPx + 1.959963984540054 * r->standardErrorPx) * scale,
                    "normal (standard error of the intercepts)");
    row.standardError = r->standardErrorPx * scale;
    return row;
}

std::vector<SummaryRow> grainRows(const GrainAnalysis& a)
{
    const bool calibrated = a.ecdNm.has_value();
    const EcdStatistics& ecd = calibrated ? *a.ecdNm : a.ecdPx;
    const std::string unit = calibrated ? "_nm" : "_px";
    std::vector<SummaryRow> rows;
    rows.push_back(
        valueRow("grains", "grains", "count", static_cast<double>(a.segmentation.grains.size())));
    rows.push_back(valueRow("grains", "grains", "ecd_count", static_cast<double>(ecd.count)));
    rows.push_back(statRow("grains", "ecd_median" + unit, ecd.median));
    rows.push_back(statRow("grains", "ecd_mean" + unit, ecd.mean));
    rows.push_back(statRow("grains", "ecd_mode" + unit, ecd.mode));
    rows.push_back(interceptRow("e112 pattern", a.e112Pattern, calibrated));
    rows.push_back(interceptRow("e112 line grid", a.lineGrid, calibrated));
    if (a.e112Pattern && a.e112Pattern->G)
        rows.push_back(valueRow("grains", "e112 pattern", "G", *a.e112Pattern->G));
    rows.push_back(fractionRow("crystalline_fraction", a.phases.crystalline));
    rows.push_back(fractionRow("amorphous_fraction", a.phases.amorphous));
    rows.push_back(fractionRow("pore_fraction", a.phases.pore));
    return rows;
}

class GrainsBatch final : public BatchAnalysis
{
public:
    [[nodiscard]] std::string name() const override { return "grains"; }

    [[nodiscard]] bool inTemplate(const ProjectMovie& templateMovie) const override
    {
        return templateMovie.grains.has_value();
    }

    std::vector<SummaryRow> run(BatchMovieContext& c) const override
    {
        const ProjectGrains& model = *c.templateMovie.grains;
        if (model.source == "boundary-map")
            throw Error("grains: the template's grains came from a boundary-map image, which "
                        "belongs to its own movie; run a watershed grains analysis in the "
                        "template to batch it");
        auto parameters = nlohmann::json::parse(model.parametersJson, nullptr, false);
        if (parameters.is_discarded())
            throw Error("grains: the template's grains parameters are not valid JSON");
        const GrainAnalysisOptions options = grainOptionsFromJson(parameters);
        if (model.frame < 0 || model.frame >= c.movie.frameCount())
            throw Error("grains: frame " + std::to_string(model.frame) +
                        " of the template is outside 0.." +
                        std::to_string(c.movie.frameCount() - 1) + " of this movie");
        const cv::Mat full = c.movie.frame(model.frame).mat();
        if (full.channels() != 1)
            throw Error("grains: expected a single-channel image");
        const cv::Rect rect = analysedRect(model, full.size());
        const std::optional<double> nmPerPixel = c.movie.calibration().nmPerPixel;
        GrainAnalysis analysis = analyseGrains(full(rect), nmPerPixel, options, cv::Mat());
        for (Grain& g : analysis.segmentation.grains) { // centroids in frame px
            g.xPx += rect.x;
            g.yPx += rect.y;
        }
        saveGrainsCsv(c.outputDir / "grains.csv", analysis.segmentation.grains);
        c.log << "grains: frame " << model.frame << ": " << analysis.segmentation.grains.size()
              << " grains\n";
        c.result.grains =
            toProjectGrains(analysis, model.frame, rect, grainOptionsJson(options).dump());
        c.result.grainSettings = {options};
        return grainRows(analysis);
    }
};

} // namespace

const BatchAnalysis& grainsBatchAnalysis()
{
    static const GrainsBatch analysis;
    return analysis;
}

} // namespace insitu
