#pragma once
// Internal: the steps of the grain segmentation (marker flooding, weak-boundary merging,
// small-region absorption, relabelling) on CV_32S label images.

#include <opencv2/core.hpp>

namespace insitu::grains {

/// Priority flooding of relief (CV_32F, 0..1) from markers (CV_32S, > 0 = seed): every pixel gets
/// the label of the basin that reaches it first (no watershed lines). OpenCV's cv::watershed
/// floods by colour differences, not by a scalar relief, hence this bucket-queue version.
[[nodiscard]] cv::Mat floodFromMarkers(const cv::Mat& relief, const cv::Mat& markers);

/// Merges adjacent labels whose mean relief along their shared border is below threshold.
void mergeWeakBoundaries(cv::Mat& labels, const cv::Mat& relief, double threshold);

/// Joins labels smaller than minAreaPx to the neighbour with the weakest shared border.
void absorbSmallRegions(cv::Mat& labels, const cv::Mat& relief, double minAreaPx);

/// Renumbers labels > 0 to 1..N in raster order of first appearance; returns N.
int relabelConsecutive(cv::Mat& labels);

} // namespace insitu::grains
