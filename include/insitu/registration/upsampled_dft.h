#pragma once
// Matrix-multiply upsampled DFT and the two-stage sub-pixel peak refinement built on it.

#include <opencv2/core.hpp>

namespace insitu {

/// Band-limited (trigonometric) interpolation of a periodic 2-D signal, evaluated on a small grid
/// by two matrix multiplications (Guizar-Sicairos, Thurman & Fienup, Opt. Lett. 33:156, 2008).
/// spectrum: the full complex DFT (CV_32FC2 or CV_64FC2, rows × cols, FFT order) of the signal.
/// Returns CV_64FC2 outRows × outCols with element (i, j) = signal at
/// y = y0Px + i / upsampleFactor, x = x0Px + j / upsampleFactor (unnormalised inverse DFT, so at
/// integer positions it equals rows·cols times the signal).
[[nodiscard]] cv::Mat upsampledDft(const cv::Mat& spectrum, double y0Px, double x0Px,
                                   int upsampleFactor, int outRows, int outCols);

/// Sub-pixel maximum of a real, periodic 2-D signal near an integer peak.
struct RefinedPeak
{
    double yPx = 0;   ///< row of the maximum (may be fractional; same frame as the input)
    double xPx = 0;   ///< column of the maximum
    double value = 0; ///< interpolated signal value there
};

/// Refines the maximum of the real signal whose full DFT is spectrum, starting from the integer
/// peak (peakY, peakX): upsampled DFT over ±0.7 px at 1/10 px, then over ±0.1 px at
/// 1/finalUpsampleFactor px (two small stages), then a 3-point parabola on the last grid.
/// Values are in signal units (the 1/(rows·cols) of the inverse DFT is applied).
[[nodiscard]] RefinedPeak refinePeakUpsampled(const cv::Mat& spectrum, int peakY, int peakX,
                                              int finalUpsampleFactor = 100);

} // namespace insitu
