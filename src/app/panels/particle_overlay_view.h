#pragma once
// ParticleOverlayView: a frame with the particle outlines (one colour per particle) and ids;
// clicks select a particle or, in an edit tool, ask for a hand edit.

#include "insitu/particles/particle_edit.h"
#include "insitu/particles/particle_result.h"

#include <opencv2/core.hpp>

#include <QImage>
#include <QWidget>

#include <optional>

namespace insitu::app {

/// Shows frame (grey, 0.5–99.5 % contrast) fitted in the widget with the outlines of labels;
/// the selected particle is filled. Tools: Select (click = particleClicked), Delete, Merge
/// (two clicks), Split (drag a line), Add (click a seed) — each ends in editRequested.
class ParticleOverlayView : public QWidget
{
    Q_OBJECT
public:
    enum class Tool { Select, Delete, Merge, Split, Add };

    explicit ParticleOverlayView(QWidget* parent = nullptr);

    /// The frame (any single-channel depth) and labels (CV_32S, same size) with their particles.
    void setContent(const cv::Mat& frame, const cv::Mat& labels,
                    const std::vector<Particle>& particles);
    void clear();
    void setSelected(int particleId);
    [[nodiscard]] int selected() const { return m_selected; }
    void setTool(Tool tool);
    [[nodiscard]] Tool tool() const { return m_tool; }
    /// The outline colour of particle id (Okabe–Ito cycle).
    [[nodiscard]] static QColor particleColour(int id);
    [[nodiscard]] const QImage& outlineImage() const { return m_outlines; }

    /// A click at frame position (x, y) with the current tool (what the mouse does; for tests).
    void clickAt(double xPx, double yPx);
    /// A dragged line from (x0, y0) to (x1, y1) (Split tool).
    void dragLine(double x0Px, double y0Px, double x1Px, double y1Px);

signals:
    void particleClicked(int particleId); ///< 0: background
    void editRequested(const insitu::ParticleEdit& edit);

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;

private:
    void rebuildOutlines();
    [[nodiscard]] QRectF targetRect() const;
    [[nodiscard]] QPointF toFrame(QPointF widgetPos) const;

    QImage m_image;
    QImage m_outlines;
    cv::Mat m_labels;
    std::vector<Particle> m_particles;
    int m_selected = 0;
    Tool m_tool = Tool::Select;
    std::optional<QPointF> m_mergeFirst;
    std::optional<QPointF> m_dragStart;
    QPointF m_dragNow;
};

} // namespace insitu::app
