#pragma once
// Front series: tracked fronts as calibrated (time, position) points, and their kinetics fits.

#include "insitu/calibration.h"
#include "insitu/front/front_result.h"
#include "insitu/kinetics/fit.h"

#include <QString>
#include <QStringList>

#include <vector>

namespace insitu::app {

/// Points of one front in the units results are given in.
struct FrontSeries
{
    std::vector<double> x; ///< time (s), or frame number when the time is unknown
    std::vector<double> y; ///< position along the path (nm), or px when the size is unknown
    QString xUnit;         ///< "s" or "frame"
    QString yUnit;         ///< "nm" or "px"
};

/// Time and position of every frame of track, calibrated by calibration.
[[nodiscard]] FrontSeries frontSeries(const FrontTrack& track, const Calibration& calibration);

/// Fits L(t) of every front of result with options (model, formula, window; units are set
/// from the calibration), as insitu::fitFronts does: fronts with fewer than kMinFramesToFit
/// frames, and fronts whose fit throws, keep no fit. Returns one message per front not fitted.
QStringList fitAllFronts(FrontResult& result, const Calibration& calibration, FitOptions options);

} // namespace insitu::app
