#pragma once
// ParticleOverlayView: the label overlay of the Particles panel — a frame with the particle
// outlines and ids; clicks select a particle or, in an edit tool, ask for a hand edit.

#include "views/label_overlay_view.h"

#include "insitu/particles/particle_edit.h"
#include "insitu/particles/particle_result.h"

#include <optional>

namespace insitu::app {

/// A LabelOverlayView of the frame with the particle labels and ids, and the Particles panel's
/// tools: Select (click = particleClicked), Delete, Merge (two clicks), Split (drag a line), Add
/// (click a seed) — each edit ends in editRequested.
class ParticleOverlayView : public LabelOverlayView
{
    Q_OBJECT
public:
    enum class Tool { Select, Delete, Merge, Split, Add };

    explicit ParticleOverlayView(QWidget* parent = nullptr);

    /// The frame (any single-channel depth) and labels (CV_32S, same size) with their particles.
    void setContent(const cv::Mat& frame, const cv::Mat& labels,
                    const std::vector<Particle>& particles);
    void setSelected(int particleId);
    /// The selected particle (0: none).
    [[nodiscard]] int selected() const { return selection().empty() ? 0 : selection().front(); }
    void setTool(Tool tool);
    [[nodiscard]] Tool tool() const { return m_tool; }
    /// The outline colour of particle id (Okabe–Ito cycle).
    [[nodiscard]] static QColor particleColour(int id) { return labelColour(id); }

    /// A click at frame position (x, y) with the current tool (what the mouse does; for tests).
    void clickAt(double xPx, double yPx);
    /// A dragged line from (x0, y0) to (x1, y1) (Split tool).
    void dragLine(double x0Px, double y0Px, double x1Px, double y1Px);

signals:
    void particleClicked(int particleId); ///< 0: background
    void editRequested(const insitu::ParticleEdit& edit);

protected:
    void clicked(QPointF framePx, Qt::KeyboardModifiers modifiers) override;
    void lineDrawn(QPointF fromPx, QPointF toPx) override;

private:
    Tool m_tool = Tool::Select;
    std::optional<QPointF> m_mergeFirst;
};

} // namespace insitu::app
