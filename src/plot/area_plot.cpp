#include "area_plot.h"

#include "fit_curve.h"
#include "journal_style.h"
#include "plot_units.h"

#include <qcustomplot.h>

#include <algorithm>

namespace insitu::plot {

namespace {

void addFit(QCustomPlot& plot, const FitResult& fit, const QColor& colour, const PlotUnits& units,
            const AreaPlotOptions& options)
{
    const bool xMatches = fit.xUnit.empty() || fit.xUnit == (units.timeKnown ? "s" : "frame");
    if (!xMatches || fit.x.empty())
        return;
    const auto [minX, maxX] = std::minmax_element(fit.x.begin(), fit.x.end());
    const auto curve = fitCurve(fit, *minX, *maxX);
    if (!curve)
        return;
    const QVector<double> x = toQVector(curve->x);
    if (options.showBand && !curve->low.empty()) {
        QColor fill = colour;
        fill.setAlpha(60);
        QCPGraph* low = plot.addGraph();
        low->setData(x, toQVector(curve->low), true);
        low->setPen(Qt::NoPen);
        low->removeFromLegend();
        QCPGraph* high = plot.addGraph();
        high->setData(x, toQVector(curve->high), true);
        high->setPen(Qt::NoPen);
        high->setBrush(fill);
        high->setChannelFillGraph(low);
        high->removeFromLegend();
    }
    QCPGraph* line = plot.addGraph();
    line->setData(x, toQVector(curve->y), true);
    line->setPen(QPen(colour.darker(140), 1.5));
    line->removeFromLegend(); // the particle's legend entry names its model
}

void addEvent(QCustomPlot& plot, const AreaEvent& event, double x, const QColor& colour)
{
    auto* line = new QCPItemStraightLine(&plot);
    line->point1->setCoords(x, 0);
    line->point2->setCoords(x, 1);
    const bool crack = event.kind == "crack";
    line->setPen(
        QPen(crack ? colour.darker(140) : neutralGrey(), 1, crack ? Qt::SolidLine : Qt::DashLine));
    auto* label = new QCPItemText(&plot);
    label->position->setTypeY(QCPItemPosition::ptAxisRectRatio);
    // At the foot of the line, reading upwards (the legend sits in a top or bottom left corner).
    label->position->setCoords(x, 0.98);
    label->setPositionAlignment(Qt::AlignTop | Qt::AlignLeft);
    label->setRotation(-90);
    label->setFont(journalFont(7));
    label->setColor(crack ? colour.darker(140) : neutralGrey());
    label->setText(crack ? QStringLiteral("step %1%2")
                               .arg(event.areaRatioStep >= 0 ? QStringLiteral("+") : QString())
                               .arg(event.areaRatioStep, 0, 'f', 3)
                         : QString::fromStdString(event.kind));
}

} // namespace

void fillAreaPlot(QCustomPlot& plot, const AreaResult& areas, const Calibration& calibration,
                  int frameCount, const AreaPlotOptions& options)
{
    plot.clearPlottables();
    plot.clearItems();
    const PlotUnits units = plotUnits(calibration, frameCount);
    plot.legend->setVisible(true);
    for (const AreaTrack& track : areas.particles) {
        const QColor colour = okabeIto(track.index);
        QVector<double> t, ratio;
        for (std::size_t i = 0; i < track.frames.size() && i < track.areaRatio.size(); ++i) {
            t.push_back(units.time(calibration, track.frames[i]));
            ratio.push_back(track.areaRatio[i]);
        }
        QCPGraph* data = plot.addGraph();
        data->setData(t, ratio);
        data->setLineStyle(QCPGraph::lsNone);
        data->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, colour, colour, 3));
        data->setPen(QPen(colour));
        const bool fitDrawn = options.showFit && track.fit;
        data->setName(fitDrawn ? QStringLiteral("particle %1 (%2 fit)")
                                     .arg(track.index)
                                     .arg(QString::fromStdString(track.fit->model))
                               : QStringLiteral("particle %1").arg(track.index));
        if (options.showFit && track.fit)
            addFit(plot, *track.fit, colour, units, options);
    }
    plot.xAxis->setLabel(units.timeLabel());
    plot.yAxis->setLabel(QStringLiteral("A/A₀"));
    plot.rescaleAxes();
    plot.xAxis->scaleRange(1.05, plot.xAxis->range().center());
    plot.yAxis->scaleRange(1.1, plot.yAxis->range().center());
    // Growth rises from bottom left to top right: the top left is empty (bottom left for
    // shrinking).
    double lastRatioSum = 0;
    for (const AreaTrack& track : areas.particles)
        lastRatioSum += track.areaRatio.empty() ? 1 : track.areaRatio.back() - 1;
    plot.axisRect()->insetLayout()->setInsetAlignment(
        0, Qt::AlignLeft | (lastRatioSum >= 0 ? Qt::AlignTop : Qt::AlignBottom));
    if (options.showEvents)
        for (const AreaTrack& track : areas.particles)
            for (const AreaEvent& event : track.events)
                addEvent(plot, event, units.time(calibration, event.frame), okabeIto(track.index));
    applyJournalStyle(plot);
}

std::unique_ptr<QCustomPlot> makeAreaPlot(const AreaResult& areas, const Calibration& calibration,
                                          int frameCount, const AreaPlotOptions& options)
{
    auto plot = std::make_unique<QCustomPlot>();
    fillAreaPlot(*plot, areas, calibration, frameCount, options);
    return plot;
}

} // namespace insitu::plot
