#pragma once
// kinetics plot: front position L(t) per front, with its fit line and 95 % confidence band.

#include "insitu/calibration.h"
#include "insitu/front/front_result.h"
#include "insitu/project/project.h"

#include <memory>
#include <vector>

class QCustomPlot;

namespace insitu::plot {

/// What the kinetics plot shows besides the measured positions.
struct KineticsPlotOptions
{
    bool showFit = true;              ///< fit line of each front that has a fit
    bool showBand = true;             ///< 95 % confidence band of the fit's mean
    bool showPins = true;             ///< user pins as crosses
    std::vector<EventMarker> markers; ///< vertical dashed lines (time axis in s only)
};

/// Clears plot and fills it with L(t): x = time (s) when the calibration knows it, else frame;
/// y = position along the ROI (nm when calibrated, else px). One Okabe–Ito colour per front;
/// the fit (kinetics model re-evaluated, see fitCurve) is drawn over the fitted x range.
void fillKineticsPlot(QCustomPlot& plot, const FrontResult& fronts, const Calibration& calibration,
                      int frameCount, const KineticsPlotOptions& options = {});

/// A new, styled QCustomPlot filled by fillKineticsPlot (needs a QApplication).
[[nodiscard]] std::unique_ptr<QCustomPlot>
makeKineticsPlot(const FrontResult& fronts, const Calibration& calibration, int frameCount,
                 const KineticsPlotOptions& options = {});

} // namespace insitu::plot
