// TimelineStrips: the strips are insitu_plot timeline plots, one column each, on one time axis.

#include "panels/timeline_strips.h"

#include "timeline_plot.h"
#include "timeline_strips_plot.h"

#include <qcustomplot.h>

#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace insitu::app {

namespace {

constexpr double kGrabPx = 6; ///< an anchor line is grabbed within this many pixels

QCPItemStraightLine* verticalLine(QCustomPlot* plot, double timeS, const QPen& pen,
                                  const QString& name)
{
    auto* line = new QCPItemStraightLine(plot);
    line->setObjectName(name);
    line->setPen(pen);
    line->point1->setCoords(timeS, 0);
    line->point2->setCoords(timeS, 1);
    return line;
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
    m_dragged.reset();
    const auto* time = table ? table->column("time_s") : nullptr;
    if (!time || time->values.empty())
        return;
    m_columns = plot::timelineStripColumns(*table); // the same strips as `render --plot timeline`
    // The movie's time axis: first to last frame, the same for every strip.
    const double first = time->values.front();
    const double last = time->values.back();
    const double pad = last > first ? 0.02 * (last - first) : 1.0;
    for (const std::string& name : m_columns) {
        auto* plot = new QCustomPlot(this);
        plot->setMinimumHeight(90);
        plot->setMouseTracking(true);
        plot::fillTimelinePlot(*plot, *table, "time_s", {name});
        if (&name != &m_columns.back())
            plot->xAxis->setLabel(QString());
        plot->xAxis->setRange(first - pad, last + pad);
        plot->setInteraction(QCP::iRangeZoom, true);
        plot->axisRect()->setRangeZoom(Qt::Horizontal);
        m_cursors.push_back(
            verticalLine(plot, m_cursorTimeS, QPen(QColor(213, 94, 0), 1.5), "cursor"));
        connect(plot, &QCustomPlot::mousePress, this,
                [this, plot](QMouseEvent* event) { onPress(plot, event); });
        connect(plot, &QCustomPlot::mouseMove, this,
                [this, plot](QMouseEvent* event) { onMove(plot, event); });
        connect(plot, &QCustomPlot::mouseRelease, this,
                [this, plot](QMouseEvent* event) { onRelease(plot, event); });
        connect(plot->xAxis, qOverload<const QCPRange&>(&QCPAxis::rangeChanged), this,
                [this, plot] { shareRange(plot); });
        m_layout->addWidget(plot, 1);
        m_plots.push_back(plot);
    }
    // One time axis on screen too: every strip's plot area starts at the widest left margin.
    int left = 0;
    for (QCustomPlot* plot : m_plots) {
        plot->replot(QCustomPlot::rpImmediateRefresh);
        left = std::max(left, plot->axisRect()->margins().left());
    }
    for (QCustomPlot* plot : m_plots) {
        plot->axisRect()->setAutoMargins(QCP::msTop | QCP::msRight | QCP::msBottom);
        plot->axisRect()->setMargins(QMargins(left, 0, 0, 0));
    }
    drawOverlays();
    setCursorTimeS(m_cursorTimeS);
}

void TimelineStrips::shareRange(QCustomPlot* source)
{
    if (m_sharing)
        return;
    m_sharing = true;
    for (QCustomPlot* plot : m_plots)
        if (plot != source) {
            plot->xAxis->setRange(source->xAxis->range());
            plot->replot(QCustomPlot::rpQueuedReplot);
        }
    m_sharing = false;
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

void TimelineStrips::setMarks(std::vector<TimelineMark> marks)
{
    m_marks = std::move(marks);
    drawOverlays();
}

void TimelineStrips::setAnchors(std::vector<double> anchorTimesS)
{
    m_anchorTimesS = std::move(anchorTimesS);
    m_dragged.reset();
    drawOverlays();
}

void TimelineStrips::drawOverlays()
{
    for (std::size_t p = 0; p < m_plots.size(); ++p) {
        QCustomPlot* plot = m_plots[p];
        for (int i = plot->itemCount() - 1; i >= 0; --i)
            if (plot->item(i)->objectName() != QLatin1String("cursor"))
                plot->removeItem(i);
        for (const auto& mark : m_marks) {
            QPen pen(mark.colour, 1, Qt::DashLine);
            verticalLine(plot, mark.timeS, pen, QStringLiteral("mark"));
            if (p == 0) { // labels once, along the top strip
                auto* text = new QCPItemText(plot);
                text->position->setTypeX(QCPItemPosition::ptPlotCoords);
                text->position->setTypeY(QCPItemPosition::ptAxisRectRatio);
                text->position->setCoords(mark.timeS, 0.02);
                text->setPositionAlignment(Qt::AlignLeft | Qt::AlignTop);
                text->setText(mark.label);
                text->setColor(mark.colour);
                text->setClipToAxisRect(true);
            }
        }
        for (std::size_t a = 0; a < m_anchorTimesS.size(); ++a)
            verticalLine(plot, m_anchorTimesS[a], QPen(QColor(0, 158, 115), 2),
                         QStringLiteral("anchor%1").arg(a));
        plot->replot(QCustomPlot::rpQueuedReplot);
    }
}

void TimelineStrips::onPress(QCustomPlot* plot, QMouseEvent* event)
{
    const double x = event->position().x();
    const bool shift = (event->modifiers() & Qt::ShiftModifier) != 0;
    if (!shift)
        for (std::size_t a = 0; a < m_anchorTimesS.size(); ++a)
            if (std::abs(plot->xAxis->coordToPixel(m_anchorTimesS[a]) - x) <= kGrabPx) {
                m_dragged = static_cast<int>(a);
                return;
            }
    emit clicked(plot->xAxis->pixelToCoord(x), shift);
}

void TimelineStrips::onMove(QCustomPlot* plot, QMouseEvent* event)
{
    const double timeS = plot->xAxis->pixelToCoord(event->position().x());
    if (!m_dragged) {
        emit hovered(timeS);
        return;
    }
    const QString name = QStringLiteral("anchor%1").arg(*m_dragged);
    for (QCustomPlot* p : m_plots) {
        for (int i = 0; i < p->itemCount(); ++i)
            if (auto* line = qobject_cast<QCPItemStraightLine*>(p->item(i));
                line && line->objectName() == name) {
                line->point1->setCoords(timeS, 0);
                line->point2->setCoords(timeS, 1);
            }
        p->replot(QCustomPlot::rpQueuedReplot);
    }
}

void TimelineStrips::onRelease(QCustomPlot* plot, QMouseEvent* event)
{
    if (!m_dragged)
        return;
    const int index = *m_dragged;
    m_dragged.reset();
    const double timeS = plot->xAxis->pixelToCoord(event->position().x());
    if (timeS != m_anchorTimesS[static_cast<std::size_t>(index)])
        emit anchorDragged(index, timeS);
}

} // namespace insitu::app
