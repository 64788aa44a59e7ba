#pragma once
// GrainOverlayView: the label overlay of the Grains panel — grains picked by clicks (shift adds),
// a dragged line asks for a split, a freehand stroke asks for a new boundary.

#include "views/label_overlay_view.h"

#include "insitu/project/grains_edit.h"

#include <vector>

namespace insitu::app {

/// A LabelOverlayView of the analysed region with the grain labels, and the Grains panel's tools:
/// Select (click selects, shift-click adds or removes), Split (drag a line across a grain: the
/// one it crosses most is split), Boundary (draw a freehand stroke through any grains).
class GrainOverlayView : public LabelOverlayView
{
    Q_OBJECT
public:
    enum class Tool { Select, Split, Boundary };

    explicit GrainOverlayView(QWidget* parent = nullptr);

    void setSelected(std::vector<int> grainIds) { setSelection(std::move(grainIds)); }
    [[nodiscard]] const std::vector<int>& selected() const { return selection(); }
    void setTool(Tool tool);
    [[nodiscard]] Tool tool() const { return m_tool; }
    /// The grain id at frame position (x, y); 0 on a boundary or outside.
    [[nodiscard]] int grainAt(double xPx, double yPx) const { return labelAt(xPx, yPx); }

    /// A click at frame position (x, y) with the current tool (what the mouse does; for tests).
    void clickAt(double xPx, double yPx, bool addToSelection = false);
    /// A dragged line (Split tool): a split of the grain the line crosses most.
    void dragLine(double x0Px, double y0Px, double x1Px, double y1Px);
    /// A drawn stroke (Boundary tool): a new boundary along it.
    void drawStroke(const std::vector<cv::Point2d>& strokePx);

signals:
    void editRequested(const insitu::GrainEdit& edit);

protected:
    void clicked(QPointF framePx, Qt::KeyboardModifiers modifiers) override;
    void lineDrawn(QPointF fromPx, QPointF toPx) override;
    void strokeDrawn(const std::vector<cv::Point2d>& strokePx) override;

private:
    Tool m_tool = Tool::Select;
};

} // namespace insitu::app
