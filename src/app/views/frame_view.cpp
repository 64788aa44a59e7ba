#include "views/frame_view.h"

#include "views/display_range.h"
#include "views/roi_editor.h"

#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace insitu::app {

FrameView::FrameView(QWidget* parent) : QWidget(parent)
{
    setMouseTracking(true);
    setFocusPolicy(Qt::StrongFocus);
    setMinimumSize(320, 240);
    setAutoFillBackground(true);
    QPalette p = palette();
    p.setColor(QPalette::Window, QColor(40, 40, 40));
    setPalette(p);
}

void FrameView::setFrame(const Frame& frame)
{
    const bool sizeChanged = frame.width() != m_frame.width() || frame.height() != m_frame.height();
    m_frame = frame;
    if (m_autoContrast && !m_frame.empty()) {
        std::tie(m_low, m_high) = percentileRange(m_frame);
        emit displayRangeChanged(m_low, m_high);
    }
    rebuildImage();
    if (sizeChanged)
        m_fitting = true;
    if (m_fitting)
        zoomToFit();
    update();
}

void FrameView::setDisplayRange(double low, double high)
{
    m_autoContrast = false;
    m_low = low;
    m_high = high > low ? high : low + 1e-6;
    rebuildImage();
    emit displayRangeChanged(m_low, m_high);
    update();
}

void FrameView::setAutoContrast(bool automatic)
{
    m_autoContrast = automatic;
    if (automatic && !m_frame.empty())
        setFrame(m_frame);
}

void FrameView::rebuildImage()
{
    m_image = renderGrey(m_frame, m_low, m_high);
}

void FrameView::zoomToFit()
{
    if (m_image.isNull() || width() <= 0 || height() <= 0)
        return;
    m_zoom = std::min(width() / static_cast<double>(m_image.width()),
                      height() / static_cast<double>(m_image.height()));
    m_offset = QPointF((width() - m_image.width() * m_zoom) / 2,
                       (height() - m_image.height() * m_zoom) / 2);
    m_fitting = true; // keeps fitting when the widget is resized (e.g. laid out after opening)
    update();
}

void FrameView::zoomOneToOne()
{
    zoomAround(QPointF(width() / 2.0, height() / 2.0), 1.0 / m_zoom);
}

void FrameView::zoomAround(QPointF anchor, double factor)
{
    m_offset = anchor - (anchor - m_offset) * factor;
    m_zoom *= factor;
    m_fitting = false;
    update();
}

void FrameView::zoomIn()
{
    zoomAround(QPointF(width() / 2.0, height() / 2.0), kZoomStep);
}

void FrameView::zoomOut()
{
    zoomAround(QPointF(width() / 2.0, height() / 2.0), 1.0 / kZoomStep);
}

void FrameView::fitNextFrame()
{
    m_fitting = true;
}

void FrameView::setRoiEditor(RoiEditor* editor)
{
    m_editor = editor;
    update();
}

void FrameView::setOverlayOffset(double dxPx, double dyPx)
{
    m_overlayOffset = QPointF(dxPx, dyPx);
    update();
}

void FrameView::setNmPerPixel(std::optional<double> nmPerPixel)
{
    m_nmPerPixel = nmPerPixel;
    update();
}

void FrameView::setTimeText(const QString& text)
{
    m_timeText = text;
    update();
}

void FrameView::setFrontMarkers(std::vector<FrontMarker> markers)
{
    m_frontMarkers = std::move(markers);
    update();
}

void FrameView::setOutlines(std::vector<OutlineOverlay> outlines)
{
    m_outlines = std::move(outlines);
    update();
}

QPointF FrameView::toFrame(QPointF widgetPos) const
{
    // Pixel centres are at integer coordinates: the top-left pixel spans [-0.5, 0.5).
    return (widgetPos - m_offset) / m_zoom - QPointF(0.5, 0.5);
}

QPointF FrameView::toWidget(QPointF framePos) const
{
    return (framePos + QPointF(0.5, 0.5)) * m_zoom + m_offset;
}

void FrameView::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    if (m_image.isNull()) {
        painter.setPen(Qt::lightGray);
        painter.drawText(rect(), Qt::AlignCenter,
                         tr("Open a movie (File ▸ Open, or drop it here)"));
        return;
    }
    painter.setRenderHint(QPainter::SmoothPixmapTransform, m_zoom < 1.0);
    const QRectF target(m_offset, QSizeF(m_image.width() * m_zoom, m_image.height() * m_zoom));
    painter.drawImage(target, m_image);

    painter.setRenderHint(QPainter::Antialiasing, true);
    if (m_editor)
        m_editor->paint(painter, *this);
    for (const FrontMarker& marker : m_frontMarkers) {
        const QPointF w = toWidget(marker.pointPx + m_overlayOffset);
        painter.setPen(QPen(marker.colour, 2));
        painter.setBrush(Qt::NoBrush);
        painter.drawEllipse(w, 7, 7);
        painter.drawLine(w + QPointF(-11, 0), w + QPointF(-4, 0));
        painter.drawLine(w + QPointF(4, 0), w + QPointF(11, 0));
    }
    for (const OutlineOverlay& outline : m_outlines) { // areas (issue #16)
        QPolygonF widget;
        for (const QPointF& p : outline.polygonPx)
            widget << toWidget(p + m_overlayOffset);
        painter.setPen(QPen(outline.colour, outline.keyframe ? 2.5 : 1.5));
        painter.setBrush(Qt::NoBrush);
        painter.drawPolygon(widget);
    }
    if (!m_timeText.isEmpty()) {
        QFont font = painter.font();
        font.setPointSizeF(font.pointSizeF() * 1.2);
        font.setBold(true);
        painter.setFont(font);
        const QRectF box = painter.boundingRect(QRectF(12, 10, 600, 40), Qt::AlignLeft, m_timeText);
        painter.fillRect(box.adjusted(-6, -3, 6, 3), QColor(0, 0, 0, 150));
        painter.setPen(Qt::white);
        painter.drawText(box, Qt::AlignLeft, m_timeText);
    }
    paintScaleBar(painter);
}

