#include "panels/front_series.h"

#include "panels/fit_warnings.h"

#include <QCoreApplication>

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

QStringList fitAllFronts(FrontResult& result, const Calibration& calibration, FitOptions options)
{
    QStringList problems;
    for (FrontTrack& track : result.fronts) {
        track.fit.reset();
        if (static_cast<int>(track.frames.size()) < kMinFramesToFit) {
            problems << fitWarning(track);
            continue;
        }
        const FrontSeries series = frontSeries(track, calibration);
        options.units = ModelUnits{series.yUnit.toStdString(), series.xUnit.toStdString()};
        try {
            track.fit = fit(series.x, series.y, options);
        } catch (const std::exception& e) {
            problems << QCoreApplication::translate("FrontSeries", "%1 not fitted: %2")
                            .arg(frontLabel(track), QString::fromUtf8(e.what()));
        }
    }
    return problems;
}

} // namespace insitu::app
