#pragma once
// The grains analysis of one image, as `insitu grains` and the Grains panel run it: phases,
// grains (automatic or from a boundary image), ECD statistics, ASTM E112 intercepts and count.

#include "insitu/crystal/e112.h"
#include "insitu/crystal/grain_segmentation.h"
#include "insitu/crystal/grain_statistics.h"
#include "insitu/crystal/phase_fractions.h"

#include <opencv2/core.hpp>

#include <optional>

namespace insitu {

/// All settings of the grains analysis (defaults shared by CLI and GUI).
struct GrainAnalysisOptions
{
    GrainOptions grains;
    PhaseOptions phases;
    InterceptOptions intercepts;
    EcdStatisticsOptions statistics;
};

/// Everything the grains analysis computes.
struct GrainAnalysis
{
    GrainSegmentation segmentation;
    PhaseFractions phases;
    cv::Mat boundary;    ///< CV_8U boundary image the intercepts used (see labelBoundaries)
    EcdStatistics ecdPx; ///< statistics of the non-border grains' ECD (px)
    std::optional<EcdStatistics> ecdNm;         ///< the same in nm when calibrated
    std::optional<InterceptResult> e112Pattern; ///< unset when no test line crosses a grain
    std::optional<InterceptResult> lineGrid;    ///< unset when no grid line crosses a grain
    PlanimetricResult planimetric;
    bool fromBoundaryImage = false;
};

/// Runs the analysis on image (single channel). With a boundaryImage (bright = boundary, same
/// size) the grains and intercepts come from it; the phases always come from image. Grains are
/// segmented inside the crystalline class only.
[[nodiscard]] GrainAnalysis analyseGrains(const cv::Mat& image, std::optional<double> nmPerPixel,
                                          const GrainAnalysisOptions& options = {},
                                          const cv::Mat& boundaryImage = {});

/// ECDs (px, or nm when nm is true and calibrated) of the grains not touching the border.
[[nodiscard]] std::vector<double> interiorEcds(const std::vector<Grain>& grains, bool nm);

} // namespace insitu
