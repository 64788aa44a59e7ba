// Grain-size histogram with its median line.

#include "grain_plot.h"

#include "journal_style.h"

#include "insitu/crystal/grain_analysis.h"

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

namespace insitu::plot {

HistogramBins histogramBins(const std::vector<double>& values)
{
    HistogramBins bins;
    if (values.empty())
        return bins;
    std::vector<double> v = values;
    std::sort(v.begin(), v.end());
    const double lo = v.front();
    const double hi = v.back();
    const double iqr = v[v.size() * 3 / 4] - v[v.size() / 4];
    const double n = static_cast<double>(v.size());
    double width = 2 * iqr / std::cbrt(n);
    if (!(width > 0))
        width = hi > lo ? (hi - lo) / 5 : std::max(1.0, std::abs(lo) * 0.1);
    if (n >= 10 && hi > lo)
        width = std::min(width, (hi - lo) / 5);
    const int count = std::max(1, static_cast<int>(std::floor((hi - lo) / width)) + 1);
    bins.width = width;
    bins.counts.fill(0, count);
    for (int b = 0; b < count; ++b)
        bins.centres.push_back(lo + (b + 0.5) * width);
    for (double x : v)
        bins.counts[std::min(count - 1, static_cast<int>((x - lo) / width))] += 1;
    return bins;
}

void fillGrainHistogram(QCustomPlot& plot, const std::vector<Grain>& grains,
                        std::optional<double> nmPerPixel)
{
    plot.clearPlottables();
    plot.clearItems();
    applyJournalStyle(plot);
    const bool nm = nmPerPixel.has_value();
    const std::vector<double> ecd = interiorEcds(grains, nm);
    const HistogramBins bins = histogramBins(ecd);
    auto* bars = new QCPBars(plot.xAxis, plot.yAxis);
    bars->setWidth(bins.width);
    bars->setData(bins.centres, bins.counts);
    bars->setPen(QPen(okabeIto(4), 0.8));
    bars->setBrush(okabeIto(1));
    plot.xAxis->setLabel(axisLabel("equivalent circle diameter", nm ? "nm" : "px"));
    plot.yAxis->setLabel(axisLabel("grains", ""));
    double top = 1;
    for (double c : bins.counts)
        top = std::max(top, c);
    if (!ecd.empty()) {
        std::vector<double> sorted = ecd;
        std::sort(sorted.begin(), sorted.end());
        const double median = sorted[sorted.size() / 2];
        auto* line = new QCPItemStraightLine(&plot);
        line->point1->setCoords(median, 0);
        line->point2->setCoords(median, 1);
        line->setPen(QPen(neutralGrey(), 1.0, Qt::DashLine));
        const double lo = bins.centres.front() - bins.width;
        const double hi = bins.centres.back() + bins.width;
        plot.xAxis->setRange(std::max(0.0, lo), hi);
    }
    plot.yAxis->setRange(0, top * 1.1);
    plot.replot();
}

std::unique_ptr<QCustomPlot> makeGrainHistogram(const std::vector<Grain>& grains,
                                                std::optional<double> nmPerPixel)
{
    auto plot = std::make_unique<QCustomPlot>();
    fillGrainHistogram(*plot, grains, nmPerPixel);
    return plot;
}

} // namespace insitu::plot
