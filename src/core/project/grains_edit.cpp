// Merge, delete, split and boundary strokes on a stored grains result, with its measurements
// recomputed.

#include "insitu/project/grains_edit.h"

#include "insitu/crystal/grain_analysis.h"
#include "insitu/crystal/grain_cut.h"
#include "insitu/error.h"
#include "insitu/export/crystal_options_json.h"
#include "insitu/project/project.h"

#include <algorithm>

namespace insitu {

namespace {

bool hasGrain(const ProjectGrains& g, int id)
{
    return std::any_of(g.grains.begin(), g.grains.end(),
                       [id](const Grain& grain) { return grain.id == id; });
}

/// A split or boundary stroke (frame px) cut into labels of the rectangle roiPx.
void cutStroke(cv::Mat& labels, const std::array<int, 4>& roiPx, const GrainEdit& edit)
{
    const bool split = edit.kind == GrainEdit::Kind::Split;
    if (split ? edit.strokePx.size() != 2 : edit.strokePx.size() < 2)
        throw Error(split ? "grains: a split needs a line of two points"
                          : "grains: a boundary needs at least two points");
    std::vector<cv::Point2d> stroke;
    for (const cv::Point2d& p : edit.strokePx)
        stroke.emplace_back(p.x - roiPx[0], p.y - roiPx[1]);
    if (cutGrains(labels, stroke, split ? edit.id : 0).newIds.empty())
        throw Error(split ? "grains: the line does not cut grain " + std::to_string(edit.id) +
                                " in two"
                          : std::string("grains: the boundary does not cut any grain in two"));
}

/// measure(boundary, ...) or nullopt when no test line is complete.
template <typename Measure>
std::optional<InterceptResult> interceptsOf(Measure measure, const cv::Mat& boundary,
                                            std::optional<double> nmPerPixel,
                                            const InterceptOptions& options)
{
    try {
        return measure(boundary, nmPerPixel, options);
    } catch (const Error&) {
        return std::nullopt;
    }
}

} // namespace

GrainAnalysis analysisWithLabels(GrainAnalysis analysis, const cv::Mat& labels, cv::Point offsetPx,
                                 std::optional<double> nmPerPixel,
                                 const GrainAnalysisOptions& options)
{
    CV_Assert(labels.type() == CV_32S);
    GrainSegmentation& seg = analysis.segmentation;
    seg.labels = labels.clone();
    seg.nmPerPixel = nmPerPixel;
    seg.grains = measureGrains(seg.labels, nmPerPixel);
    // as analyseGrains: statistics of the interior grains, intercepts unset when none is complete
    analysis.ecdPx = ecdStatistics(interiorEcds(seg.grains, false), options.statistics);
    analysis.ecdNm.reset();
    if (nmPerPixel)
        analysis.ecdNm = ecdStatistics(interiorEcds(seg.grains, true), options.statistics);
    if (!analysis.fromBoundaryImage) {
        analysis.boundary = labelBoundaries(seg.labels);
        analysis.e112Pattern =
            interceptsOf(e112PatternIntercepts, analysis.boundary, nmPerPixel, options.intercepts);
        analysis.lineGrid =
            interceptsOf(lineGridIntercepts, analysis.boundary, nmPerPixel, options.intercepts);
    }
    analysis.planimetric = planimetricCount(seg.grains, seg.labels.size(), nmPerPixel);
    for (Grain& g : seg.grains) { // centroids in frame px
        g.xPx += offsetPx.x;
        g.yPx += offsetPx.y;
    }
    return analysis;
}

ProjectGrains editedGrains(const ProjectGrains& stored, const GrainEdit& edit)
{
    if (edit.kind != GrainEdit::Kind::Boundary && !hasGrain(stored, edit.id))
        throw Error("grains: there is no grain " + std::to_string(edit.id));
    if (edit.kind == GrainEdit::Kind::Merge &&
        (edit.otherId == edit.id || !hasGrain(stored, edit.otherId)))
        throw Error("grains: cannot merge grain " + std::to_string(edit.otherId) + " into " +
                    std::to_string(edit.id));
    ProjectGrains out = stored;
    cv::Mat labels(out.labelRows, out.labelCols, CV_32S, out.labels.data());
    if (edit.kind == GrainEdit::Kind::Merge || edit.kind == GrainEdit::Kind::Delete) {
        const std::int32_t from = edit.kind == GrainEdit::Kind::Merge ? edit.otherId : edit.id;
        const std::int32_t to = edit.kind == GrainEdit::Kind::Merge ? edit.id : 0;
        std::replace(out.labels.begin(), out.labels.end(), from, to);
    } else {
        cutStroke(labels, out.roiPx, edit);
    }
    const auto parameters = nlohmann::json::parse(out.parametersJson, nullptr, false);
    const GrainAnalysisOptions options =
        parameters.is_object() ? grainOptionsFromJson(parameters) : GrainAnalysisOptions{};
    GrainAnalysis measured;
    measured.fromBoundaryImage = out.source != "watershed"; // keeps the intercepts of its image
    measured = analysisWithLabels(std::move(measured), labels, {out.roiPx[0], out.roiPx[1]},
                                  out.nmPerPixel, options);
    out.grains = std::move(measured.segmentation.grains);
    out.ecdMedianPx = measured.ecdPx.median.value;
    out.ecdMeanPx = measured.ecdPx.mean.value;
    out.ecdModePx = measured.ecdPx.mode.value;
    if (!measured.fromBoundaryImage) {
        const auto mean = [](const std::optional<InterceptResult>& r) {
            return r ? std::optional(r->meanInterceptPx) : std::nullopt;
        };
        out.meanInterceptPx = mean(measured.e112Pattern);
        out.lineGridMeanInterceptPx = mean(measured.lineGrid);
    }
    const Provenance stamp = makeProvenance(out.parametersJson, {});
    out.createdUtc = stamp.createdUtc;
    out.softwareVersion = stamp.programVersion;
    return out;
}

} // namespace insitu
