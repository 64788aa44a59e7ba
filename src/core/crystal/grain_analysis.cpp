// The grains analysis pipeline: phases → grains → statistics → E112.

#include "insitu/crystal/grain_analysis.h"

#include "insitu/error.h"

namespace insitu {

std::vector<double> interiorEcds(const std::vector<Grain>& grains, bool nm)
{
    std::vector<double> out;
    for (const Grain& g : grains)
        if (!g.border)
            out.push_back(nm && g.ecdNm ? *g.ecdNm : g.ecdPx);
    return out;
}

GrainAnalysis analyseGrains(const cv::Mat& image, std::optional<double> nmPerPixel,
                            const GrainAnalysisOptions& options, const cv::Mat& boundaryImage)
{
    if (!boundaryImage.empty() && boundaryImage.size() != image.size())
        throw Error("grains: the boundary image is " + std::to_string(boundaryImage.cols) + "×" +
                    std::to_string(boundaryImage.rows) + " px but the image is " +
                    std::to_string(image.cols) + "×" + std::to_string(image.rows) + " px");
    GrainAnalysis out;
    out.phases = classifyPhases(image, nmPerPixel, options.phases);
    if (boundaryImage.empty()) {
        const cv::Mat crystalline =
            out.phases.classMap == static_cast<int>(PhaseClass::Crystalline);
        out.segmentation = segmentGrains(image, nmPerPixel, options.grains, crystalline);
        out.boundary = labelBoundaries(out.segmentation.labels);
    } else {
        out.fromBoundaryImage = true;
        out.segmentation = grainsFromBoundaryMap(boundaryImage, nmPerPixel, options.grains);
        out.boundary = binaryBoundaryImage(boundaryImage, options.grains);
    }
    out.ecdPx = ecdStatistics(interiorEcds(out.segmentation.grains, false), options.statistics);
    if (nmPerPixel)
        out.ecdNm = ecdStatistics(interiorEcds(out.segmentation.grains, true), options.statistics);
    // No complete intercept (e.g. an image without grains) leaves the result unset.
    try {
        out.e112Pattern = e112PatternIntercepts(out.boundary, nmPerPixel, options.intercepts);
    } catch (const Error&) {
        out.e112Pattern.reset();
    }
    try {
        out.lineGrid = lineGridIntercepts(out.boundary, nmPerPixel, options.intercepts);
    } catch (const Error&) {
        out.lineGrid.reset();
    }
    out.planimetric = planimetricCount(out.segmentation.grains, image.size(), nmPerPixel);
    return out;
}

} // namespace insitu
