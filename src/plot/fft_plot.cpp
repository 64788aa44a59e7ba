#include "fft_plot.h"

#include "journal_style.h"

#include <qcustomplot.h>

#include <cmath>

namespace insitu::plot {

void fillFftProfilePlot(QCustomPlot& plot, const FftResult& result)
{
    plot.clearPlottables();
    plot.clearItems();
    const RadialProfile& p = result.profile;
    const double toAxis = result.nmPerPixel ? 1.0 / *result.nmPerPixel : 1.0;
    QVector<double> k, power, kb, background;
    for (std::size_t i = static_cast<std::size_t>(p.firstBin); i < p.kPerPx.size(); ++i) {
        if (p.count[i] == 0 || !(p.power[i] > 0))
            continue;
        k.push_back(p.kPerPx[i] * toAxis);
        power.push_back(p.power[i]);
        if (std::isfinite(p.background[i]) && p.background[i] > 0) {
            kb.push_back(p.kPerPx[i] * toAxis);
            background.push_back(p.background[i]);
        }
    }
    QCPGraph* profile = plot.addGraph();
    profile->setData(k, power, true);
    profile->setPen(QPen(okabeIto(4), 1.2));
    profile->setName(QStringLiteral("radial profile"));
    QCPGraph* bg = plot.addGraph();
    bg->setData(kb, background, true);
    bg->setPen(QPen(neutralGrey(), 1, Qt::DashLine));
    bg->setName(QStringLiteral("background"));

    plot.yAxis->setScaleType(QCPAxis::stLogarithmic);
    plot.yAxis->setTicker(QSharedPointer<QCPAxisTickerLog>(new QCPAxisTickerLog));
    plot.xAxis->setLabel(result.nmPerPixel
                             ? axisLabel(QStringLiteral("k"), QStringLiteral("nm⁻¹"))
                             : axisLabel(QStringLiteral("k"), QStringLiteral("cycles/px")));
    plot.yAxis->setLabel(QStringLiteral("mean power"));
    plot.rescaleAxes();
    plot.yAxis->scaleRange(1.3, plot.yAxis->range().center());

    for (std::size_t i = 0; i < result.peaks.size(); ++i) {
        const FftPeakResult& peak = result.peaks[i];
        const double x = peak.peak.kPerPx * toAxis;
        auto* line = new QCPItemStraightLine(&plot);
        line->point1->setCoords(x, 1);
        line->point2->setCoords(x, 2);
        line->setPen(QPen(okabeIto(static_cast<int>(i % 7)), 1, Qt::DotLine));
        auto* label = new QCPItemText(&plot);
        label->position->setTypeY(QCPItemPosition::ptAxisRectRatio);
        label->position->setCoords(x, 0.02);
        label->setPositionAlignment(Qt::AlignTop | Qt::AlignRight);
        label->setRotation(-90);
        label->setFont(journalFont(7));
        QString text = peak.dNm ? QStringLiteral("%1 nm").arg(*peak.dNm, 0, 'f', 4)
                                : QStringLiteral("%1 px").arg(1 / peak.peak.kPerPx, 0, 'f', 2);
        if (peak.match)
            text += QStringLiteral(" %1 %2").arg(QString::fromStdString(peak.match->phase),
                                                 QString::fromStdString(peak.match->hkl));
        label->setText(text);
    }
    plot.legend->setVisible(true);
    plot.axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignRight);
    applyJournalStyle(plot);
}

std::unique_ptr<QCustomPlot> makeFftProfilePlot(const FftResult& result)
{
    auto plot = std::make_unique<QCustomPlot>();
    fillFftProfilePlot(*plot, result);
    return plot;
}

} // namespace insitu::plot
