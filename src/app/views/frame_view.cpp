#include "frame_view.h"

#include <opencv2/core.hpp>

#include <QMouseEvent>
#include <QPainter>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace insitu::app {

namespace {
/// Low and high percentiles (0.1 %, 99.9 %) of a float image, on a subsample for speed.
std::pair<double, double> percentileRange(const cv::Mat& values)
{
    std::vector<float> samples;
    const int step = std::max(1, static_cast<int>(std::sqrt(values.total() / 65536.0)));
    for (int r = 0; r < values.rows; r += step)
        for (int c = 0; c < values.cols; c += step)
            samples.push_back(values.at<float>(r, c));
    if (samples.empty())
        return {0.0, 1.0};
    auto at = [&samples](double q) {
        auto nth = samples.begin() + static_cast<long>(q * static_cast<double>(samples.size() - 1));
        std::nth_element(samples.begin(), nth, samples.end());
        return static_cast<double>(*nth);
    };
    const double low = at(0.001);
    const double high = at(0.999);
    return {low, high > low ? high : low + 1.0};
}
} // namespace

FrameView::FrameView(QWidget* parent) : QWidget(parent)
{
    setMouseTracking(true);
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
    if (!m_frame.empty()) {
        std::tie(m_low, m_high) = percentileRange(m_frame.toFloat32());
    }
    rebuildImage();
    if (sizeChanged)
        m_fitPending = true;
    if (m_fitPending)
        zoomToFit();
    update();
}

void FrameView::rebuildImage()
{
    if (m_frame.empty()) {
        m_image = QImage();
        return;
    }
    const cv::Mat values = m_frame.toFloat32();
    cv::Mat grey;
    const double scale = 255.0 / (m_high - m_low);
    values.convertTo(grey, CV_8U, scale, -m_low * scale);
    m_image = QImage(grey.data, grey.cols, grey.rows, static_cast<int>(grey.step),
                     QImage::Format_Grayscale8)
                  .copy();
}

void FrameView::zoomToFit()
{
    if (m_image.isNull() || width() <= 0 || height() <= 0)
        return;
    m_zoom = std::min(width() / static_cast<double>(m_image.width()),
                      height() / static_cast<double>(m_image.height()));
    m_offset = QPointF((width() - m_image.width() * m_zoom) / 2,
                       (height() - m_image.height() * m_zoom) / 2);
    m_fitPending = false;
    update();
}

QPointF FrameView::toFrame(QPointF widgetPos) const
{
    // Pixel centres are at integer coordinates: the top-left pixel spans [-0.5, 0.5).
    return (widgetPos - m_offset) / m_zoom - QPointF(0.5, 0.5);
}

void FrameView::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    if (m_image.isNull()) {
        painter.setPen(Qt::lightGray);
        painter.drawText(rect(), Qt::AlignCenter, tr("Open a movie (File ▸ Open, or drop it here)"));
        return;
    }
    painter.setRenderHint(QPainter::SmoothPixmapTransform, m_zoom < 1.0);
    const QRectF target(m_offset, QSizeF(m_image.width() * m_zoom, m_image.height() * m_zoom));
    painter.drawImage(target, m_image);
}

void FrameView::wheelEvent(QWheelEvent* event)
{
    const double factor = std::pow(1.0015, event->angleDelta().y());
    const QPointF anchor = event->position();
    m_offset = anchor - (anchor - m_offset) * factor;
    m_zoom *= factor;
    update();
}

void FrameView::mousePressEvent(QMouseEvent* event)
{
    m_lastDrag = event->pos();
}

void FrameView::mouseMoveEvent(QMouseEvent* event)
{
    if (event->buttons() & Qt::LeftButton) {
        m_offset += event->pos() - m_lastDrag;
        m_lastDrag = event->pos();
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

void FrameView::resizeEvent(QResizeEvent*)
{
    if (m_fitPending)
        zoomToFit();
}

} // namespace insitu::app
