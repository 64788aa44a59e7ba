#include "views/kymograph_view.h"

#include "journal_style.h"
#include "kymograph_plot.h"

#include <QMouseEvent>

#include <algorithm>
#include <cmath>

namespace insitu::app {

KymographView::KymographView(QWidget* parent) : QCustomPlot(parent)
{
    setMinimumSize(160, 160);
    setData(std::nullopt, FrontResult{}, Calibration{});
}

void KymographView::setData(const std::optional<ImageF32>& kymograph, const FrontResult& fronts,
                            const Calibration& calibration, double stepPx, bool stale)
{
    const bool shown = kymograph && kymograph->rows > 0 && kymograph->cols > 0;
    m_fronts = shown ? fronts : FrontResult{};
    m_calibration = calibration;
    m_rows = shown ? kymograph->rows : 0;
    m_cols = shown ? kymograph->cols : 0;
    m_stepPx = stepPx > 0 ? stepPx : 1.0;
    m_units = plot::plotUnits(calibration, m_rows);
    m_dragFront = -1;
    plot::fillKymographPlot(*this, shown ? *kymograph : ImageF32{}, m_fronts, calibration,
                            m_stepPx);
    if (!shown) {
        xAxis->setRange(0, 1);
        yAxis->setRange(0, 1);
        auto* hint = new QCPItemText(this);
        hint->position->setType(QCPItemPosition::ptAxisRectRatio);
        hint->position->setCoords(0.5, 0.5);
        hint->setText(tr("Select a line or polyline ROI\nand press “Track fronts”."));
        hint->setColor(plot::neutralGrey());
    }
    addOverlays(shown && stale);
    replot();
}

void KymographView::addOverlays(bool stale)
{
    // Pins as filled discs in their front's colour, the drag marker, the current frame.
    for (const FrontTrack& track : m_fronts.fronts) {
        if (track.pins.empty())
            continue;
        QVector<double> x, y;
        for (const FrontPin& pin : track.pins) {
            x << m_units.length(pin.positionPx);
            y << timeOf(pin.frame);
        }
        const QColor colour = plot::okabeIto(track.index);
        QCPGraph* pins = addGraph();
        pins->setData(x, y);
        pins->setLineStyle(QCPGraph::lsNone);
        pins->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, Qt::white, colour, 8));
    }
    m_dragMarker = addGraph();
    m_dragMarker->setLineStyle(QCPGraph::lsNone);
    m_dragMarker->setScatterStyle(
        QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(Qt::yellow, 2), Qt::NoBrush, 10));
    m_frameLine = nullptr;
    if (m_rows > 0) {
        m_frameLine = new QCPItemStraightLine(this);
        m_frameLine->setPen(QPen(QColor(255, 255, 255, 190), 1, Qt::DashLine));
        m_frameLine->point1->setCoords(0, timeOf(m_currentFrame));
        m_frameLine->point2->setCoords(1, timeOf(m_currentFrame));
    }
    if (stale) {
        auto* label = new QCPItemText(this);
        label->position->setType(QCPItemPosition::ptAxisRectRatio);
        label->position->setCoords(0.5, 0.08);
        label->setText(tr("STALE"));
        label->setColor(QColor(240, 228, 66));
        label->setBrush(QColor(0, 0, 0, 140));
        label->setPadding(QMargins(6, 2, 6, 2));
        QFont font = plot::journalFont(12);
        font.setBold(true);
        label->setFont(font);
    }
}

void KymographView::setCurrentFrame(int frame)
{
    m_currentFrame = frame;
    if (m_frameLine) {
        m_frameLine->point1->setCoords(0, timeOf(frame));
        m_frameLine->point2->setCoords(1, timeOf(frame));
        replot(QCustomPlot::rpQueuedReplot);
    }
}

QString KymographView::positionAxisLabel() const
{
    return xAxis->label();
}

QString KymographView::timeAxisLabel() const
{
    return yAxis->label();
}

double KymographView::timeOf(double frame) const
{
    if (!m_units.timeKnown)
        return frame;
    const int lower = static_cast<int>(std::floor(frame));
    const double a = m_units.time(m_calibration, lower);
    if (frame == lower)
        return a;
    const double b = m_units.time(m_calibration, lower + 1);
    return a + (frame - lower) * (b - a);
}

QPointF KymographView::toWidget(double positionPx, double frame) const
{
    return {xAxis->coordToPixel(m_units.length(positionPx)), yAxis->coordToPixel(timeOf(frame))};
}

QPointF KymographView::toData(QPointF w) const
{
    const double x = xAxis->pixelToCoord(w.x());
    const double positionPx = m_units.lengthKnown ? x / m_units.nmPerPixel : x;
    const double t = yAxis->pixelToCoord(w.y());
    // The frame whose time is nearest t (times need not be uniform).
    int best = 0;
    double bestGap = std::abs(timeOf(0) - t);
    for (int frame = 1; frame < m_rows; ++frame)
        if (const double gap = std::abs(timeOf(frame) - t); gap < bestGap) {
            best = frame;
            bestGap = gap;
        }
    return {positionPx, static_cast<double>(best)};
}

void KymographView::placeDragMarker()
{
    if (!m_dragMarker)
        return;
    if (m_dragFront < 0)
        m_dragMarker->data()->clear();
    else
        m_dragMarker->setData({m_units.length(m_dragData.x())}, {timeOf(m_dragData.y())});
    replot(QCustomPlot::rpQueuedReplot);
}

void KymographView::mousePressEvent(QMouseEvent* event)
{
    QCustomPlot::mousePressEvent(event);
    if (m_rows == 0 || event->button() != Qt::LeftButton)
        return;
    const QPointF point = toData(event->position());
    const int frame = static_cast<int>(point.y());
    // Grab a front when the press is within 6 widget px of its point in this frame.
    m_dragFront = -1;
    for (std::size_t f = 0; f < m_fronts.fronts.size(); ++f) {
        const FrontTrack& track = m_fronts.fronts[f];
        for (std::size_t i = 0; i < track.frames.size(); ++i)
            if (track.frames[i] == frame &&
                std::abs(toWidget(track.positionsPx[i], frame).x() - event->position().x()) < 6)
                m_dragFront = static_cast<int>(f);
    }
    m_dragData = QPointF(point.x(), frame);
    m_pressData = m_dragData;
    emit frameClicked(frame);
    placeDragMarker();
}

void KymographView::mouseMoveEvent(QMouseEvent* event)
{
    QCustomPlot::mouseMoveEvent(event);
    if (m_dragFront < 0 || !(event->buttons() & Qt::LeftButton))
        return;
    const QPointF point = toData(event->position());
    const double lastPx = std::max(m_cols - 1, 0) * m_stepPx;
    m_dragData = QPointF(std::clamp(point.x(), 0.0, lastPx), point.y());
    placeDragMarker();
}

void KymographView::mouseReleaseEvent(QMouseEvent* event)
{
    QCustomPlot::mouseReleaseEvent(event);
    if (m_dragFront < 0 || event->button() != Qt::LeftButton)
        return;
    const int front = m_dragFront;
    m_dragFront = -1;
    placeDragMarker();
    const QPointF moved = m_dragData - m_pressData;
    if (std::abs(moved.x()) < 0.5 && std::abs(moved.y()) < 0.5)
        return; // a click, not a drag
    emit pinRequested(front, static_cast<int>(m_dragData.y()), m_dragData.x());
}

} // namespace insitu::app
