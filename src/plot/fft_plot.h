#pragma once
// FFT plots: the radial power profile (log y) with its background and labelled d ± σ, and the
// log power spectrum image with a ring at each peak.

#include "insitu/crystal/fft_analysis.h"

#include <QString>

#include <memory>

class QCustomPlot;

namespace insitu::plot {

/// Clears plot and fills it with the radial profile: x = k (nm⁻¹ when calibrated, else
/// cycles/px), y = mean power (log scale), the background dashed, and each peak marked with its
/// d (nm, or px) and matched reflection.
void fillFftProfilePlot(QCustomPlot& plot, const FftResult& result);

/// A new, styled QCustomPlot filled by fillFftProfilePlot (needs a QApplication).
[[nodiscard]] std::unique_ptr<QCustomPlot> makeFftProfilePlot(const FftResult& result);

/// Clears plot and fills it with log10(1 + P / median P) of the spectrum around k = 0 (out to
/// 1.25 × the largest peak's k, at most Nyquist; x = kx, y = ky in nm⁻¹ or cycles/px) and a
/// labelled circle at each peak's |k|.
void fillFftSpectrumPlot(QCustomPlot& plot, const FftResult& result);

/// A new, styled QCustomPlot filled by fillFftSpectrumPlot (needs a QApplication).
[[nodiscard]] std::unique_ptr<QCustomPlot> makeFftSpectrumPlot(const FftResult& result);

/// A peak's label: "0.2087 ± 0.0001 nm Cu 111" (or "4.17 px" without calibration).
[[nodiscard]] QString fftPeakLabel(const FftPeakResult& peak);

} // namespace insitu::plot
