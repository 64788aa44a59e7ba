#pragma once
// KymographView: the kymograph as insitu_plot draws it (axes in px/nm and frame/s, fronts in
// their colours), with the current frame, pins, and mouse pinning.

#include "plot_units.h"

#include "insitu/project/project.h"

#include <qcustomplot.h>

#include <optional>

namespace insitu::app {

/// Shows a kymograph and the tracked fronts exactly as the exported kymograph plot
/// (plot::fillKymographPlot); a click jumps to that frame, dragging a front point and releasing
/// it asks for a pin there (the fronts are then re-tracked). A stale result is flagged.
class KymographView : public QCustomPlot
{
    Q_OBJECT
public:
    explicit KymographView(QWidget* parent = nullptr);

    /// Shows kymograph (may be empty) with fronts; positions are along the path in px, the
    /// columns stepPx apart; axes in nm and s when calibration knows them.
    void setData(const std::optional<ImageF32>& kymograph, const FrontResult& fronts,
                 const Calibration& calibration, double stepPx = 1.0, bool stale = false);
    void setCurrentFrame(int frame);
    [[nodiscard]] QSize sizeHint() const override { return {320, 400}; }
    /// Widget position of (positionPx, frame); exposed for tests.
    [[nodiscard]] QPointF toWidget(double positionPx, double frame) const;
    [[nodiscard]] bool hasKymograph() const { return m_rows > 0; }
    /// The axis labels shown, e.g. "position along ROI (nm)" and "time (s)".
    [[nodiscard]] QString positionAxisLabel() const;
    [[nodiscard]] QString timeAxisLabel() const;

signals:
    void frameClicked(int frame);
    /// Front frontIndex (its place in FrontResult::fronts) should pass through positionPx in frame.
    void pinRequested(int frontIndex, int frame, double positionPx);

protected:
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;

private:
    [[nodiscard]] QPointF toData(QPointF widgetPos) const; // (positionPx, frame)
    [[nodiscard]] double timeOf(double frame) const;
    void addOverlays(bool stale);
    void placeDragMarker();

    FrontResult m_fronts;
    Calibration m_calibration;
    plot::PlotUnits m_units;
    int m_rows = 0;
    int m_cols = 0;
    double m_stepPx = 1.0;
    int m_currentFrame = 0;
    int m_dragFront = -1;
    QPointF m_dragData;
    QPointF m_pressData;
    QCPItemStraightLine* m_frameLine = nullptr;
    QCPGraph* m_dragMarker = nullptr;
};

} // namespace insitu::app
