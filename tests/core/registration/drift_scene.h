#pragma once
// Synthetic drift truth for the registration tests: a random texture, shifted exactly in
// Fourier space on a padded canvas, cropped (non-periodic edges), with Poisson noise.

#include "insitu/io/memory_reader.h"
#include "insitu/io/movie.h"

#include <opencv2/core.hpp>

#include <memory>
#include <random>
#include <vector>

namespace insitu::test {

/// Random positive texture (mean 1) of canvas size: fine (σ 2 px) and coarse (σ 12 px) detail.
[[nodiscard]] cv::Mat driftTexture(int width, int height, unsigned seed);

/// Spectrum (CV_64FC2) of a canvas, for repeated exact shifts.
[[nodiscard]] cv::Mat canvasSpectrum(const cv::Mat& canvas);

/// The canvas content moved by (+dxPx, +dyPx) (a feature at x appears at x + dxPx), then the
/// centred width × height crop, times countsPerPx (expected counts, CV_64F).
[[nodiscard]] cv::Mat shiftedCrop(const cv::Mat& spectrum, double dxPx, double dyPx, int width,
                                  int height, double countsPerPx);

/// Poisson counts of the expected image (CV_16U); countsPerPx <= 0 returns it rounded, noise-free.
[[nodiscard]] cv::Mat poissonCounts(const cv::Mat& expected, std::mt19937& rng, bool noisy = true);

/// A movie of frames (CV_16U) with the given true shifts.
struct DriftScene
{
    std::shared_ptr<Movie> movie;
    std::vector<double> dxPx;
    std::vector<double> dyPx;
};

/// Frames of width × height at countsPerPx with shifts (dx[k], dy[k]) relative to the canvas
/// centre (frame 0 need not be at 0: the truth is re-referenced to frame 0).
[[nodiscard]] DriftScene makeDriftScene(int width, int height, const std::vector<double>& dx,
                                        const std::vector<double>& dy, double countsPerPx,
                                        unsigned seed, bool noisy = true);

/// RMS of the Euclidean error of estimated vs true shifts (both relative to frame 0).
[[nodiscard]] double rmsError(const std::vector<double>& dxTrue, const std::vector<double>& dyTrue,
                              const std::vector<double>& dxEst, const std::vector<double>& dyEst);

} // namespace insitu::test
