#include "views/kymograph_view.h"

#include "views/display_range.h"

#include <QMouseEvent>
#include <QPainter>

#include <array>
#include <cmath>

namespace insitu::app {

namespace {
const std::array<QColor, 4> kFrontColours{QColor(0, 158, 115), QColor(213, 94, 0),
                                          QColor(204, 121, 167), QColor(86, 180, 233)};
} // namespace

KymographView::KymographView(QWidget* parent) : QWidget(parent)
{
    setMinimumSize(160, 160);
    setMouseTracking(true);
}

void KymographView::setData(const std::optional<ImageF32>& kymograph, const FrontResult& fronts)
{
    m_fronts = fronts;
    if (kymograph && kymograph->rows > 0 && kymograph->cols > 0) {
        cv::Mat values(kymograph->rows, kymograph->cols, CV_32F,
                       const_cast<float*>(kymograph->values.data()));
        const Frame frame(values.clone(), PixelType::Float32);
        const auto [low, high] = percentileRange(frame, 0.005, 0.995);
        m_image = renderGrey(frame, low, high);
    } else {
        m_image = QImage();
    }
    update();
}

void KymographView::setCurrentFrame(int frame)
{
    m_currentFrame = frame;
    update();
}

QRectF KymographView::imageRect() const
{
    if (m_image.isNull())
        return {};
    // Stretch to the widget: kymographs are often long and thin.
    return QRectF(6, 6, width() - 12, height() - 12);
}

QPointF KymographView::toWidget(double positionPx, double frame) const
{
    const QRectF r = imageRect();
    return {r.left() + (positionPx + 0.5) / m_image.width() * r.width(),
            r.top() + (frame + 0.5) / m_image.height() * r.height()};
}

QPointF KymographView::toData(QPointF w) const
{
    const QRectF r = imageRect();
    return {(w.x() - r.left()) / r.width() * m_image.width() - 0.5,
            (w.y() - r.top()) / r.height() * m_image.height() - 0.5};
}

void KymographView::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    painter.fillRect(rect(), QColor(40, 40, 40));
    if (m_image.isNull()) {
        painter.setPen(Qt::lightGray);
        painter.drawText(rect().adjusted(8, 8, -8, -8), Qt::AlignCenter | Qt::TextWordWrap,
                         tr("Select a line or polyline ROI and press “Track fronts”."));
        return;
    }
    painter.drawImage(imageRect(), m_image);
    painter.setRenderHint(QPainter::Antialiasing, true);
    for (std::size_t f = 0; f < m_fronts.fronts.size(); ++f) {
        const FrontTrack& track = m_fronts.fronts[f];
        const QColor colour = kFrontColours[f % kFrontColours.size()];
        painter.setPen(QPen(colour, 1.8));
        QPolygonF line;
        for (std::size_t i = 0; i < track.frames.size(); ++i) {
            // A gap in the frames breaks the line (the front did not exist there).
            if (i > 0 && track.frames[i] != track.frames[i - 1] + 1) {
                painter.drawPolyline(line);
                line.clear();
            }
            line << toWidget(track.positionsPx[i], track.frames[i]);
        }
        painter.drawPolyline(line);
        painter.setBrush(colour);
        for (const FrontPin& pin : track.pins)
            painter.drawEllipse(toWidget(pin.positionPx, pin.frame), 4, 4);
        painter.setBrush(Qt::NoBrush);
    }
    if (m_dragFront >= 0) {
        painter.setPen(QPen(Qt::yellow, 2));
        painter.drawEllipse(toWidget(m_dragData.x(), m_dragData.y()), 5, 5);
    }
    painter.setPen(QPen(QColor(255, 255, 255, 160), 1, Qt::DashLine));
    const double y = toWidget(0, m_currentFrame).y();
    painter.drawLine(QPointF(imageRect().left(), y), QPointF(imageRect().right(), y));
}

void KymographView::mousePressEvent(QMouseEvent* event)
{
    if (m_image.isNull() || event->button() != Qt::LeftButton)
        return;
    const QPointF point = toData(event->position());
    const int frame = std::clamp(static_cast<int>(std::lround(point.y())), 0, m_image.height() - 1);
    // Grab a front when the press is within 6 widget px of its point in this frame.
    m_dragFront = -1;
    for (std::size_t f = 0; f < m_fronts.fronts.size(); ++f) {
        const FrontTrack& track = m_fronts.fronts[f];
        for (std::size_t i = 0; i < track.frames.size(); ++i) {
            if (track.frames[i] != frame)
                continue;
            const QPointF w = toWidget(track.positionsPx[i], frame);
            if (std::abs(w.x() - event->position().x()) < 6)
                m_dragFront = static_cast<int>(f);
        }
    }
    m_dragData = QPointF(point.x(), frame);
    m_pressData = m_dragData;
    emit frameClicked(frame);
    update();
}

void KymographView::mouseMoveEvent(QMouseEvent* event)
{
    if (m_dragFront < 0 || !(event->buttons() & Qt::LeftButton))
        return;
    const QPointF point = toData(event->position());
    m_dragData = QPointF(std::clamp(point.x(), 0.0, m_image.width() - 1.0),
                         std::clamp(std::round(point.y()), 0.0, m_image.height() - 1.0));
    update();
}

void KymographView::mouseReleaseEvent(QMouseEvent* event)
{
    if (m_dragFront < 0 || event->button() != Qt::LeftButton)
        return;
    const int front = m_dragFront;
    m_dragFront = -1;
    update();
    const QPointF moved = m_dragData - m_pressData;
    if (std::abs(moved.x()) < 0.5 && std::abs(moved.y()) < 0.5)
        return;  // a click, not a drag
    emit pinRequested(front, static_cast<int>(m_dragData.y()), m_dragData.x());
}

} // namespace insitu::app
