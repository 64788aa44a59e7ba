#pragma once
// Hand cuts of a grain label image: split a grain along a line, or draw a boundary stroke that
// splits every grain it crosses. The caller measures the grains again (measureGrains).

#include <opencv2/core.hpp>

#include <cstdint>
#include <vector>

namespace insitu {

/// What a cut changed: the grains it cut and the ids given to the new pieces.
struct GrainCut
{
    std::vector<std::int32_t> cutIds; ///< grains that lost pixels to the stroke
    std::vector<std::int32_t> newIds; ///< ids of the pieces split off (max id + 1, + 2, …)
};

/// Draws the polyline strokePx (label px, ≥ 2 points) as a 4-connected line of boundary pixels
/// (label 0) through the grains it crosses (only through grain onlyId when onlyId > 0), then
/// gives each piece of a cut grain that is no longer 8-connected to its largest piece a new id.
/// labels is CV_32S, changed in place. A stroke that cuts nothing leaves labels unchanged.
GrainCut cutGrains(cv::Mat& labels, const std::vector<cv::Point2d>& strokePx,
                   std::int32_t onlyId = 0);

/// The grain a split line from p0 to p1 (label px) is meant for: the one it crosses most
/// (sampled every half pixel); 0 when it crosses none. The GUI's Split tool and
/// `insitu grains --split` pick the grain with it.
[[nodiscard]] std::int32_t grainCrossedMost(const cv::Mat& labels, cv::Point2d p0Px,
                                            cv::Point2d p1Px);

} // namespace insitu
