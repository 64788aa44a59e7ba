#include "kymograph_plot.h"

#include "journal_style.h"
#include "plot_units.h"

#include "insitu/export/csv_export.h"

#include <qcustomplot.h>

#include <algorithm>

namespace insitu::plot {

namespace {

QCPRange percentileRange(const std::vector<float>& values)
{
    std::vector<float> sorted = values;
    if (sorted.empty())
        return {0, 1};
    auto at = [&sorted](double q) {
        const auto k = static_cast<std::size_t>(q * static_cast<double>(sorted.size() - 1));
        std::nth_element(sorted.begin(), sorted.begin() + static_cast<std::ptrdiff_t>(k),
                         sorted.end());
        return static_cast<double>(sorted[k]);
    };
    const double low = at(0.01);
    const double high = at(0.99);
    return high > low ? QCPRange(low, high) : QCPRange(low, low + 1);
}

} // namespace

void fillKymographPlot(QCustomPlot& plot, const ImageF32& kymograph, const FrontResult& fronts,
                       const Calibration& calibration, double stepPx)
{
    plot.clearPlottables();
    plot.clearItems();
    plot.legend->setVisible(false);
    const PlotUnits units = plotUnits(calibration, kymograph.rows);

    const double lastPosition = units.length(std::max(kymograph.cols - 1, 0) * stepPx);
    const double firstTime = units.time(calibration, 0);
    const double lastTime = units.time(calibration, std::max(kymograph.rows - 1, 0));
    if (kymograph.rows > 0 && kymograph.cols > 0 &&
        kymograph.values.size() == static_cast<std::size_t>(kymograph.rows) * kymograph.cols) {
        auto* map = new QCPColorMap(plot.xAxis, plot.yAxis);
        // Cell centres span [first, last]; per-frame timestamps are shown on a uniform grid.
        map->data()->setSize(kymograph.cols, kymograph.rows);
        map->data()->setRange(QCPRange(0, lastPosition), QCPRange(firstTime, lastTime));
        for (int row = 0; row < kymograph.rows; ++row)
            for (int col = 0; col < kymograph.cols; ++col)
                map->data()->setCell(
                    col, row,
                    kymograph.values[static_cast<std::size_t>(row) * kymograph.cols + col]);
        map->setGradient(QCPColorGradient::gpGrayscale);
        map->setInterpolate(false);
        map->setDataRange(percentileRange(kymograph.values));
    }
    for (const auto& track : fronts.fronts) {
        QVector<double> t, position;
        for (std::size_t i = 0; i < track.frames.size() && i < track.positionsPx.size(); ++i) {
            t.push_back(units.time(calibration, track.frames[i]));
            position.push_back(units.length(track.positionsPx[i]));
        }
        auto* curve = new QCPCurve(plot.xAxis, plot.yAxis);
        curve->setData(position, t);
        curve->setPen(QPen(okabeIto(track.index), 1.5));
        curve->setName(QString::fromStdString(frontName(track.index)));
    }
    plot.xAxis->setLabel(axisLabel(QStringLiteral("position along ROI"), units.lengthUnit()));
    plot.yAxis->setLabel(units.timeLabel());
    plot.rescaleAxes();
    if (kymograph.rows > 0 && kymograph.cols > 0) {
        // Show whole pixels: half a cell beyond the first and last centres.
        const double halfX = units.length(0.5 * stepPx);
        const double halfY =
            kymograph.rows > 1 ? 0.5 * (lastTime - firstTime) / (kymograph.rows - 1) : 0.5;
        plot.xAxis->setRange(-halfX, lastPosition + halfX);
        plot.yAxis->setRange(firstTime - halfY, lastTime + halfY);
    }
    plot.yAxis->setRangeReversed(true); // time runs downwards, as in a kymograph
    applyJournalStyle(plot);
}

std::unique_ptr<QCustomPlot> makeKymographPlot(const ImageF32& kymograph, const FrontResult& fronts,
                                               const Calibration& calibration, double stepPx)
{
    auto plot = std::make_unique<QCustomPlot>();
    fillKymographPlot(*plot, kymograph, fronts, calibration, stepPx);
    return plot;
}

} // namespace insitu::plot
