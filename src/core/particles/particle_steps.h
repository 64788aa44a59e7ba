#pragma once
// Internal: the stages of segmentParticles, one file each.

#include "insitu/particles/particle_segment.h"

#include <opencv2/core.hpp>

namespace insitu::particles {

/// The masks (CV_8U 255), names and areas (px) of the regions; none = the whole frame "frame".
void regionMasks(const std::vector<Roi>& regions, int width, int height,
                 std::vector<cv::Mat>& masks, std::vector<std::string>& names,
                 std::vector<double>& areasPx);

/// The 8-connected components of a mask as cv::connectedComponentsWithStats gives them: labels
/// (CV_32S, 0 background, 1..count − 1 in raster order of their first pixel) and stats rows.
struct MaskComponents
{
    cv::Mat labels, stats;
    int count = 0;
};

/// Thresholded, opened, hole-filled mask (CV_8U 255) of the flattened frame. components, when
/// given, receives the mask's components (found anyway to drop specks), for splitTouching.
[[nodiscard]] cv::Mat detectionMask(const FlattenedFrame& flat, ParticleThreshold method,
                                    double minDiameterPx, double maxDiameterPx,
                                    double& thresholdSigma, MaskComponents* components = nullptr);
/// ParticleThreshold::Blob: labels (CV_32S, 1..n, raster order of the centres) of disks of
/// radius √2 σ at the maxima over space and scale of the scale-normalised LoG of image (particles
/// positive), σ from minDiameterPx to maxDiameterPx / (2√2), where the response exceeds the local
/// robust noise × the level at which noise alone gives falseAlarmsPerMpx maxima; overlapping
/// maxima suppressed, the strongest kept. level: the significance (noise SDs) at the smallest σ.
[[nodiscard]] cv::Mat detectBlobs(const cv::Mat& image, double minDiameterPx, double maxDiameterPx,
                                  double falseAlarmsPerMpx, double& level);
/// Labels (CV_32S, 1..n) of the mask split by a distance-transform watershed; basins whose
/// common neck is wider than maxNeckRatio × the smaller radius are merged. distance: the EDT.
/// components: the mask's components from detectionMask (found here when null); its label image
/// is used up (it becomes the result).
[[nodiscard]] cv::Mat splitTouching(const cv::Mat& mask, double minDiameterPx, double maxNeckRatio,
                                    cv::Mat& distance, MaskComponents* components = nullptr);
/// Each particle's outline moved to half its own contrast above its local background (up to
/// 2 px outwards into unlabelled pixels, or inwards). labels is changed in place.
void refineOutlines(cv::Mat& labels, const cv::Mat& signal, const cv::Mat& distance);
/// Measures every label (the label image is renumbered to 1..n after size limits) and flags
/// particles cut by the frame or their region's edge.
[[nodiscard]] std::vector<Particle> measureParticles(cv::Mat& labels, const cv::Mat& raw,
                                                     const std::vector<cv::Mat>& regionMasks,
                                                     const std::vector<std::string>& regionNames,
                                                     double minDiameterPx, double maxDiameterPx);

} // namespace insitu::particles
