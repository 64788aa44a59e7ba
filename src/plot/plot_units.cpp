#include "plot_units.h"

#include "journal_style.h"

namespace insitu::plot {

QString PlotUnits::timeLabel() const
{
    return timeKnown ? axisLabel(QStringLiteral("time"), QStringLiteral("s"))
                     : QStringLiteral("frame");
}

QString PlotUnits::timeUnit() const
{
    return timeKnown ? QStringLiteral("s") : QStringLiteral("frame");
}

QString PlotUnits::lengthUnit() const
{
    return lengthKnown ? QStringLiteral("nm") : QStringLiteral("px");
}

double PlotUnits::time(const Calibration& calibration, int frame) const
{
    if (timeKnown)
        if (const auto t = calibration.timeOfFrameS(frame))
            return *t;
    return frame;
}

PlotUnits plotUnits(const Calibration& calibration, int frameCount)
{
    PlotUnits units;
    units.timeKnown = calibration.timeOfFrameS(0).has_value() &&
                      calibration.timeOfFrameS(std::max(frameCount - 1, 0)).has_value();
    units.lengthKnown = calibration.nmPerPixel.has_value() && *calibration.nmPerPixel > 0;
    if (units.lengthKnown)
        units.nmPerPixel = *calibration.nmPerPixel;
    return units;
}

QVector<double> toQVector(const std::vector<double>& values)
{
    return QVector<double>(values.begin(), values.end());
}

} // namespace insitu::plot
