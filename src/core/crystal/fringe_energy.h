#pragma once
// Internal: per-pixel lattice-fringe energy (band-pass of the whole image in an annulus of |k|,
// squared, smoothed) over the energy of the bands beside the annuli, and its data-chosen
// threshold. The pixel-resolution counterpart of the sliding-window FFT.

#include <opencv2/core.hpp>

#include <vector>

namespace insitu {

/// A band of spatial frequencies |k| in cycles/px.
struct FrequencyBand
{
    double kMinPerPx = 0;
    double kMaxPerPx = 0;
};

/// Per band, a CV_32F map of the image's size: the density (per unit of k area) of the
/// band-passed image's energy, smoothed by a Gaussian of sigmaPx, over the density of the
/// background bands (beside every band, as wide as it, excluding all bands), smoothed by
/// 2·sigmaPx. About 1 where the image has no fringes of that band, > 1 where it has. The image
/// (any single-channel type) is mirror-padded to a fast FFT size; the transforms run on FFTW's
/// reused plans, the bands in parallel. With a support mask (CV_8U, the image's size), the
/// smoothing averages over support != 0 only (normalised convolution), so regions known to hold
/// no lattice (pores) do not dilute the energy of the pixels beside them.
[[nodiscard]] std::vector<cv::Mat> fringeEnergyRatios(const cv::Mat& image,
                                                      const std::vector<FrequencyBand>& bands,
                                                      double sigmaPx, const cv::Mat& support = {});

/// Two-class split of ratio values (> 0): a two-component Gaussian mixture of the logs.
struct RatioClasses
{
    bool separated = false;  ///< two components more than 3 σ(low) apart
    double lowMedian = 1;    ///< median ratio of the lower class (all values when not separated)
    double highMedian = 1;   ///< median ratio of the upper class (= lowMedian when not separated)
    double lowLogSigma = 0;  ///< robust σ of the lower class's logs
    double highFraction = 0; ///< share of the values in the upper class
};

/// The mixture fit of the values of ratios (CV_32F, every stride-th pixel in both axes).
[[nodiscard]] RatioClasses splitRatios(const cv::Mat& ratios, int stride = 1);

/// Threshold on pixel fringe-energy ratios: the energy midpoint of the two classes when the
/// lower class is noise (median ratio below 2, i.e. less fringe energy than noise energy in the
/// band). When the lower (or the single) class is fringes too, the threshold is below every
/// value; when there is a single noise class, above it (median · e^{4σ}).
[[nodiscard]] double pixelThresholdRatio(const RatioClasses& classes);

} // namespace insitu
