// ParticleOverlayView: the Particles panel's ids and tools on the label overlay.

#include "panels/particle_overlay_view.h"

namespace insitu::app {

ParticleOverlayView::ParticleOverlayView(QWidget* parent)
    : LabelOverlayView(tr("No particles yet"), parent)
{
    setMinimumSize(240, 240);
}

void ParticleOverlayView::setContent(const cv::Mat& frame, const cv::Mat& labels,
                                     const std::vector<Particle>& particles)
{
    LabelOverlayView::setContent(frame, labels);
    std::vector<IdMark> marks;
    for (const Particle& p : particles)
        marks.push_back({p.id, QPointF(p.xPx, p.yPx)});
    setIdMarks(std::move(marks));
    m_mergeFirst.reset();
}

void ParticleOverlayView::setSelected(int particleId)
{
    setSelection(particleId > 0 ? std::vector<int>{particleId} : std::vector<int>{});
}

void ParticleOverlayView::setTool(Tool tool)
{
    m_tool = tool;
    m_mergeFirst.reset();
    setMarker(std::nullopt);
    setGesture(tool == Tool::Split ? Gesture::Line : Gesture::Click);
    setCursor(tool == Tool::Select ? Qt::ArrowCursor : Qt::CrossCursor);
}

void ParticleOverlayView::clickAt(double x, double y)
{
    switch (m_tool) {
    case Tool::Select:
        pickAt(x, y);
        emit particleClicked(labelAt(x, y));
        break;
    case Tool::Delete:
        emit editRequested({ParticleEditKind::Delete, x, y, 0, 0});
        break;
    case Tool::Add:
        emit editRequested({ParticleEditKind::Add, x, y, 0, 0});
        break;
    case Tool::Merge:
        if (!m_mergeFirst) {
            m_mergeFirst = QPointF(x, y);
            setMarker(m_mergeFirst);
        } else {
            const QPointF first = *m_mergeFirst;
            m_mergeFirst.reset();
            setMarker(std::nullopt);
            emit editRequested({ParticleEditKind::Merge, first.x(), first.y(), x, y});
        }
        break;
    case Tool::Split:
        break;
    }
}

void ParticleOverlayView::dragLine(double x0, double y0, double x1, double y1)
{
    if (m_tool == Tool::Split)
        emit editRequested({ParticleEditKind::Split, x0, y0, x1, y1});
}

void ParticleOverlayView::clicked(QPointF framePx, Qt::KeyboardModifiers)
{
    clickAt(framePx.x(), framePx.y());
}

void ParticleOverlayView::lineDrawn(QPointF fromPx, QPointF toPx)
{
    dragLine(fromPx.x(), fromPx.y(), toPx.x(), toPx.y());
}

} // namespace insitu::app
