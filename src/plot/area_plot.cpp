#include "area_plot.h"

#include "fit_curve.h"
#include "journal_style.h"
#include "plot_units.h"

#include <qcustomplot.h>

#include <algorithm>

namespace insitu::plot {

namespace {

void addFit(QCustomPlot& plot, const FitResult& fit, const QColor& colour, const PlotUnits& units)
{
    if (fit.x.empty() || (!fit.xUnit.empty() && fit.xUnit != units.timeUnit().toStdString()))
        return;
    const auto [minX, maxX] = std::minmax_element(fit.x.begin(), fit.x.end());
    const auto curve = fitCurve(fit, *minX, *maxX);
    if (!curve)
        return;
    const QVector<double> x = toQVector(curve->x);
    if (!curve->low.empty()) {
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
    line->setName(QStringLiteral("%1 fit").arg(QString::fromStdString(fit.model)));
}

} // namespace

void fillAreaRatioPlot(QCustomPlot& plot, const AreaResult& areas, const Calibration& calibration,
                       int frameCount)
{
    plot.clearPlottables();
    plot.clearItems();
    const PlotUnits units = plotUnits(calibration, frameCount);
    plot.legend->setVisible(true);
    for (const auto& track : areas.particles) {
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
        data->setName(QStringLiteral("particle %1").arg(track.index));
        if (track.fit)
            addFit(plot, *track.fit, colour, units);
    }
    plot.xAxis->setLabel(units.timeLabel());
    plot.yAxis->setLabel(QStringLiteral("A / A0"));
    plot.rescaleAxes();
    plot.xAxis->scaleRange(1.05, plot.xAxis->range().center());
    plot.yAxis->scaleRange(1.1, plot.yAxis->range().center());
    plot.axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignBottom | Qt::AlignRight);
    applyJournalStyle(plot);
}

} // namespace insitu::plot
