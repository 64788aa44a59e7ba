// LabelOverlayView: image, per-label outlines, selection, ids and the mouse gestures.

#include "views/label_overlay_view.h"

#include <QMouseEvent>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace insitu::app {

LabelOverlayView::LabelOverlayView(QString emptyText, QWidget* parent)
    : QWidget(parent), m_emptyText(std::move(emptyText))
{
    setMouseTracking(true);
}

QColor LabelOverlayView::labelColour(int id)
{
    // Okabe–Ito, without black and the yellow that vanishes on bright supports
    static const QColor colours[] = {QColor(230, 159, 0), QColor(86, 180, 233),
                                     QColor(0, 158, 115), QColor(0, 114, 178),
                                     QColor(213, 94, 0),  QColor(204, 121, 167)};
    return colours[static_cast<std::size_t>(std::max(0, id)) % std::size(colours)];
}

void LabelOverlayView::setContent(const cv::Mat& image, const cv::Mat& labels, cv::Point offsetPx)
{
    cv::Mat f;
    image.convertTo(f, CV_32F);
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
    m_offset = offsetPx;
    std::erase_if(m_selection, [this](int id) { return cv::countNonZero(m_labels == id) == 0; });
    m_stroke.clear();
    m_marker.reset();
    rebuildOutlines();
    update();
    emit selectionShown();
}

void LabelOverlayView::clear()
{
    m_image = QImage();
    m_outlines = QImage();
    m_labels.release();
    m_selection.clear();
    m_idMarks.clear();
    m_stroke.clear();
    m_marker.reset();
    update();
    emit selectionShown();
}

void LabelOverlayView::setIdMarks(std::vector<IdMark> marks)
{
    m_idMarks = std::move(marks);
    update();
}

void LabelOverlayView::setSelection(std::vector<int> ids)
{
    if (ids == m_selection)
        return;
    m_selection = std::move(ids);
    rebuildOutlines();
    update();
    emit selectionShown();
}

void LabelOverlayView::pickAt(double xPx, double yPx, bool add)
{
    const int id = labelAt(xPx, yPx);
    std::vector<int> selection = add ? m_selection : std::vector<int>{};
    if (id > 0) {
        const auto at = std::find(selection.begin(), selection.end(), id);
        if (add && at != selection.end())
            selection.erase(at); // shift-click on a selected label deselects it
        else
            selection.push_back(id);
    }
    setSelection(std::move(selection));
    emit selectionChanged(m_selection);
}

int LabelOverlayView::labelAt(double xPx, double yPx) const
{
    const int ix = static_cast<int>(std::lround(xPx)) - m_offset.x;
    const int iy = static_cast<int>(std::lround(yPx)) - m_offset.y;
    if (m_labels.empty() || ix < 0 || iy < 0 || ix >= m_labels.cols || iy >= m_labels.rows)
        return 0;
    return m_labels.at<int>(iy, ix);
}

void LabelOverlayView::setGesture(Gesture gesture)
{
    m_gesture = gesture;
    m_stroke.clear();
    update();
}

void LabelOverlayView::setMarker(std::optional<QPointF> framePx)
{
    m_marker = framePx;
    update();
}

void LabelOverlayView::rebuildOutlines()
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
                out[x] = labelColour(l).rgb();
            else if (std::find(m_selection.begin(), m_selection.end(), l) != m_selection.end())
                out[x] = qRgba(255, 255, 255, 110);
        }
    }
}

QRectF LabelOverlayView::targetRect() const
{
    if (m_image.isNull())
        return {};
    const double scale =
        std::min(width() / double(m_image.width()), height() / double(m_image.height()));
    const QSizeF size(m_image.width() * scale, m_image.height() * scale);
    return {QPointF((width() - size.width()) / 2, (height() - size.height()) / 2), size};
}

