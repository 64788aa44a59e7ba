#pragma once
// FrameView: shows one frame with percentile contrast, zoom and pan.

#include "insitu/frame.h"

#include <QImage>
#include <QWidget>

namespace insitu::app {

/// Displays a frame scaled to 8-bit grey by a min/max display range.
class FrameView : public QWidget
{
    Q_OBJECT
public:
    explicit FrameView(QWidget* parent = nullptr);

    /// Shows frame; keeps the zoom unless the size changed.
    void setFrame(const Frame& frame);
    [[nodiscard]] const Frame& frame() const { return m_frame; }
    /// Display range (grey 0 at low, 255 at high); percentile-based after setFrame.
    [[nodiscard]] std::pair<double, double> displayRange() const { return {m_low, m_high}; }
    void zoomToFit();

signals:
    /// Pixel under the cursor (frame coordinates) and its value.
    void pixelHovered(double x, double y, double value);

protected:
    void paintEvent(QPaintEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    void rebuildImage();
    [[nodiscard]] QPointF toFrame(QPointF widgetPos) const;

    Frame m_frame;
    QImage m_image;
    double m_low = 0;
    double m_high = 1;
    double m_zoom = 1;
    QPointF m_offset;  // widget position of the frame's top-left corner
    QPoint m_lastDrag;
    bool m_fitPending = true;
};

} // namespace insitu::app
