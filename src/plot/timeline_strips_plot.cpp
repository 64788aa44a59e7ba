// timeline strips: one fillTimelinePlot strip per channel, rendered offscreen into one image.

#include "timeline_strips_plot.h"

#include "timeline_plot.h"

#include "insitu/error.h"

#include <qcustomplot.h>

#include <QPainter>

#include <algorithm>
#include <cmath>
#include <memory>

namespace insitu::plot {

std::vector<std::string> timelineStripColumns(const TimelineTable& table)
{
    std::vector<std::string> shown;
    for (const char* name : {"potential_V", "current_A", "charge_C", "dose_rate_e_per_A2_s"})
        if (const auto* column = table.column(name))
            for (const double v : column->values)
                if (std::isfinite(v)) {
                    shown.emplace_back(name);
                    break;
                }
    return shown;
}

TimelineStripsImage::TimelineStripsImage(const TimelineTable& table,
                                         const std::vector<std::string>& columns, QSize size)
    : m_image(size, QImage::Format_RGB888)
{
    if (!table.column("time_s"))
        throw Error("timeline strips: the timeline table has no time_s column");
    if (columns.empty())
        throw Error("timeline strips: no log channel (potential, current, charge, dose rate) "
                    "has values");
    m_image.fill(Qt::white);
    const int n = static_cast<int>(columns.size());
    std::vector<std::unique_ptr<QCustomPlot>> plots;
    int leftMarginPx = 0; // the widest tick labels: every strip gets that margin (one time axis)
    for (int i = 0; i < n; ++i) {
        auto plot = std::make_unique<QCustomPlot>();
        fillTimelinePlot(*plot, table, "time_s", {columns[static_cast<std::size_t>(i)]});
        if (i + 1 < n)
            plot->xAxis->setLabel(QString());
        plot->setGeometry(0, 0, size.width(), size.height() * (i + 1) / n - size.height() * i / n);
        plot->replot();
        leftMarginPx = std::max(leftMarginPx, plot->axisRect()->margins().left());
        plots.push_back(std::move(plot));
    }
    QPainter painter(&m_image);
    for (int i = 0; i < n; ++i) {
        QCustomPlot& plot = *plots[static_cast<std::size_t>(i)];
        QCPAxisRect& rect = *plot.axisRect();
        rect.setAutoMargins(QCP::msTop | QCP::msRight | QCP::msBottom);
        rect.setMargins(QMargins(leftMarginPx, 0, 0, 0));
        plot.replot();
        const int top = size.height() * i / n;
        painter.drawPixmap(0, top, plot.toPixmap(size.width(), plot.height(), 1.0));
        const QCPRange x = plot.xAxis->range();
        const QCPRange y = plot.yAxis->range();
        Strip strip;
        strip.topPx = top + static_cast<int>(std::lround(plot.yAxis->coordToPixel(y.upper)));
        strip.bottomPx = top + static_cast<int>(std::lround(plot.yAxis->coordToPixel(y.lower)));
        strip.leftPx = plot.xAxis->coordToPixel(x.lower);
        strip.timeAtLeftS = x.lower;
        strip.pxPerS =
            x.size() > 0 ? (plot.xAxis->coordToPixel(x.upper) - strip.leftPx) / x.size() : 0;
        m_strips.push_back(strip);
    }
}

double TimelineStripsImage::cursorXPx(int strip, double timeS) const
{
    const Strip& s = m_strips.at(static_cast<std::size_t>(strip));
    return s.leftPx + (timeS - s.timeAtLeftS) * s.pxPerS;
}

std::pair<int, int> TimelineStripsImage::stripRowsPx(int strip) const
{
    const Strip& s = m_strips.at(static_cast<std::size_t>(strip));
    return {s.topPx, s.bottomPx};
}

} // namespace insitu::plot
