#include "panels/front_series.h"

#include "insitu/front/front_fit.h"

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

QStringList fitAllFronts(FrontResult& result, const Calibration& calibration, int frameCount,
                         const FitOptions& options)
{
    // The one kinetics-of-fronts path of the core (as `insitu front`): per-frame estimates, the
    // too-few-frames rule and the default interval method.
    for (const FrontTrack& track : result.fronts)
        for (const int frame : track.frames)
            frameCount = std::max(frameCount, frame + 1);
    QStringList problems;
    for (const std::string& warning :
         fitFronts(result, frameTimesS(calibration, frameCount), calibration.nmPerPixel, options))
        problems << QString::fromStdString(warning);
    return problems;
}

FitOptions fitOptionsOf(const FrontFitSettings& settings)
{
    FitOptions options;
    options.model = settings.model;
    options.formula = settings.formula;
    options.windowStart = settings.windowStartS;
    options.windowEnd = settings.windowEndS;
    return options;
}

void FrontFitRequest::apply(FrontResult& result) const
{
    if (result.fronts.empty() || (settings.model == "formula" && settings.formula.empty()))
        return;
    fitAllFronts(result, calibration, frameCount, fitOptionsOf(settings));
}

} // namespace insitu::app
