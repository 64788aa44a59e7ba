#pragma once
// GrainOverlayView: the analysed region of a frame with the grain outlines (one colour per
// grain); clicks select grains (shift adds), a dragged line asks for a split, a freehand stroke
// asks for a new boundary.

#include "insitu/project/grains_edit.h"

#include <opencv2/core.hpp>

#include <QImage>
#include <QWidget>

#include <vector>

namespace insitu::app {

/// Shows a region (grey, 0.5–99.5 % contrast) fitted in the widget with the outlines of its
/// grain labels; selected grains are filled. Tools: Select (click selects, shift-click adds or
/// removes), Split (drag a line across a grain), Boundary (draw a freehand stroke). Positions
/// given and emitted are frame px (the region's offset added).
class GrainOverlayView : public QWidget
{
    Q_OBJECT
public:
    enum class Tool { Select, Split, Boundary };

    explicit GrainOverlayView(QWidget* parent = nullptr);

    /// region (any single-channel depth) and its labels (CV_32S, same size), whose top-left
    /// pixel is frame pixel offsetPx.
    void setContent(const cv::Mat& region, const cv::Mat& labels, cv::Point offsetPx);
    void clear();
    void setSelected(std::vector<int> grainIds);
    [[nodiscard]] const std::vector<int>& selected() const { return m_selected; }
    void setTool(Tool tool);
    [[nodiscard]] Tool tool() const { return m_tool; }
    [[nodiscard]] const QImage& outlineImage() const { return m_outlines; }
    /// The grain id at frame position (x, y); 0 on a boundary or outside.
    [[nodiscard]] int grainAt(double xPx, double yPx) const;

    /// A click at frame position (x, y) with the current tool (what the mouse does; for tests).
    void clickAt(double xPx, double yPx, bool addToSelection = false);
    /// A dragged line (Split tool): a split of the grain the line crosses most.
    void dragLine(double x0Px, double y0Px, double x1Px, double y1Px);
    /// A drawn stroke (Boundary tool): a new boundary along it.
    void drawStroke(const std::vector<cv::Point2d>& strokePx);

signals:
    void selectionChanged(const std::vector<int>& grainIds);
    void editRequested(const insitu::GrainEdit& edit);

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;

private:
    void rebuildOutlines();
    [[nodiscard]] QRectF targetRect() const;
    [[nodiscard]] QPointF toFrame(QPointF widgetPos) const;
    [[nodiscard]] QPointF toWidget(QPointF framePx) const;

    QImage m_image;
    QImage m_outlines;
    cv::Mat m_labels;
    cv::Point m_offset;
    std::vector<int> m_selected;
    Tool m_tool = Tool::Select;
    std::vector<cv::Point2d> m_stroke; ///< the line or stroke being drawn (frame px)
};

} // namespace insitu::app
