#pragma once
// KymographView: a kymograph (time down, distance along the path across) with its fronts.

#include "insitu/project/project.h"

#include <QImage>
#include <QWidget>

#include <optional>

namespace insitu::app {

/// Shows a kymograph and the tracked fronts; a click jumps to that frame, dragging a front
/// point and releasing it asks for a pin there (the fronts are then re-tracked).
class KymographView : public QWidget
{
    Q_OBJECT
public:
    explicit KymographView(QWidget* parent = nullptr);

    /// Shows kymograph (may be empty) and fronts.
    void setData(const std::optional<ImageF32>& kymograph, const FrontResult& fronts);
    void setCurrentFrame(int frame);
    [[nodiscard]] QSize sizeHint() const override { return {320, 400}; }
    /// Widget position of (positionPx, frame); exposed for tests.
    [[nodiscard]] QPointF toWidget(double positionPx, double frame) const;

signals:
    void frameClicked(int frame);
    /// Front frontIndex should pass through positionPx in frame.
    void pinRequested(int frontIndex, int frame, double positionPx);

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;

private:
    [[nodiscard]] QRectF imageRect() const;
    [[nodiscard]] QPointF toData(QPointF widgetPos) const;  // (positionPx, frame)

    QImage m_image;
    FrontResult m_fronts;
    int m_currentFrame = 0;
    int m_dragFront = -1;
    QPointF m_dragData;
    QPointF m_pressData;
};

} // namespace insitu::app
