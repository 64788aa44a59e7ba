// Particle size histograms with lognormal fits and d*, and counts per frame window.

#include "particle_plot.h"

#include "journal_style.h"

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>
#include <map>

namespace insitu::plot {

namespace {

double lognormalPdf(double d, double mu, double sigma)
{
    if (!(d > 0) || !(sigma > 0))
        return 0;
    const double z = (std::log(d) - mu) / sigma;
    return std::exp(-0.5 * z * z) / (d * sigma * std::sqrt(2 * M_PI));
}

QString number(double v, int digits = 3)
{
    return QString::number(v, 'g', digits);
}

void verticalLine(QCustomPlot& plot, double x, const QPen& pen)
{
    auto* line = new QCPItemStraightLine(&plot);
    line->point1->setCoords(x, 0);
    line->point2->setCoords(x, 1);
    line->setPen(pen);
}

} // namespace

void fillParticleHistogram(QCustomPlot& plot, const ParticleResult& result)
{
    plot.clearPlottables();
    plot.clearItems();
    applyJournalStyle(plot);
    const bool nm = result.nmPerPixel.has_value();
    const QString unit = nm ? "nm" : "px";
    plot.xAxis->setLabel(axisLabel("equivalent circle diameter", unit));
    plot.yAxis->setLabel(axisLabel("particles", ""));
    const std::vector<double>& edges = result.binEdges;
    double top = 1;
    if (edges.size() >= 2) {
        const double width = edges[1] - edges[0];
        for (std::size_t r = 0; r < result.regions.size(); ++r) {
            const RegionStatistics& s = result.regions[r];
            const QColor colour = okabeIto(static_cast<int>(r) + 1);
            QVector<double> centres, counts;
            for (std::size_t b = 0; b + 1 < edges.size() && b < s.numberHistogram.size(); ++b) {
                centres.push_back((edges[b] + edges[b + 1]) / 2);
                counts.push_back(s.numberHistogram[b]);
                top = std::max(top, s.numberHistogram[b]);
            }
            auto* bars = new QCPBars(plot.xAxis, plot.yAxis);
            QString name = QString::fromStdString(s.name) + " (n = " + QString::number(s.count);
            if (s.lognormal)
                name += ", lognormal median " + number(s.lognormal->median.value) + " " + unit;
            bars->setName(name + ")");
            bars->setWidth(width);
            bars->setData(centres, counts);
            bars->setPen(QPen(colour, 0.8));
            QColor fill = colour;
            fill.setAlphaF(result.regions.size() > 1 ? 0.45 : 0.8);
            bars->setBrush(fill);
            if (!s.lognormal)
                continue;
            QVector<double> x, y;
            const int samples = 200;
            for (int i = 0; i <= samples; ++i) {
                const double d = edges.front() + (edges.back() - edges.front()) * i / samples;
                x.push_back(d);
                y.push_back(s.count * width *
                            lognormalPdf(d, s.lognormal->mu.value, s.lognormal->sigma.value));
            }
            auto* curve = plot.addGraph();
            curve->setData(x, y);
            curve->setPen(QPen(colour.darker(140), 1.4));
            curve->removeFromLegend();
        }
        plot.xAxis->setRange(std::max(0.0, edges.front() - width), edges.back() + width);
    }
    plot.yAxis->setRange(0, top * (result.comparison ? 1.9 : 1.5)); // room for the labels
    if (result.comparison) {
        const SizeComparison& c = *result.comparison;
        QString text = "KS p = " + number(c.ksP, 2) + ",  AD p = " + number(c.adP, 2);
        if (c.criticalSize) {
            auto* band = new QCPItemRect(&plot);
            for (QCPItemPosition* corner : {band->topLeft, band->bottomRight}) {
                corner->setTypeX(QCPItemPosition::ptPlotCoords);
                corner->setTypeY(QCPItemPosition::ptAxisRectRatio);
            }
            band->topLeft->setCoords(c.criticalSize->lo, 0);
            band->bottomRight->setCoords(c.criticalSize->hi, 1);
            QColor shade = neutralGrey();
            shade.setAlphaF(0.25);
            band->setPen(Qt::NoPen);
            band->setBrush(shade);
            verticalLine(plot, c.criticalSize->value, QPen(Qt::black, 1.2));
            text += "\nd* = " + number(c.criticalSize->value) + " " + unit + " [" +
                    number(c.criticalSize->lo) + ", " + number(c.criticalSize->hi) + "]";
        }
        verticalLine(plot, c.ksSeparation, QPen(Qt::black, 1.0, Qt::DashLine));
        text += "\nKS separation " + number(c.ksSeparation) + " " + unit;
        auto* label = new QCPItemText(&plot);
        label->position->setType(QCPItemPosition::ptAxisRectRatio);
        label->position->setCoords(0.98, 0.2); // under the legend
        label->setPositionAlignment(Qt::AlignRight | Qt::AlignTop);
        label->setTextAlignment(Qt::AlignRight);
        label->setFont(journalFont(6));
        label->setText(text);
    }
    plot.legend->setVisible(!result.regions.empty());
    plot.legend->setFont(journalFont(6));
    plot.legend->setIconSize(12, 7);
    plot.legend->setRowSpacing(0);
    plot.legend->setBrush(Qt::NoBrush);
    plot.axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignRight | Qt::AlignTop);
    plot.replot();
}

