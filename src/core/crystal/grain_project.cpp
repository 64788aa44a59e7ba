// GrainAnalysis → ProjectGrains (what the project file keeps of a grains analysis).

#include "insitu/project/grains_project.h"

#include "insitu/project/project.h"

namespace insitu {

ProjectGrains toProjectGrains(const GrainAnalysis& analysis, int frame, const cv::Rect& roi,
                              std::string parametersJson)
{
    ProjectGrains r;
    r.frame = frame;
    r.roiPx = {roi.x, roi.y, roi.width, roi.height};
    r.source = analysis.fromBoundaryImage ? "boundary-map" : "watershed";
    r.nmPerPixel = analysis.segmentation.nmPerPixel;
    const cv::Mat& labels = analysis.segmentation.labels;
    r.labelRows = labels.rows;
    r.labelCols = labels.cols;
    r.labels.assign(labels.begin<std::int32_t>(), labels.end<std::int32_t>());
    const cv::Mat& classes = analysis.phases.classMap;
    r.classMap.assign(classes.begin<std::uint8_t>(), classes.end<std::uint8_t>());
    r.grains = analysis.segmentation.grains;
    r.crystalline = analysis.phases.crystalline;
    r.amorphous = analysis.phases.amorphous;
    r.pore = analysis.phases.pore;
    r.ecdMedianPx = analysis.ecdPx.median.value;
    r.ecdMeanPx = analysis.ecdPx.mean.value;
    r.ecdModePx = analysis.ecdPx.mode.value;
    if (analysis.e112Pattern)
        r.meanInterceptPx = analysis.e112Pattern->meanInterceptPx;
    if (analysis.lineGrid)
        r.lineGridMeanInterceptPx = analysis.lineGrid->meanInterceptPx;
    r.parametersJson = std::move(parametersJson);
    const Provenance stamp = makeProvenance(r.parametersJson, {});
    r.createdUtc = stamp.createdUtc;
    r.softwareVersion = stamp.programVersion;
    return r;
}

} // namespace insitu
