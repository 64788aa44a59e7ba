// GrainOverlayView: the Grains panel's tools on the label overlay.

#include "panels/grain_overlay_view.h"

#include "insitu/crystal/grain_cut.h"

namespace insitu::app {

GrainOverlayView::GrainOverlayView(QWidget* parent) : LabelOverlayView(tr("No grains yet"), parent)
{
    setMinimumSize(200, 200);
}

void GrainOverlayView::setTool(Tool tool)
{
    m_tool = tool;
    setGesture(tool == Tool::Select  ? Gesture::Click
               : tool == Tool::Split ? Gesture::Line
                                     : Gesture::Stroke);
    setCursor(tool == Tool::Select ? Qt::ArrowCursor : Qt::CrossCursor);
}

void GrainOverlayView::clickAt(double xPx, double yPx, bool addToSelection)
{
    if (m_tool == Tool::Select)
        pickAt(xPx, yPx, addToSelection);
}

void GrainOverlayView::dragLine(double x0Px, double y0Px, double x1Px, double y1Px)
{
    if (m_tool != Tool::Split || labels().empty())
        return;
    const cv::Point2d offset = contentOffset();
    const int id = grainCrossedMost(labels(), cv::Point2d(x0Px, y0Px) - offset,
                                    cv::Point2d(x1Px, y1Px) - offset);
    if (id > 0)
        emit editRequested({GrainEdit::Kind::Split, id, 0, {{x0Px, y0Px}, {x1Px, y1Px}}});
}

void GrainOverlayView::drawStroke(const std::vector<cv::Point2d>& strokePx)
{
    if (m_tool == Tool::Boundary && strokePx.size() >= 2)
        emit editRequested({GrainEdit::Kind::Boundary, 0, 0, strokePx});
}

void GrainOverlayView::clicked(QPointF framePx, Qt::KeyboardModifiers modifiers)
{
    clickAt(framePx.x(), framePx.y(), modifiers.testFlag(Qt::ShiftModifier));
}

void GrainOverlayView::lineDrawn(QPointF fromPx, QPointF toPx)
{
    dragLine(fromPx.x(), fromPx.y(), toPx.x(), toPx.y());
}

void GrainOverlayView::strokeDrawn(const std::vector<cv::Point2d>& strokePx)
{
    drawStroke(strokePx);
}

} // namespace insitu::app
