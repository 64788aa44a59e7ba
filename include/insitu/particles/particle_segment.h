#pragma once
// segmentParticles: nanoparticles of one frame segmented, split and measured (methods-2.md §2).

#include "insitu/particles/particle_result.h"
#include "insitu/roi/roi.h"

#include <opencv2/core.hpp>

#include <optional>
#include <vector>

namespace insitu {

/// A segmentation: the label image (CV_32S, 0 background, k = particles[k − 1]) and the result.
struct ParticleSegmentation
{
    cv::Mat labels;
    ParticleResult result;
};

/// Segments the particles of frame (any single-channel depth) inside regions (rectangle, ellipse
/// or polygon ROIs; none = the whole frame as region "frame"): fringe low-pass, background
/// flattening, threshold, distance-transform watershed with a neck test, a half-contrast
/// refinement of each outline, size limits, measures and edge flags, then the per-region
/// statistics and, for two or more regions, the comparison of the first two.
/// Throws insitu::Error for an empty frame or a bad region.
[[nodiscard]] ParticleSegmentation segmentParticles(const cv::Mat& frame,
                                                    std::optional<double> nmPerPixel,
                                                    const std::vector<Roi>& regions,
                                                    const ParticleOptions& options = {});

/// The detection mask stages, exposed for tests and the live preview: the flattened frame
/// (particles positive, in raw units) and the noise σ of it.
struct FlattenedFrame
{
    cv::Mat signal; ///< CV_32F
    double noiseSigma = 1;
    ParticlePolarity polarity = ParticlePolarity::Dark;
};
[[nodiscard]] FlattenedFrame flattenFrame(const cv::Mat& frame, std::optional<double> nmPerPixel,
                                          const ParticleOptions& options);

/// Diameter limits in px for options and calibration: {min, max}.
[[nodiscard]] std::pair<double, double> diameterLimitsPx(const ParticleOptions& options,
                                                         std::optional<double> nmPerPixel);

} // namespace insitu
