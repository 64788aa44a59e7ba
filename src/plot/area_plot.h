#pragma once
// area plot: A/A0(t) of each followed particle, with its fit line and 95 % confidence band.

#include "insitu/area/area_result.h"
#include "insitu/calibration.h"

class QCustomPlot;

namespace insitu::plot {

/// Clears plot and fills it with A/A0 against time (s when the calibration knows it, else frame):
/// one Okabe–Ito colour per particle, its fit (when present and in the plot's time unit) drawn
/// over the fitted range with the band of fitCurve.
void fillAreaRatioPlot(QCustomPlot& plot, const AreaResult& areas, const Calibration& calibration,
                       int frameCount);

} // namespace insitu::plot
