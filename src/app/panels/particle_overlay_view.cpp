// ParticleOverlayView: frame, per-particle outlines and ids, selection and edit tools.

#include "panels/particle_overlay_view.h"

#include <opencv2/imgproc.hpp>

#include <QMouseEvent>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace insitu::app {

ParticleOverlayView::ParticleOverlayView(QWidget* parent) : QWidget(parent)
{
    setMinimumSize(240, 240);
    setMouseTracking(true);
}

QColor ParticleOverlayView::particleColour(int id)
{
    // Okabe–Ito, without black and the yellow that vanishes on bright supports
    static const QColor colours[] = {QColor(230, 159, 0), QColor(86, 180, 233),
                                     QColor(0, 158, 115), QColor(0, 114, 178),
                                     QColor(213, 94, 0),  QColor(204, 121, 167)};
    return colours[static_cast<std::size_t>(std::max(0, id)) % std::size(colours)];
}

void ParticleOverlayView::setContent(const cv::Mat& frame, const cv::Mat& labels,
                                     const std::vector<Particle>& particles)
{
    cv::Mat f;
    frame.convertTo(f, CV_32F);
    std::vector<float> values(f.begin<float>(), f.end<float>());
    const std::size_t n = values.size();
    double lo = 0, hi = 1;
    if (n > 0) {
        std::nth_element(values.begin(), values.begin() + static_cast<long>(n / 200), values.end());
        lo = values[n / 200];
        std::nth_element(values.begin(), values.begin() + static_cast<long>(n - 1 - n / 200),
                         values.end());
        hi = values[n - 1 - n / 200];
    }
    cv::Mat grey;
    f.convertTo(grey, CV_8U, hi > lo ? 255.0 / (hi - lo) : 1.0,
                hi > lo ? -lo * 255.0 / (hi - lo) : 0);
    m_image = QImage(grey.data, grey.cols, grey.rows, static_cast<int>(grey.step),
                     QImage::Format_Grayscale8)
                  .copy();
    m_labels = labels.clone();
    m_particles = particles;
    m_mergeFirst.reset();
    rebuildOutlines();
    update();
}

void ParticleOverlayView::clear()
{
    m_image = QImage();
    m_outlines = QImage();
    m_labels.release();
    m_particles.clear();
    m_selected = 0;
    update();
}

void ParticleOverlayView::setSelected(int particleId)
{
    if (particleId == m_selected)
        return;
    m_selected = particleId;
    rebuildOutlines();
    update();
}

void ParticleOverlayView::setTool(Tool tool)
{
    m_tool = tool;
    m_mergeFirst.reset();
    m_dragStart.reset();
    setCursor(tool == Tool::Select ? Qt::ArrowCursor : Qt::CrossCursor);
    update();
}

void ParticleOverlayView::rebuildOutlines()
{
    if (m_labels.empty()) {
        m_outlines = QImage();
        return;
    }
    m_outlines = QImage(m_labels.cols, m_labels.rows, QImage::Format_ARGB32);
    m_outlines.fill(Qt::transparent);
    for (int y = 0; y < m_labels.rows; ++y) {
        const int* row = m_labels.ptr<int>(y);
        auto* out = reinterpret_cast<QRgb*>(m_outlines.scanLine(y));
        for (int x = 0; x < m_labels.cols; ++x) {
            const int l = row[x];
            if (l == 0)
                continue;
            const bool boundary = x == 0 || y == 0 || x == m_labels.cols - 1 ||
                                  y == m_labels.rows - 1 || row[x - 1] != l || row[x + 1] != l ||
                                  m_labels.at<int>(y - 1, x) != l ||
                                  m_labels.at<int>(y + 1, x) != l;
            if (boundary)
                out[x] = particleColour(l).rgb();
            else if (l == m_selected)
                out[x] = qRgba(255, 255, 255, 110);
        }
    }
}

QRectF ParticleOverlayView::targetRect() const
{
    if (m_image.isNull())
        return {};
    const double scale =
        std::min(width() / double(m_image.width()), height() / double(m_image.height()));
    const QSizeF size(m_image.width() * scale, m_image.height() * scale);
    return {QPointF((width() - size.width()) / 2, (height() - size.height()) / 2), size};
}

