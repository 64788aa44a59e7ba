#pragma once
// area plot: A/A0(t) per followed particle, with its fit line, 95 % band and area-step events.

#include "insitu/area/area_result.h"
#include "insitu/calibration.h"

#include <memory>

class QCustomPlot;

namespace insitu::plot {

/// What the area plot shows besides the measured A/A0.
struct AreaPlotOptions
{
    bool showFit = true;    ///< fit line of each particle that has a fit
    bool showBand = true;   ///< 95 % confidence band of the fit's mean (core fitBand)
    bool showEvents = true; ///< found steps (solid) and user markers (dashed), vertical lines
};

/// Clears plot and fills it with A/A0: x = time (s) when the calibration knows it, else frame.
/// One Okabe–Ito colour per particle; each fit (model re-evaluated through fitCurve) is drawn
/// over its fitted x range; events are vertical lines in the particle's colour, labelled with
/// the A/A0 step of a crack.
void fillAreaPlot(QCustomPlot& plot, const AreaResult& areas, const Calibration& calibration,
                  int frameCount, const AreaPlotOptions& options = {});

/// A new, styled QCustomPlot filled by fillAreaPlot (needs a QApplication).
[[nodiscard]] std::unique_ptr<QCustomPlot> makeAreaPlot(const AreaResult& areas,
                                                        const Calibration& calibration,
                                                        int frameCount,
                                                        const AreaPlotOptions& options = {});

} // namespace insitu::plot
