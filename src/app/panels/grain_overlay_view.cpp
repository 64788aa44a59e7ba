// GrainOverlayView: region, per-grain outlines, selection, split lines and boundary strokes.

#include "panels/grain_overlay_view.h"

#include "panels/particle_overlay_view.h"

#include <QMouseEvent>
#include <QPainter>

#include <algorithm>
#include <cmath>
#include <map>

namespace insitu::app {

GrainOverlayView::GrainOverlayView(QWidget* parent) : QWidget(parent)
{
    setMinimumSize(200, 200);
    setMouseTracking(true);
}

void GrainOverlayView::setContent(const cv::Mat& region, const cv::Mat& labels, cv::Point offsetPx)
{
    cv::Mat f;
    region.convertTo(f, CV_32F);
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
    // a selection of grains that are gone is dropped
    std::erase_if(m_selected, [this](int id) { return cv::countNonZero(m_labels == id) == 0; });
    m_stroke.clear();
    rebuildOutlines();
    update();
}

void GrainOverlayView::clear()
{
    m_image = QImage();
    m_outlines = QImage();
    m_labels.release();
    m_selected.clear();
    m_stroke.clear();
    update();
}

void GrainOverlayView::setSelected(std::vector<int> grainIds)
{
    if (grainIds == m_selected)
        return;
    m_selected = std::move(grainIds);
    rebuildOutlines();
    update();
}

void GrainOverlayView::setTool(Tool tool)
{
    m_tool = tool;
    m_stroke.clear();
    setCursor(tool == Tool::Select ? Qt::ArrowCursor : Qt::CrossCursor);
    update();
}

void GrainOverlayView::rebuildOutlines()
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
                out[x] = ParticleOverlayView::particleColour(l).rgb();
            else if (std::find(m_selected.begin(), m_selected.end(), l) != m_selected.end())
                out[x] = qRgba(255, 255, 255, 110);
        }
    }
}

QRectF GrainOverlayView::targetRect() const
{
    if (m_image.isNull())
        return {};
    const double scale =
        std::min(width() / double(m_image.width()), height() / double(m_image.height()));
    const QSizeF size(m_image.width() * scale, m_image.height() * scale);
    return {QPointF((width() - size.width()) / 2, (height() - size.height()) / 2), size};
}

QPointF GrainOverlayView::toFrame(QPointF p) const
{
    const QRectF r = targetRect();
    if (r.isEmpty())
        return {};
    const double scale = r.width() / m_image.width();
    return {(p.x() - r.left()) / scale - 0.5 + m_offset.x,
            (p.y() - r.top()) / scale - 0.5 + m_offset.y};
}

QPointF GrainOverlayView::toWidget(QPointF f) const
{
    const QRectF r = targetRect();
    const double scale = r.isEmpty() ? 1.0 : r.width() / m_image.width();
    return {r.left() + (f.x() - m_offset.x + 0.5) * scale,
            r.top() + (f.y() - m_offset.y + 0.5) * scale};
}

int GrainOverlayView::grainAt(double xPx, double yPx) const
{
    const int ix = static_cast<int>(std::lround(xPx)) - m_offset.x;
    const int iy = static_cast<int>(std::lround(yPx)) - m_offset.y;
    if (m_labels.empty() || ix < 0 || iy < 0 || ix >= m_labels.cols || iy >= m_labels.rows)
        return 0;
    return m_labels.at<int>(iy, ix);
}

void GrainOverlayView::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    painter.fillRect(rect(), QColor(40, 40, 40));
    if (m_image.isNull()) {
        painter.setPen(Qt::lightGray);
        painter.drawText(rect(), Qt::AlignCenter, tr("No grains yet"));
        return;
    }
    const QRectF r = targetRect();
    painter.drawImage(r, m_image);
    if (!m_outlines.isNull())
        painter.drawImage(r, m_outlines);
    if (m_stroke.size() >= 2) {
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setPen(QPen(Qt::white, 1.5, Qt::DashLine));
        QPolygonF line;
        for (const cv::Point2d& p : m_stroke)
            line << toWidget(QPointF(p.x, p.y));
        painter.drawPolyline(line);
    }
}

void GrainOverlayView::clickAt(double xPx, double yPx, bool addToSelection)
{
    if (m_tool != Tool::Select)
        return;
    const int id = grainAt(xPx, yPx);
    std::vector<int> selection = addToSelection ? m_selected : std::vector<int>{};
    if (id > 0) {
        const auto at = std::find(selection.begin(), selection.end(), id);
        if (addToSelection && at != selection.end())
            selection.erase(at); // shift-click on a selected grain deselects it
        else
            selection.push_back(id);
    }
    setSelected(selection);
    emit selectionChanged(m_selected);
}

void GrainOverlayView::dragLine(double x0Px, double y0Px, double x1Px, double y1Px)
{
    if (m_tool != Tool::Split)
        return;
    // the grain the line crosses most (sampled every half pixel)
    std::map<int, int> crossed;
    const double length = std::hypot(x1Px - x0Px, y1Px - y0Px);
    const int samples = std::max(2, static_cast<int>(length * 2));
    for (int i = 0; i <= samples; ++i) {
        const double t = double(i) / samples;
        if (const int id = grainAt(x0Px + t * (x1Px - x0Px), y0Px + t * (y1Px - y0Px)); id > 0)
            ++crossed[id];
    }
    if (crossed.empty())
        return;
    const int id = std::max_element(crossed.begin(), crossed.end(), [](auto a, auto b) {
                       return a.second < b.second;
                   })->first;
    emit editRequested({GrainEdit::Kind::Split, id, 0, {{x0Px, y0Px}, {x1Px, y1Px}}});
}

void GrainOverlayView::drawStroke(const std::vector<cv::Point2d>& strokePx)
{
    if (m_tool == Tool::Boundary && strokePx.size() >= 2)
        emit editRequested({GrainEdit::Kind::Boundary, 0, 0, strokePx});
}

void GrainOverlayView::mousePressEvent(QMouseEvent* event)
{
    if (event->button() != Qt::LeftButton || m_image.isNull())
        return;
    const QPointF f = toFrame(event->position());
    if (m_tool == Tool::Select) {
        clickAt(f.x(), f.y(), event->modifiers().testFlag(Qt::ShiftModifier));
        return;
    }
    m_stroke = {{f.x(), f.y()}, {f.x(), f.y()}};
}

void GrainOverlayView::mouseMoveEvent(QMouseEvent* event)
{
    if (m_stroke.empty())
        return;
    const QPointF f = toFrame(event->position());
    if (m_tool == Tool::Split) {
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

void GrainOverlayView::mouseReleaseEvent(QMouseEvent* event)
{
    if (m_stroke.empty() || event->button() != Qt::LeftButton)
        return;
    std::vector<cv::Point2d> stroke = std::move(m_stroke);
    m_stroke.clear();
    update();
    if (m_tool == Tool::Split)
        dragLine(stroke.front().x, stroke.front().y, stroke.back().x, stroke.back().y);
    else
        drawStroke(stroke);
}

} // namespace insitu::app