QPointF LabelOverlayView::toFrame(QPointF p) const
{
    const QRectF r = targetRect();
    if (r.isEmpty())
        return {};
    const double scale = r.width() / m_image.width();
    return {(p.x() - r.left()) / scale - 0.5 + m_offset.x,
            (p.y() - r.top()) / scale - 0.5 + m_offset.y};
}

QPointF LabelOverlayView::toWidget(QPointF f) const
{
    const QRectF r = targetRect();
    const double scale = r.isEmpty() ? 1.0 : r.width() / m_image.width();
    return {r.left() + (f.x() - m_offset.x + 0.5) * scale,
            r.top() + (f.y() - m_offset.y + 0.5) * scale};
}

void LabelOverlayView::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    painter.fillRect(rect(), QColor(40, 40, 40));
    if (m_image.isNull()) {
        painter.setPen(Qt::lightGray);
        painter.drawText(rect(), Qt::AlignCenter, m_emptyText);
        return;
    }
    const QRectF r = targetRect();
    painter.drawImage(r, m_image);
    if (!m_outlines.isNull())
        painter.drawImage(r, m_outlines);
    const double scale = r.width() / m_image.width();
    if (scale * 8 > 14 || m_idMarks.size() < 60) { // ids where they fit
        painter.setFont(QFont(font().family(), 7));
        for (const IdMark& mark : m_idMarks) {
            painter.setPen(labelColour(mark.id));
            painter.drawText(toWidget(mark.positionPx) + QPointF(3, -3), QString::number(mark.id));
        }
    }
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(QPen(Qt::white, 1.5, Qt::DashLine));
    if (m_stroke.size() >= 2) {
        QPolygonF line;
        for (const cv::Point2d& p : m_stroke)
            line << toWidget(QPointF(p.x, p.y));
        painter.drawPolyline(line);
    }
    if (m_marker)
        painter.drawEllipse(toWidget(*m_marker), 5, 5);
}

void LabelOverlayView::clicked(QPointF framePx, Qt::KeyboardModifiers modifiers)
{
    pickAt(framePx.x(), framePx.y(), modifiers.testFlag(Qt::ShiftModifier));
}

void LabelOverlayView::lineDrawn(QPointF, QPointF) {}

void LabelOverlayView::strokeDrawn(const std::vector<cv::Point2d>&) {}

void LabelOverlayView::mousePressEvent(QMouseEvent* event)
{
    if (event->button() != Qt::LeftButton || m_image.isNull())
        return;
    const QPointF f = toFrame(event->position());
    if (m_gesture == Gesture::Click) {
        clicked(f, event->modifiers());
        return;
    }
    m_stroke = {{f.x(), f.y()}, {f.x(), f.y()}};
}

void LabelOverlayView::mouseMoveEvent(QMouseEvent* event)
{
    if (m_stroke.empty())
        return;
    const QPointF f = toFrame(event->position());
    if (m_gesture == Gesture::Line) {
        m_stroke.back() = {f.x(), f.y()};
    } else { // a freehand stroke keeps a point per pixel moved
        const cv::Point2d& last = m_stroke[m_stroke.size() - 2];
        if (std::hypot(f.x() - last.x, f.y() - last.y) >= 1.0)
            m_stroke.emplace_back(f.x(), f.y());
        else
            m_stroke.back() = {f.x(), f.y()};
    }
    update();
}

void LabelOverlayView::mouseReleaseEvent(QMouseEvent* event)
{
    if (m_stroke.empty() || event->button() != Qt::LeftButton)
        return;
    if (m_gesture == Gesture::Line) // the release point ends the line
        m_stroke.back() = {toFrame(event->position()).x(), toFrame(event->position()).y()};
    std::vector<cv::Point2d> stroke = std::move(m_stroke);
    m_stroke.clear();
    update();
    if (m_gesture == Gesture::Line)
        lineDrawn({stroke.front().x, stroke.front().y}, {stroke.back().x, stroke.back().y});
    else
        strokeDrawn(stroke);
}

} // namespace insitu::app
