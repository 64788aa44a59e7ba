#pragma once
// drift plot: the drift trajectory dx(t), dy(t) of a movie.

#include "insitu/calibration.h"
#include "insitu/registration/drift_result.h"

#include <memory>

class QCustomPlot;

namespace insitu::plot {

/// Clears plot and draws dx and dy against time (s, else frame), in nm when calibrated, else
/// px; interpolated frames are marked with open circles.
void fillDriftPlot(QCustomPlot& plot, const DriftResult& drift, const Calibration& calibration);

/// A new, styled QCustomPlot filled by fillDriftPlot (needs a QApplication).
[[nodiscard]] std::unique_ptr<QCustomPlot> makeDriftPlot(const DriftResult& drift,
                                                         const Calibration& calibration);

} // namespace insitu::plot
