#pragma once
// Drift estimation of a whole movie and drift-corrected frames on demand.

#include "insitu/io/movie.h"
#include "insitu/progress.h"
#include "insitu/registration/drift_result.h"

#include <opencv2/core.hpp>

#include <cstddef>

namespace insitu {

/// Memory the estimation may use besides the movie's frame cache. It changes speed, never
/// the result: spectra that do not fit are recomputed in the second pass.
struct DriftMemory
{
    /// First-pass spectra kept for the pass against the mean (half precision, cropped to the
    /// low-pass band: about 3.1 MB per 2048² frame at the default σ).
    std::size_t spectrumCacheBytes = std::size_t{2} << 30;
};

/// Estimates the drift of every frame (px, architecture.md convention: frame 0 is (0, 0)) by
/// Tukey-windowed, low-pass-weighted phase correlation with two-stage upsampled-DFT refinement
/// (Guizar-Sicairos 2008), against the reference chosen in options (running mean of the last K
/// aligned frames by default, then a second pass against the drift-corrected mean of all frames).
/// Frames of poor quality are flagged and their shift interpolated. Uses two to three threads,
/// fewer within the calling thread's threadBudget() (insitu/thread_budget.h; same result).
/// Calls progress.advance() once per frame and pass; throws Canceled when cancelled and
/// insitu::Error for bad options (region outside the frame, binning not 1/2/4, …).
[[nodiscard]] DriftResult estimateDrift(const Movie& movie, const DriftOptions& options,
                                        Progress& progress, const DriftMemory& memory = {});

/// Whether a corrected frame keeps its size (Pad, uncovered pixels 0) or is cut to the area
/// covered by every frame (CommonArea, same size for all frames).
enum class CropMode { Pad, CommonArea };

/// Sub-pixel interpolation used to shift frames.
enum class ShiftInterpolation { Bilinear, Cubic };

/// The rectangle (frame-0 pixel coordinates) seen by every frame once corrected; empty when the
/// drift is larger than the frame.
[[nodiscard]] cv::Rect commonArea(const DriftResult& drift, int width, int height);

/// Frame `frame` of movie shifted by (−dx, −dy) (CV_32F), so that it lies on frame 0's grid;
/// cropped to commonArea() or padded with 0. Throws insitu::Error when the drift result does not
/// cover the movie's frames.
[[nodiscard]] cv::Mat correctedFrame(const Movie& movie, const DriftResult& drift, int frame,
                                     CropMode crop,
                                     ShiftInterpolation interpolation = ShiftInterpolation::Cubic);

/// image (any single-channel depth) shifted by (−dxPx, −dyPx) as CV_32F, the same size, 0 outside.
[[nodiscard]] cv::Mat shiftImage(const cv::Mat& image, double dxPx, double dyPx,
                                 ShiftInterpolation interpolation = ShiftInterpolation::Cubic);

} // namespace insitu
