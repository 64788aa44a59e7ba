#include "fft_plot.h"

#include "journal_style.h"

#include <opencv2/imgproc.hpp>
#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

namespace insitu::plot {

QString fftPeakLabel(const FftPeakResult& peak)
{
    QString text;
    if (peak.dNm) {
        // σ to two significant digits sets the decimals of d.
        const double err = peak.dErrNm.value_or(0);
        const int decimals =
            err > 0 ? std::clamp(1 - static_cast<int>(std::floor(std::log10(err))), 1, 6) : 4;
        text = err > 0 ? QStringLiteral("%1 ± %2 nm")
                             .arg(*peak.dNm, 0, 'f', decimals)
                             .arg(err, 0, 'f', decimals)
                       : QStringLiteral("%1 nm").arg(*peak.dNm, 0, 'f', decimals);
    } else {
        text = QStringLiteral("%1 px").arg(1 / peak.peak.kPerPx, 0, 'f', 2);
    }
    if (peak.match)
        text += QStringLiteral(" %1 %2").arg(QString::fromStdString(peak.match->phase),
                                             QString::fromStdString(peak.match->hkl));
    return text;
}

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
        label->setText(fftPeakLabel(peak));
    }
    // The legend below the axes, clear of the rotated peak labels.
    QCPLayoutInset* inset = plot.axisRect()->insetLayout();
    if (inset->elements(false).contains(plot.legend) && inset->take(plot.legend)) { // once
        plot.plotLayout()->addElement(1, 0, plot.legend);
        plot.plotLayout()->setRowStretchFactor(1, 0.001);
        plot.legend->setWrap(2);
    }
    plot.legend->setFillOrder(QCPLayoutGrid::foColumnsFirst, true);
    plot.legend->setVisible(true);
    applyJournalStyle(plot);
}

std::unique_ptr<QCustomPlot> makeFftProfilePlot(const FftResult& result)
{
    auto plot = std::make_unique<QCustomPlot>();
    fillFftProfilePlot(*plot, result);
    return plot;
}

void fillFftSpectrumPlot(QCustomPlot& plot, const FftResult& result)
{
    plot.clearPlottables();
    plot.clearItems();
    plot.legend->setVisible(false);
    const cv::Mat& power = result.spectrum.power;
    const double toAxis = result.nmPerPixel ? 1.0 / *result.nmPerPixel : 1.0;
    double kMaxPerPx = 0;
    for (const FftPeakResult& p : result.peaks)
        kMaxPerPx = std::max(kMaxPerPx, p.peak.kPerPx);
    kMaxPerPx = kMaxPerPx > 0 ? std::min(0.5, 1.25 * kMaxPerPx) : 0.5;
    const QString unit = result.nmPerPixel ? QStringLiteral("nm⁻¹") : QStringLiteral("cycles/px");
    plot.xAxis->setLabel(axisLabel(QStringLiteral("kx"), unit));
    plot.yAxis->setLabel(axisLabel(QStringLiteral("ky"), unit));
    if (!power.empty()) {
        // The central window |kx|, |ky| ≤ kMax, at most 768 cells a side (area-averaged).
        const int halfCols = std::min(power.cols / 2, static_cast<int>(kMaxPerPx * power.cols));
        const int halfRows = std::min(power.rows / 2, static_cast<int>(kMaxPerPx * power.rows));
        const cv::Rect window(power.cols / 2 - halfCols, power.rows / 2 - halfRows, 2 * halfCols,
                              2 * halfRows);
        cv::Mat shown = logPowerImage(power)(window);
        const int side = 768;
        if (shown.cols > side || shown.rows > side)
            cv::resize(shown, shown,
                       cv::Size(std::min(shown.cols, side), std::min(shown.rows, side)), 0, 0,
                       cv::INTER_AREA);
        auto* map = new QCPColorMap(plot.xAxis, plot.yAxis);
        map->data()->setSize(shown.cols, shown.rows);
        const double kx = halfCols * result.spectrum.dkxPerPx() * toAxis;
        const double ky = halfRows * result.spectrum.dkyPerPx() * toAxis;
        map->data()->setRange(QCPRange(-kx, kx), QCPRange(-ky, ky));
        // Row 0 of the image is the most negative ky; the y axis points up.
        for (int r = 0; r < shown.rows; ++r)
            for (int c = 0; c < shown.cols; ++c)
                map->data()->setCell(c, r, shown.at<float>(r, c));
        map->setGradient(QCPColorGradient::gpGrayscale);
        map->setInterpolate(false);
        map->rescaleDataRange(true);
        map->removeFromLegend();
        plot.xAxis->setRange(-kx, kx);
        plot.yAxis->setRange(-ky, ky);
        plot.yAxis->setRangeReversed(true); // ky down, as the image's rows
    }
    for (std::size_t i = 0; i < result.peaks.size(); ++i) {
        const FftPeakResult& peak = result.peaks[i];
        const double k = peak.peak.kPerPx * toAxis;
        const QPen pen(okabeIto(static_cast<int>(i % 7)), 1, Qt::DashLine);
        auto* ring = new QCPItemEllipse(&plot);
        ring->topLeft->setCoords(-k, -k);
        ring->bottomRight->setCoords(k, k);
        ring->setPen(pen);
        QCPGraph* entry = plot.addGraph(); // no data: the ring's legend entry
        entry->setPen(pen);
        entry->setName(fftPeakLabel(peak));
    }
    // The legend below the image, one entry a row, so that no label hides a spot.
    QCPLayoutInset* inset = plot.axisRect()->insetLayout();
    if (inset->elements(false).contains(plot.legend) && inset->take(plot.legend)) { // once
        plot.plotLayout()->addElement(1, 0, plot.legend);
        plot.plotLayout()->setRowStretchFactor(1, 0.001);
        plot.legend->setWrap(1);
    }
    plot.legend->setFillOrder(QCPLayoutGrid::foColumnsFirst, true); // re-wrap the entries
    plot.legend->setVisible(!result.peaks.empty());
    plot.legend->setFont(journalFont(7));
    // One scale for kx and ky (rings stay circles) at whatever size the figure is drawn.
    const double kxMax = plot.xAxis->range().upper, kyMax = std::abs(plot.yAxis->range().upper);
    QObject::disconnect(&plot, &QCustomPlot::afterLayout, &plot, nullptr);
    QObject::connect(&plot, &QCustomPlot::afterLayout, &plot, [&plot, kxMax, kyMax] {
        const QRect rect = plot.axisRect()->rect();
        if (rect.width() <= 0 || rect.height() <= 0)
            return;
        const double perPx = std::max(2 * kxMax / rect.width(), 2 * kyMax / rect.height());
        plot.xAxis->setRange(-perPx * rect.width() / 2, perPx * rect.width() / 2);
        plot.yAxis->setRange(-perPx * rect.height() / 2, perPx * rect.height() / 2);
    });
    applyJournalStyle(plot);
}

std::unique_ptr<QCustomPlot> makeFftSpectrumPlot(const FftResult& result)
{
    auto plot = std::make_unique<QCustomPlot>();
    fillFftSpectrumPlot(*plot, result);
    return plot;
}

} // namespace insitu::plot
