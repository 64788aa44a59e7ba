#include "panels/front_series.h"

#include "insitu/kinetics/fit_band.h"

#include <algorithm>

namespace insitu::app {

FrontSeries frontSeries(const FrontTrack& track, const Calibration& calibration)
{
    FrontSeries series;
    const bool timed = calibration.timeOfFrameS(0).has_value();
    series.xUnit = timed ? QStringLiteral("s") : QStringLiteral("frame");
    series.yUnit = calibration.nmPerPixel ? QStringLiteral("nm") : QStringLiteral("px");
    for (std::size_t i = 0; i < track.frames.size(); ++i) {
        const int frame = track.frames[i];
        series.x.push_back(timed ? *calibration.timeOfFrameS(frame) : frame);
        series.y.push_back(track.positionsPx[i] * calibration.nmPerPixel.value_or(1.0));
    }
    return series;
}

FitCurve fitCurve(const FitResult& fit, const std::string& lengthUnit, const std::string& timeUnit,
                  double xFrom, double xTo, int samples)
{
    // The one band of the core (the fit's own reported intervals), as in the exported plots.
    FitResult withUnits = fit;
    if (withUnits.yUnit.empty())
        withUnits.yUnit = lengthUnit;
    if (withUnits.xUnit.empty())
        withUnits.xUnit = timeUnit;
    std::vector<double> xs;
    for (int i = 0; i < samples; ++i)
        xs.push_back(xFrom + (xTo - xFrom) * i / std::max(samples - 1, 1));
    FitCurve curve;
    const auto band = fitBand(withUnits, xs);
    if (!band)
        return curve;
    curve.x = band->x;
    curve.y = band->y;
    curve.low = band->low.empty() ? band->y : band->low;
    curve.high = band->high.empty() ? band->y : band->high;
    return curve;
}

} // namespace insitu::app
