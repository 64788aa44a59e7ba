#pragma once
// kymograph plot: the kymograph image (position × time) with the detected fronts drawn over it.

#include "insitu/calibration.h"
#include "insitu/front/front_result.h"
#include "insitu/project/project.h"

#include <memory>

class QCustomPlot;

namespace insitu::plot {

/// Clears plot and shows kymograph (rows = frames, cols = samples stepPx apart along the path) in
/// grey, contrast from its 1st–99th percentiles; x = position along the ROI (nm when calibrated,
/// else px), y = time (s, else frame) increasing downwards. Each front is a line in its Okabe–Ito
/// colour.
void fillKymographPlot(QCustomPlot& plot, const ImageF32& kymograph, const FrontResult& fronts,
                       const Calibration& calibration, double stepPx = 1.0);

/// A new, styled QCustomPlot filled by fillKymographPlot (needs a QApplication).
[[nodiscard]] std::unique_ptr<QCustomPlot> makeKymographPlot(const ImageF32& kymograph,
                                                             const FrontResult& fronts,
                                                             const Calibration& calibration,
                                                             double stepPx = 1.0);

} // namespace insitu::plot
