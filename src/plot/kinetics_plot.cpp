#include "kinetics_plot.h"

#include "fit_curve.h"
#include "journal_style.h"
#include "plot_units.h"

#include "insitu/export/csv_export.h"

#include <qcustomplot.h>

#include <algorithm>
#include <array>

namespace insitu::plot {

namespace {

/// Factor from the fit's y unit to the plot's length unit; nullopt when they cannot be matched.
std::optional<double> yScale(const FitResult& fit, const PlotUnits& units)
{
    const std::string plotUnit = units.lengthKnown ? "nm" : "px";
    if (fit.yUnit.empty() || fit.yUnit == plotUnit)
        return 1.0;
    if (fit.yUnit == "px" && units.lengthKnown)
        return units.nmPerPixel;
    if (fit.yUnit == "nm" && units.lengthKnown)
        return 1.0;
    return std::nullopt;
}

bool fitXMatches(const FitResult& fit, const PlotUnits& units)
{
    if (fit.xUnit.empty())
        return true;
    return units.timeKnown ? fit.xUnit == "s" : fit.xUnit == "frame";
}

void addFit(QCustomPlot& plot, const FrontTrack& track, const QColor& colour,
            const PlotUnits& units, const KineticsPlotOptions& options)
{
    const FitResult& fit = *track.fit;
    const auto scale = yScale(fit, units);
    if (!scale || !fitXMatches(fit, units) || fit.x.empty())
        return;
    const auto [minX, maxX] = std::minmax_element(fit.x.begin(), fit.x.end());
    const auto curve = fitCurve(fit, *minX, *maxX);
    if (!curve)
        return;
    auto scaled = [&](const std::vector<double>& v) {
        QVector<double> out;
        for (const double y : v)
            out.push_back(y * *scale);
        return out;
    };
    const QVector<double> x = toQVector(curve->x);
    if (options.showBand && !curve->low.empty()) {
        QColor fill = colour;
        fill.setAlpha(60);
        QCPGraph* low = plot.addGraph();
        low->setData(x, scaled(curve->low), true);
        low->setPen(Qt::NoPen);
        low->removeFromLegend();
        QCPGraph* high = plot.addGraph();
        high->setData(x, scaled(curve->high), true);
        high->setPen(Qt::NoPen);
        high->setBrush(fill);
        high->setChannelFillGraph(low);
        high->setName(QStringLiteral("95 % confidence band"));
        high->removeFromLegend();
    }
    QCPGraph* line = plot.addGraph();
    line->setData(x, scaled(curve->y), true);
    QColor dark = colour.darker(140);
    line->setPen(QPen(dark, 1.5));
    line->setName(QStringLiteral("%1 fit").arg(QString::fromStdString(fit.model)));
}

/// The corner of the axis rect whose box (40 % × 40 % of the axis ranges) holds the fewest data
/// points, so the legend covers as little data as possible (bottom right on ties: growth curves
/// rise from bottom left to top right).
Qt::Alignment emptiestCorner(const QCustomPlot& plot)
{
    const QCPRange x = plot.xAxis->range();
    const QCPRange y = plot.yAxis->range();
    const std::array<Qt::Alignment, 4> corners{
        Qt::AlignBottom | Qt::AlignRight, Qt::AlignTop | Qt::AlignLeft,
        Qt::AlignBottom | Qt::AlignLeft, Qt::AlignTop | Qt::AlignRight};
    std::array<int, 4> counts{};
    for (int g = 0; g < plot.graphCount(); ++g)
        for (const QCPGraphData& point : *plot.graph(g)->data()) {
            const double u = (point.key - x.lower) / x.size();
            const double v = (point.value - y.lower) / y.size();
            for (std::size_t c = 0; c < corners.size(); ++c) {
                const bool inX = (corners[c] & Qt::AlignLeft) ? u < 0.4 : u > 0.6;
                const bool inY = (corners[c] & Qt::AlignBottom) ? v < 0.4 : v > 0.6;
                counts[c] += inX && inY ? 1 : 0;
            }
        }
    const auto best = std::min_element(counts.begin(), counts.end()) - counts.begin();
    return corners[static_cast<std::size_t>(best)];
}

} // namespace

void fillKineticsPlot(QCustomPlot& plot, const FrontResult& fronts, const Calibration& calibration,
                      int frameCount, const KineticsPlotOptions& options)
{
    plot.clearPlottables();
    plot.clearItems();
    const PlotUnits units = plotUnits(calibration, frameCount);
    plot.legend->setVisible(true);

    for (std::size_t f = 0; f < fronts.fronts.size(); ++f) {
        const FrontTrack& track = fronts.fronts[f];
        const QColor colour = okabeIto(track.index);
        QVector<double> t, position;
        for (std::size_t i = 0; i < track.frames.size() && i < track.positionsPx.size(); ++i) {
            t.push_back(units.time(calibration, track.frames[i]));
            position.push_back(units.length(track.positionsPx[i]));
        }
        QCPGraph* data = plot.addGraph();
        data->setData(t, position);
        data->setLineStyle(QCPGraph::lsNone);
        data->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, colour, colour, 3));
        data->setPen(QPen(colour));
        data->setName(QString::fromStdString(frontName(track.index)));
        if (options.showPins && !track.pins.empty()) {
            QVector<double> pt, pp;
            for (const auto& pin : track.pins) {
                pt.push_back(units.time(calibration, pin.frame));
                pp.push_back(units.length(pin.positionPx));
            }
            QCPGraph* pins = plot.addGraph();
            pins->setData(pt, pp);
            pins->setLineStyle(QCPGraph::lsNone);
            pins->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCross, Qt::black, 6));
            pins->setName(QStringLiteral("pins"));
        }
        if (options.showFit && track.fit)
            addFit(plot, track, colour, units, options);
    }
    plot.yAxis->setRangeReversed(false);
    plot.xAxis->setLabel(units.timeLabel());
    plot.yAxis->setLabel(axisLabel(QStringLiteral("front position"), units.lengthUnit()));
    plot.rescaleAxes();
    plot.xAxis->scaleRange(1.05, plot.xAxis->range().center());
    plot.yAxis->scaleRange(1.1, plot.yAxis->range().center());
    plot.axisRect()->insetLayout()->setInsetAlignment(0, emptiestCorner(plot));

    if (units.timeKnown)
        for (const auto& marker : options.markers) {
            auto* line = new QCPItemStraightLine(&plot);
            line->point1->setCoords(marker.timeS, 0);
            line->point2->setCoords(marker.timeS, 1);
            line->setPen(QPen(neutralGrey(), 1, Qt::DashLine));
            auto* label = new QCPItemText(&plot);
            label->position->setTypeY(QCPItemPosition::ptAxisRectRatio);
            label->position->setCoords(marker.timeS, 0.02);
            label->setPositionAlignment(Qt::AlignTop | Qt::AlignRight);
            label->setRotation(-90);
            label->setFont(journalFont(7));
            label->setColor(neutralGrey());
            label->setText(QString::fromStdString(marker.label));
        }
    applyJournalStyle(plot);
}

std::unique_ptr<QCustomPlot> makeKineticsPlot(const FrontResult& fronts,
                                              const Calibration& calibration, int frameCount,
                                              const KineticsPlotOptions& options)
{
    auto plot = std::make_unique<QCustomPlot>();
    fillKineticsPlot(*plot, fronts, calibration, frameCount, options);
    return plot;
}

} // namespace insitu::plot
