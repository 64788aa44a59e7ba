#include "views/histogram_widget.h"

#include "views/display_range.h"

#include <QMouseEvent>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace insitu::app {

HistogramWidget::HistogramWidget(QWidget* parent) : QWidget(parent)
{
    setMinimumHeight(70);
}

void HistogramWidget::setFrame(const Frame& frame)
{
    if (frame.empty())
        return;
    std::tie(m_min, m_max) = percentileRange(frame, 0.0, 1.0);
    m_counts = frameHistogram(frame, 128, m_min, m_max);
    update();
}

void HistogramWidget::setDisplayRange(double low, double high)
{
    m_low = low;
    m_high = high;
    update();
}

double HistogramWidget::xOf(double value) const
{
    return (value - m_min) / (m_max - m_min) * (width() - 1);
}

double HistogramWidget::valueAt(double x) const
{
    return m_min + x / std::max(width() - 1, 1) * (m_max - m_min);
}

void HistogramWidget::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    painter.fillRect(rect(), QColor(30, 30, 30));
    if (m_counts.empty())
        return;
    const double peak = std::log1p(*std::max_element(m_counts.begin(), m_counts.end()));
    const double binWidth = width() / static_cast<double>(m_counts.size());
    painter.setPen(Qt::NoPen);
    painter.setBrush(QColor(170, 170, 170));
    for (std::size_t i = 0; i < m_counts.size(); ++i) {
        const double h = peak > 0 ? std::log1p(m_counts[i]) / peak * (height() - 4) : 0;
        painter.drawRect(QRectF(i * binWidth, height() - h, binWidth, h));
    }
    painter.setPen(QPen(QColor(230, 159, 0), 2));
    painter.drawLine(QPointF(xOf(m_low), 0), QPointF(xOf(m_low), height()));
    painter.setPen(QPen(QColor(86, 180, 233), 2));
    painter.drawLine(QPointF(xOf(m_high), 0), QPointF(xOf(m_high), height()));
}

void HistogramWidget::mousePressEvent(QMouseEvent* event)
{
    const double x = event->position().x();
    m_dragging = std::abs(x - xOf(m_low)) < std::abs(x - xOf(m_high)) ? 1 : 2;
    mouseMoveEvent(event);
}

void HistogramWidget::mouseMoveEvent(QMouseEvent* event)
{
    if (!(event->buttons() & Qt::LeftButton) || m_dragging == 0)
        return;
    const double value = valueAt(event->position().x());
    if (m_dragging == 1)
        m_low = std::min(value, m_high - 1e-6);
    else
        m_high = std::max(value, m_low + 1e-6);
    update();
    emit rangeEdited(m_low, m_high);
}

} // namespace insitu::app
