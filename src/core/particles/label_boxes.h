#pragma once
// Internal: the bounding box of every label of a label image, found in parallel row bands.

#include <opencv2/core.hpp>

#include <vector>

namespace insitu::particles {

/// Box of one label (inclusive corners; x1 < 0 when the label is absent) and, when a distance
/// image is given, the largest distance over its pixels.
struct LabelBox
{
    int x0 = 1 << 30, y0 = 1 << 30, x1 = -1, y1 = -1;
    double maxDistance = 0;
    [[nodiscard]] bool empty() const { return x1 < 0; }
    [[nodiscard]] cv::Rect rect() const { return {x0, y0, x1 - x0 + 1, y1 - y0 + 1}; }
};

/// Boxes of labels 0..the largest label of labels (CV_32S; labels ≤ 0 skipped), so size() − 1 is
/// the largest label (0 when there is none); distance (CV_32F, same size) optional. Independent
/// of the thread count: minima and maxima merge exactly.
[[nodiscard]] std::vector<LabelBox> labelBoxes(const cv::Mat& labels,
                                               const cv::Mat* distance = nullptr);

} // namespace insitu::particles
