#pragma once
// Front series: a tracked front as calibrated (time, position) points, and its fit's band.

#include "insitu/calibration.h"
#include "insitu/front/front_result.h"

#include <QString>

#include <vector>

namespace insitu::app {

/// Points of one front in the units results are given in.
struct FrontSeries
{
    std::vector<double> x;  ///< time (s), or frame number when the time is unknown
    std::vector<double> y;  ///< position along the path (nm), or px when the size is unknown
    QString xUnit;          ///< "s" or "frame"
    QString yUnit;          ///< "nm" or "px"
};

/// Time and position of every frame of track, calibrated by calibration.
[[nodiscard]] FrontSeries frontSeries(const FrontTrack& track, const Calibration& calibration);

/// Fit curve and its 95 % confidence band at samples points over [xFrom, xTo]: the core
/// fitBand (the fit's own reported intervals); empty when the model cannot be rebuilt.
struct FitCurve
{
    std::vector<double> x, y, low, high;
};
[[nodiscard]] FitCurve fitCurve(const FitResult& fit, const std::string& lengthUnit,
                                const std::string& timeUnit, double xFrom, double xTo, int samples = 200);

} // namespace insitu::app