std::unique_ptr<QCustomPlot> makeParticleHistogram(const ParticleResult& result)
{
    auto plot = std::make_unique<QCustomPlot>();
    fillParticleHistogram(*plot, result);
    return plot;
}

void fillParticleWindowPlot(QCustomPlot& plot, const std::vector<ParticleWindowRow>& rows,
                            bool calibrated)
{
    plot.clearPlottables();
    plot.clearItems();
    applyJournalStyle(plot);
    const bool timed = !rows.empty() &&
                       std::all_of(rows.begin(), rows.end(),
                                   [](const ParticleWindowRow& r) { return r.timeS.has_value(); });
    plot.xAxis->setLabel(timed ? axisLabel("time", "s") : axisLabel("window centre", "frame"));
    plot.yAxis->setLabel(axisLabel("particles", ""));
    plot.yAxis2->setVisible(true);
    plot.yAxis2->setLabel(axisLabel("median ECD", calibrated ? "nm" : "px"));
    std::vector<std::string> order;
    std::map<std::string, std::pair<QVector<double>, QVector<double>>> count, median;
    double xLo = 1e300, xHi = -1e300, countTop = 1, medianTop = 1;
    for (const ParticleWindowRow& r : rows) {
        if (!count.count(r.region))
            order.push_back(r.region);
        const double x = timed ? *r.timeS : (r.firstFrame + r.lastFrame) / 2.0;
        xLo = std::min(xLo, x);
        xHi = std::max(xHi, x);
        count[r.region].first.push_back(x);
        count[r.region].second.push_back(r.count);
        countTop = std::max(countTop, double(r.count));
        if (std::isfinite(r.ecdMedian)) {
            median[r.region].first.push_back(x);
            median[r.region].second.push_back(r.ecdMedian);
            medianTop = std::max(medianTop, r.ecdMedian);
        }
    }
    for (std::size_t i = 0; i < order.size(); ++i) {
        const QColor colour = okabeIto(static_cast<int>(i) + 1);
        auto* g = plot.addGraph(plot.xAxis, plot.yAxis);
        g->setData(count[order[i]].first, count[order[i]].second);
        g->setPen(QPen(colour, 1.4));
        g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, 4));
        g->setName(QString::fromStdString(order[i]) + " count");
        auto* m = plot.addGraph(plot.xAxis, plot.yAxis2);
        m->setData(median[order[i]].first, median[order[i]].second);
        m->setPen(QPen(colour, 1.0, Qt::DashLine));
        m->setName(QString::fromStdString(order[i]) + " median ECD");
    }
    if (!rows.empty())
        plot.xAxis->setRange(xLo, xHi > xLo ? xHi : xLo + 1);
    plot.yAxis->setRange(0, countTop * 1.6); // room for the legend
    plot.yAxis2->setRange(0, medianTop * 1.6);
    plot.legend->setVisible(!order.empty());
    plot.legend->setFont(journalFont(6));
    plot.legend->setBrush(Qt::NoBrush);
    plot.replot();
}

std::unique_ptr<QCustomPlot> makeParticleWindowPlot(const std::vector<ParticleWindowRow>& rows,
                                                    bool calibrated)
{
    auto plot = std::make_unique<QCustomPlot>();
    fillParticleWindowPlot(*plot, rows, calibrated);
    return plot;
}

} // namespace insitu::plot
