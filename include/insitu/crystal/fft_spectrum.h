#pragma once
// Power spectrum of an image region: mean removed, tapered, FFTW r2c of any size.

#include "insitu/roi/roi.h"

#include <opencv2/core.hpp>

#include <string>
#include <vector>

namespace insitu {

/// Taper applied before the transform (suppresses the edge cross).
enum class FftTaper { Hann, Tukey, None };

/// "hann", "tukey", "none".
[[nodiscard]] const char* fftTaperName(FftTaper taper);
/// Inverse of fftTaperName; throws insitu::Error naming the choices.
[[nodiscard]] FftTaper fftTaperFromName(const std::string& name);

/// The region to transform: the whole frame, a rectangle, or a polygon (its bounding box is
/// transformed, pixels outside the polygon get weight 0 and the taper follows the outline).
struct FftRegion
{
    enum class Kind { WholeFrame, Rectangle, Polygon };
    Kind kind = Kind::WholeFrame;
    cv::Rect rectPx;                ///< Rectangle: the box (clipped to the frame)
    std::vector<PointPx> polygonPx; ///< Polygon: ≥ 3 vertices
};

/// Settings of the transform.
struct FftSpectrumOptions
{
    FftTaper taper = FftTaper::Hann;
    double tukeyAlpha = 0.25; ///< tapered fraction of each side for Tukey (and polygon outlines)
    /// Zero-pad to a square of padFactor × the longer side (rounded up to a fast FFT size, at
    /// most maxPaddedPx unless the region itself is larger): equal Δk on both axes and a finely
    /// sampled peak shape for the profile fit (no extra information). 1 = no padding.
    int padFactor = 2;
    int maxPaddedPx = 4096;
};

/// The spectrum of one region. Frequencies are in cycles per pixel: column c of `power` is
/// kx = (c − cols/2)/cols, row r is ky = (r − rows/2)/rows (DC at (cols/2, rows/2)); rows and
/// cols are the padded transform's size, the region sits at its top-left corner.
struct RegionSpectrum
{
    cv::Rect boxPx;       ///< the transformed box in frame pixels
    cv::Mat weights;      ///< CV_32F box size: taper × region mask
    cv::Mat halfFft;      ///< CV_32FC2 rows × (cols/2 + 1): FFTW's r2c output (not shifted)
    cv::Mat power;        ///< CV_32F rows × cols: |F|², shifted so that DC is at the centre
    double meanValue = 0; ///< the weighted mean that was removed
    [[nodiscard]] int rows() const { return power.rows; }
    [[nodiscard]] int cols() const { return power.cols; }
    [[nodiscard]] double dkxPerPx() const { return 1.0 / power.cols; }
    [[nodiscard]] double dkyPerPx() const { return 1.0 / power.rows; }
};

/// Transforms the region of image (single channel, any depth). Throws insitu::Error when the
/// region is empty, outside the frame, or smaller than 8 × 8 px.
[[nodiscard]] RegionSpectrum regionSpectrum(const cv::Mat& image, const FftRegion& region,
                                            const FftSpectrumOptions& options = {});

/// log10(1 + P / median(P)) of a shifted power spectrum, CV_32F (for display and --spectrum).
[[nodiscard]] cv::Mat logPowerImage(const cv::Mat& power);

} // namespace insitu
