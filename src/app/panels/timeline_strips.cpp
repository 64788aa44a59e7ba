// TimelineStrips: the strips are insitu_plot timeline plots, one column each, on time_s.

#include "panels/timeline_strips.h"

#include "timeline_plot.h"

#include <qcustomplot.h>

#include <QVBoxLayout>

#include <cmath>

namespace insitu::app {

namespace {

bool hasValues(const TimelineTable& table, const char* name)
{
    const auto* column = table.column(name);
    if (!column)
        return false;
    for (const double v : column->values)
        if (std::isfinite(v))
            return true;
    return false;
}

} // namespace

TimelineStrips::TimelineStrips(QWidget* parent) : QWidget(parent), m_layout(new QVBoxLayout(this))
{
    m_layout->setContentsMargins(0, 0, 0, 0);
    m_layout->setSpacing(0);
}

QCustomPlot* TimelineStrips::strip(int index) const
{
    return index >= 0 && index < static_cast<int>(m_plots.size())
               ? m_plots[static_cast<std::size_t>(index)]
               : nullptr;
}

void TimelineStrips::setTable(const TimelineTable* table)
{
    for (QCustomPlot* plot : m_plots)
        delete plot;
    m_plots.clear();
    m_cursors.clear();
    m_columns.clear();
    if (!table || !table->column("time_s"))
        return;
    for (const char* name : {"potential_V", "current_A", "charge_C", "dose_rate_e_per_A2_s"})
        if (hasValues(*table, name))
            m_columns.emplace_back(name);
    for (const std::string& name : m_columns) {
        auto* plot = new QCustomPlot(this);
        plot->setMinimumHeight(90);
        plot::fillTimelinePlot(*plot, *table, "time_s", {name});
        if (&name != &m_columns.back())
            plot->xAxis->setLabel(QString());
        auto* cursor = new QCPItemStraightLine(plot);
        cursor->setPen(QPen(QColor(213, 94, 0), 1.5));
        m_cursors.push_back(cursor);
        connect(plot, &QCustomPlot::mousePress, this, [this, plot](QMouseEvent* event) {
            emit clicked(plot->xAxis->pixelToCoord(event->position().x()),
                         (event->modifiers() & Qt::ShiftModifier) != 0);
        });
        m_layout->addWidget(plot, 1);
        m_plots.push_back(plot);
    }
    setCursorTimeS(m_cursorTimeS);
}

void TimelineStrips::setCursorTimeS(double timeS)
{
    m_cursorTimeS = timeS;
    for (std::size_t i = 0; i < m_plots.size(); ++i) {
        m_cursors[i]->point1->setCoords(timeS, 0);
        m_cursors[i]->point2->setCoords(timeS, 1);
        m_plots[i]->replot(QCustomPlot::rpQueuedReplot);
    }
}

} // namespace insitu::app
