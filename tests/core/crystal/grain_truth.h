#pragma once
// Test helper: compares a grain segmentation with the grain-film truth (matched fraction, ECDs).

#include "insitu/crystal/grain_segmentation.h"

#include <opencv2/core.hpp>

#include <vector>

namespace insitu::test {

struct GrainComparison
{
    int truthGrains = 0; ///< non-border truth grains of at least the minimum area
    int matched = 0;     ///< of those, with a measured grain of IoU > 0.5
    double truthMedianEcdPx = 0;
    double measuredMedianEcdPx = 0;
};

[[nodiscard]] GrainComparison compareWithTruth(const cv::Mat& truthLabels,
                                               const GrainSegmentation& measured, double minAreaPx);

[[nodiscard]] double medianOf(std::vector<double> values);

} // namespace insitu::test
