#pragma once
// Moving-edge score of a kymograph: spatial × temporal gradient, so static edges score nothing.

#include "insitu/front/front_result.h"

#include <opencv2/core.hpp>

#include <vector>

namespace insitu {

/// Noise-normalised gradients of a smoothed kymograph (rows = frames, cols = samples).
struct EdgeGradients
{
    cv::Mat gx;              ///< CV_32F d/dx of the smoothed kymograph, divided by its noise σ
    std::vector<cv::Mat> gt; ///< CV_32F temporal differences at several lags, each / its noise σ
};

/// The kymograph with each row divided by its gain relative to the running mean of the
/// surrounding ±halfWindowFrames rows (median over columns of the ratio), so frame-to-frame
/// flicker of the illumination does not look like motion. Robust to a front (few columns).
[[nodiscard]] cv::Mat removeFlicker(const cv::Mat& kymograph, int halfWindowFrames = 8);

/// Gradients of kymograph (CV_32F) after Gaussian smoothing (options.edgeSigmaPx along the path,
/// options.timeSigmaFrames in time). gt holds K(t+h) − K(t−h) for lags h = 1, 4, 16 up to
/// maxLagFrames (those shorter than the movie; fast fronts need lag 1 only, and longer lags
/// would light up static edges that appear behind them), limited to 4 × the smaller of its
/// halves K(t+h) − K(t) and K(t) − K(t−h): a front passing changes a column half before and
/// half after, an edge that appears (a particle behind a front) all at once. Lags shorten at
/// the movie's ends; the first and last frame take the one-frame difference into the movie.
/// Noise σ is estimated per row, robustly (1.4826 × median absolute value, of the plain change
/// for gt). textureFreeNoise: gx's σ from gx(t) − gx(t − k) / √2 instead, k beyond the temporal
/// smoothing, so the static texture of a reacted wire does not count as noise.
[[nodiscard]] EdgeGradients edgeGradients(const cv::Mat& kymograph, const FrontOptions& options,
                                          int maxLagFrames = 16, bool textureFreeNoise = false);

/// Score (CV_32F, ≥ 0, units of SNR²) of an edge whose right side is brighter (contrastSign +1)
/// or darker (−1) moving in direction +1 (away from the path start), −1 (towards it) or 0 (either):
/// A(max(0, c·gx)) · B(max over lags of −c·dir·gt (for dir 0: |gt|)), with A(z) = z/(1 + z/5)
/// saturating (a strong static edge times temporal noise stays small) and B(z) = (z − 1.5)⁺/(1 +
/// (z − 1.5)⁺/10) ignoring temporal changes within 1.5 σ of noise. An edge of that contrast
/// that moves that way scores high; static edges (wire ends, particles) score 0 (algorithms.md §2).
[[nodiscard]] cv::Mat motionEdgeScore(const EdgeGradients& gradients, int contrastSign,
                                      int direction);

} // namespace insitu
