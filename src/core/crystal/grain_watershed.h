#pragma once
// Internal: the steps of the grain segmentation (marker flooding, weak-boundary merging,
// small-region absorption, relabelling) on CV_32S label images.

#include <opencv2/core.hpp>

namespace insitu::grains {

/// Priority flooding of relief (CV_32F, 0..1) from markers (CV_32S, > 0 = seed): every pixel gets
/// the label of the basin that reaches it first (no watershed lines). OpenCV's cv::watershed
/// floods by colour differences, not by a scalar relief, hence this bucket-queue version.
/// With a mask (CV_8U), the flooding stays inside mask != 0 (grains do not reach each other
/// through pores or amorphous regions), pixels outside get 0, and each piece of the mask no
/// marker reached gets a new label of its own.
[[nodiscard]] cv::Mat floodFromMarkers(const cv::Mat& relief, const cv::Mat& markers,
                                       const cv::Mat& mask = {});

/// Merges adjacent labels whose relief along their shared border is below threshold. The
/// border's relief is its mean over the inner pixels (CV_8U != 0; empty = all), e.g. those away
/// from a mask's edge, or its lowest pixel when none of it is inner.
void mergeWeakBoundaries(cv::Mat& labels, const cv::Mat& relief, double threshold,
                         const cv::Mat& inner = {});

/// Joins labels smaller than minAreaPx to the neighbour with the weakest shared border (border
/// relief as in mergeWeakBoundaries).
void absorbSmallRegions(cv::Mat& labels, const cv::Mat& relief, double minAreaPx,
                        const cv::Mat& inner = {});

/// Renumbers labels > 0 to 1..N in raster order of first appearance; returns N.
int relabelConsecutive(cv::Mat& labels);

} // namespace insitu::grains
