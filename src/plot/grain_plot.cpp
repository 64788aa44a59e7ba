// Grain-size histogram with its median and kernel-density mode lines and the lognormal fit.

#include "grain_plot.h"

#include "journal_style.h"

#include "insitu/crystal/grain_analysis.h"
#include "insitu/crystal/grain_statistics.h"

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

namespace insitu::plot {

namespace {

constexpr double kPi = 3.14159265358979323846;

/// A vertical dashed line at x, named in the legend.
void addMarker(QCustomPlot& plot, double x, double top, const QColor& colour, const QString& name)
{
    QCPGraph* line = plot.addGraph();
    line->setData(QVector<double>{x, x}, QVector<double>{0, top});
    line->setPen(QPen(colour, 1.2, Qt::DashLine));
    line->setName(name);
}

/// "19.8 [19.1, 20.5] nm": a value with its 95 % interval.
QString withInterval(const ValueInterval& v, const QString& unit)
{
    return QStringLiteral("%1 [%2, %3] %4")
        .arg(v.value, 0, 'g', 3)
        .arg(v.low, 0, 'g', 3)
        .arg(v.high, 0, 'g', 3)
        .arg(unit);
}

} // namespace

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
    const QString unit = nm ? QStringLiteral("nm") : QStringLiteral("px");
    bars->setName(QStringLiteral("%1 grains").arg(ecd.size()));
    if (!ecd.empty()) {
        const double lo = std::max(0.0, bins.centres.front() - bins.width);
        const double hi = bins.centres.back() + bins.width;
        plot.xAxis->setRange(lo, hi);
    }
    if (ecd.size() >= 2) {
        const EcdStatistics stats = ecdStatistics(ecd);
        const double mu = stats.logMu.value;
        const double sigma = stats.logSigma.value;
        if (std::isfinite(mu) && sigma > 0) {
            // Expected grains per bin of the lognormal fit: n · width · f(d).
            QVector<double> x, y;
            const double scale = static_cast<double>(ecd.size()) * bins.width;
            const double lo = plot.xAxis->range().lower, hi = plot.xAxis->range().upper;
            for (int i = 0; i <= 200; ++i) {
                const double d = lo + (hi - lo) * i / 200.0;
                if (d <= 0)
                    continue;
                const double z = (std::log(d) - mu) / sigma;
                x.push_back(d);
                y.push_back(scale * std::exp(-0.5 * z * z) / (d * sigma * std::sqrt(2 * kPi)));
                top = std::max(top, y.back());
            }
            QCPGraph* fit = plot.addGraph();
            fit->setData(x, y, true);
            fit->setPen(QPen(okabeIto(5), 1.5));
            fit->setName(QStringLiteral("lognormal fit, σ_ln = %1").arg(sigma, 0, 'f', 2));
        }
        addMarker(plot, stats.median.value, top * 1.1, neutralGrey(),
                  QStringLiteral("median ") + withInterval(stats.median, unit));
        if (std::isfinite(stats.mode.value))
            addMarker(plot, stats.mode.value, top * 1.1, okabeIto(2),
                      QStringLiteral("mode ") + withInterval(stats.mode, unit));
    }
    plot.legend->setVisible(true);
    plot.legend->setFont(journalFont(7));
    plot.axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignRight);
    plot.yAxis->setRange(0, top * 1.1);
    applyJournalStyle(plot);
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