QPointF ParticleOverlayView::toFrame(QPointF p) const
{
    const QRectF r = targetRect();
    if (r.isEmpty())
        return {};
    const double scale = r.width() / m_image.width();
    return {(p.x() - r.left()) / scale - 0.5, (p.y() - r.top()) / scale - 0.5};
}

void ParticleOverlayView::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    painter.fillRect(rect(), QColor(40, 40, 40));
    if (m_image.isNull()) {
        painter.setPen(Qt::lightGray);
        painter.drawText(rect(), Qt::AlignCenter, tr("No particles yet"));
        return;
    }
    const QRectF r = targetRect();
    painter.drawImage(r, m_image);
    if (!m_outlines.isNull())
        painter.drawImage(r, m_outlines);
    const double scale = r.width() / m_image.width();
    if (scale * 8 > 14 || m_particles.size() < 60) { // ids where they fit
        painter.setFont(QFont(font().family(), 7));
        for (const Particle& p : m_particles) {
            painter.setPen(particleColour(p.id));
            painter.drawText(
                QPointF(r.left() + (p.xPx + 0.5) * scale + 3, r.top() + (p.yPx + 0.5) * scale - 3),
                QString::number(p.id));
        }
    }
    auto widgetOf = [&](QPointF f) {
        return QPointF(r.left() + (f.x() + 0.5) * scale, r.top() + (f.y() + 0.5) * scale);
    };
    painter.setPen(QPen(Qt::white, 1.5, Qt::DashLine));
    if (m_dragStart)
        painter.drawLine(widgetOf(*m_dragStart), widgetOf(m_dragNow));
    if (m_mergeFirst)
        painter.drawEllipse(widgetOf(*m_mergeFirst), 5, 5);
}

void ParticleOverlayView::clickAt(double x, double y)
{
    const int ix = static_cast<int>(std::lround(x)), iy = static_cast<int>(std::lround(y));
    const int id =
        (!m_labels.empty() && ix >= 0 && iy >= 0 && ix < m_labels.cols && iy < m_labels.rows)
            ? m_labels.at<int>(iy, ix)
            : 0;
    switch (m_tool) {
    case Tool::Select:
        setSelected(id);
        emit particleClicked(id);
        break;
    case Tool::Delete:
        emit editRequested({ParticleEditKind::Delete, x, y, 0, 0});
        break;
    case Tool::Add:
        emit editRequested({ParticleEditKind::Add, x, y, 0, 0});
        break;
    case Tool::Merge:
        if (!m_mergeFirst) {
            m_mergeFirst = QPointF(x, y);
            update();
        } else {
            const QPointF first = *m_mergeFirst;
            m_mergeFirst.reset();
            emit editRequested({ParticleEditKind::Merge, first.x(), first.y(), x, y});
        }
        break;
    case Tool::Split:
        break;
    }
}

void ParticleOverlayView::dragLine(double x0, double y0, double x1, double y1)
{
    if (m_tool == Tool::Split)
        emit editRequested({ParticleEditKind::Split, x0, y0, x1, y1});
}

void ParticleOverlayView::mousePressEvent(QMouseEvent* event)
{
    if (event->button() != Qt::LeftButton || m_image.isNull())
        return;
    const QPointF f = toFrame(event->position());
    if (m_tool == Tool::Split) {
        m_dragStart = f;
        m_dragNow = f;
        return;
    }
    clickAt(f.x(), f.y());
}

void ParticleOverlayView::mouseMoveEvent(QMouseEvent* event)
{
    if (m_dragStart) {
        m_dragNow = toFrame(event->position());
        update();
    }
}

void ParticleOverlayView::mouseReleaseEvent(QMouseEvent* event)
{
    if (!m_dragStart || event->button() != Qt::LeftButton)
        return;
    const QPointF start = *m_dragStart;
    m_dragStart.reset();
    const QPointF end = toFrame(event->position());
    update();
    dragLine(start.x(), start.y(), end.x(), end.y());
}

} // namespace insitu::app