void FrameView::paintScaleBar(QPainter& painter)
{
    if (!m_nmPerPixel || *m_nmPerPixel <= 0)
        return;
    // A round length (1, 2 or 5 × 10^n nm) close to a fifth of the view width.
    const double targetNm = width() / 5.0 / m_zoom * *m_nmPerPixel;
    const double decade = std::pow(10.0, std::floor(std::log10(targetNm)));
    double lengthNm = decade;
    for (double m : {2.0, 5.0, 10.0})
        if (m * decade <= targetNm)
            lengthNm = m * decade;
    const double lengthWidget = lengthNm / *m_nmPerPixel * m_zoom;
    const QString label =
        lengthNm >= 1000 ? tr("%1 µm").arg(lengthNm / 1000) : tr("%1 nm").arg(lengthNm);
    const QPointF end(width() - 20, height() - 24);
    const QRectF bar(end.x() - lengthWidget, end.y(), lengthWidget, 6);
    painter.fillRect(bar.adjusted(-8, -24, 8, 8), QColor(0, 0, 0, 150));
    painter.fillRect(bar, Qt::white);
    painter.setPen(Qt::white);
    painter.drawText(QRectF(bar.left(), bar.top() - 22, bar.width(), 20), Qt::AlignCenter, label);
}

void FrameView::wheelEvent(QWheelEvent* event)
{
    zoomAround(event->position(), std::pow(1.0015, event->angleDelta().y()));
}

void FrameView::mousePressEvent(QMouseEvent* event)
{
    setFocus();
    m_lastDrag = event->pos();
    if (event->button() == Qt::MiddleButton || event->button() == Qt::RightButton) {
        m_panning = true;
        return;
    }
    if (event->button() == Qt::LeftButton && m_editor && !m_image.isNull()) {
        if (m_editor->press(toFrame(event->position()) - m_overlayOffset, event->modifiers()))
            return update();
    }
    m_panning = event->button() == Qt::LeftButton;
    m_clickStart = m_panning && !m_image.isNull() ? std::optional(event->position()) : std::nullopt;
}

void FrameView::mouseMoveEvent(QMouseEvent* event)
{
    if (m_panning) {
        m_offset += event->pos() - m_lastDrag;
        m_lastDrag = event->pos();
        m_fitting = false;
        update();
    } else if (m_editor && !m_image.isNull()) {
        if (m_editor->move(toFrame(event->position()) - m_overlayOffset, event->buttons()))
            update();
    }
    if (m_frame.empty())
        return;
    const QPointF p = toFrame(event->position());
    const int col = static_cast<int>(std::lround(p.x()));
    const int row = static_cast<int>(std::lround(p.y()));
    if (col >= 0 && row >= 0 && col < m_frame.width() && row < m_frame.height()) {
        const cv::Mat one = m_frame.mat()(cv::Rect(col, row, 1, 1));
        emit pixelHovered(p.x(), p.y(), Frame(one, m_frame.type()).sum());
    }
}

void FrameView::mouseReleaseEvent(QMouseEvent* event)
{
    if (m_panning) {
        m_panning = false;
        // a press and release in place (no ROI under it) is a click on the frame
        if (m_clickStart && event->button() == Qt::LeftButton &&
            (event->position() - *m_clickStart).manhattanLength() <= kClickSlopPx)
            emit clicked(toFrame(event->position()) - m_overlayOffset, event->modifiers());
        m_clickStart.reset();
        return;
    }
    if (event->button() == Qt::LeftButton && m_editor && !m_image.isNull()) {
        m_editor->release(toFrame(event->position()) - m_overlayOffset);
        update();
    }
}

void FrameView::mouseDoubleClickEvent(QMouseEvent* event)
{
    if (event->button() == Qt::LeftButton && m_editor && !m_image.isNull()) {
        m_editor->doubleClick(toFrame(event->position()) - m_overlayOffset);
        update();
    }
}

void FrameView::keyPressEvent(QKeyEvent* event)
{
    if (m_editor && m_editor->key(event->key())) {
        update();
        return;
    }
    QWidget::keyPressEvent(event);
}

void FrameView::resizeEvent(QResizeEvent*)
{
    if (m_fitting)
        zoomToFit();
}

} // namespace insitu::app
