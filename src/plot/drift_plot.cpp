#include "drift_plot.h"

#include "journal_style.h"
#include "plot_units.h"

#include <qcustomplot.h>

namespace insitu::plot {

void fillDriftPlot(QCustomPlot& plot, const DriftResult& drift, const Calibration& calibration)
{
    plot.clearPlottables();
    plot.clearItems();
    const PlotUnits units = plotUnits(calibration, drift.frameCount());
    plot.legend->setVisible(true);
    plot.axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignLeft);

    QVector<double> t, dx, dy, ti, dxi, dyi;
    for (int k = 0; k < drift.frameCount() && k < static_cast<int>(drift.dyPx.size()); ++k) {
        const auto i = static_cast<std::size_t>(k);
        t.push_back(units.time(calibration, k));
        dx.push_back(units.length(drift.dxPx[i]));
        dy.push_back(units.length(drift.dyPx[i]));
        if (i < drift.interpolated.size() && drift.interpolated[i]) {
            ti.push_back(t.back());
            dxi.push_back(dx.back());
            dyi.push_back(dy.back());
        }
    }
    const std::pair<const char*, const QVector<double>*> series[] = {{"dx", &dx}, {"dy", &dy}};
    for (int s = 0; s < 2; ++s) {
        QCPGraph* graph = plot.addGraph();
        graph->setData(t, *series[s].second, true);
        graph->setPen(QPen(okabeIto(s == 0 ? 0 : 4), 1.5));
        graph->setName(QString::fromLatin1(series[s].first));
    }
    if (!ti.isEmpty()) {
        for (const auto* values : {&dxi, &dyi}) {
            QCPGraph* marks = plot.addGraph();
            marks->setData(ti, *values, true);
            marks->setLineStyle(QCPGraph::lsNone);
            marks->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, Qt::black, 5));
            marks->setName(QStringLiteral("interpolated"));
            if (values == &dyi)
                marks->removeFromLegend();
        }
    }
    plot.yAxis->setRangeReversed(false);
    plot.xAxis->setLabel(units.timeLabel());
    plot.yAxis->setLabel(axisLabel(QStringLiteral("drift"), units.lengthUnit()));
    plot.rescaleAxes();
    plot.xAxis->scaleRange(1.05, plot.xAxis->range().center());
    plot.yAxis->scaleRange(1.15, plot.yAxis->range().center());
    applyJournalStyle(plot);
}

std::unique_ptr<QCustomPlot> makeDriftPlot(const DriftResult& drift, const Calibration& calibration)
{
    auto plot = std::make_unique<QCustomPlot>();
    fillDriftPlot(*plot, drift, calibration);
    return plot;
}

} // namespace insitu::plot
