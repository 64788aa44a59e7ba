#pragma once
// FFT profile plot: radial power profile (log y) with its background and labelled d-spacings.

#include "insitu/crystal/fft_analysis.h"

#include <memory>

class QCustomPlot;

namespace insitu::plot {

/// Clears plot and fills it with the radial profile: x = k (nm⁻¹ when calibrated, else
/// cycles/px), y = mean power (log scale), the background dashed, and each peak marked with its
/// d (nm, or px) and matched reflection.
void fillFftProfilePlot(QCustomPlot& plot, const FftResult& result);

/// A new, styled QCustomPlot filled by fillFftProfilePlot (needs a QApplication).
[[nodiscard]] std::unique_ptr<QCustomPlot> makeFftProfilePlot(const FftResult& result);

} // namespace insitu::plot
