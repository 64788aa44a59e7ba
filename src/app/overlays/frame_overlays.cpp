#include "overlays/frame_overlays.h"

#include "overlays/crystal_outlines.h"

#include "document/document.h"
#include "views/frame_view.h"

#include "journal_style.h"

#include "insitu/roi/path.h"

namespace insitu::app {

FrameOverlays::FrameOverlays(Document* document, FrameView* view, QObject* parent)
    : QObject(parent), m_document(document), m_view(view)
{
    connect(document, &Document::calibrationChanged, this, &FrameOverlays::update);
    connect(document, &Document::driftChanged, this, &FrameOverlays::update);
    connect(document, &Document::frontsChanged, this, &FrameOverlays::update);
    connect(document, &Document::roiChanged, this, &FrameOverlays::update);
    connect(document, &Document::roiRemoved, this, &FrameOverlays::update);
    connect(document, &Document::areasChanged, this, &FrameOverlays::update); // issue #16
    // crystal (issue #18): the crystallinity map and grain outlines, traced once per change
    for (auto changed : {&Document::fftChanged, &Document::grainsChanged, &Document::driftChanged,
                         &Document::movieChanged})
        connect(document, changed, this, [this] {
            m_crystalOutlines = crystalOutlines(*m_document);
            update();
        });
    connect(document, &Document::movieChanged, this, [this] {
        m_frame = -1;
        m_roiId = 0;
        update();
    });
}

void FrameOverlays::setShownFrame(int frame)
{
    m_frame = frame;
    update();
}

void FrameOverlays::setFrontsRoiId(int roiId)
{
    m_roiId = roiId;
    update();
}

void FrameOverlays::setDriftCorrected(bool corrected)
{
    m_driftCorrected = corrected;
    update();
}

void FrameOverlays::setSelectedGrainOutlines(std::vector<OutlineOverlay> outlines)
{
    m_selectedGrains = std::move(outlines);
    update();
}

QColor FrameOverlays::frontColour(int frontIndex)
{
    return plot::okabeIto(frontIndex);
}

std::vector<FrontMarker> FrameOverlays::frontMarkers(const Document& document, int roiId, int frame)
{
    std::vector<FrontMarker> markers;
    const int index = document.roiIndex(roiId);
    const ProjectFronts* fronts = document.fronts(roiId);
    if (!fronts || index < 0)
        return markers;
    const Roi& roi = document.roi(index);
    for (const FrontTrack& track : fronts->result.fronts)
        for (std::size_t i = 0; i < track.frames.size(); ++i)
            if (track.frames[i] == frame) {
                const PointPx p = pointAtArcLength(roi, track.positionsPx[i]);
                markers.push_back({QPointF(p.x, p.y), frontColour(track.index), track.index});
            }
    return markers;
}

std::vector<OutlineOverlay> FrameOverlays::areaOutlines(const Document& document, int frame)
{
    std::vector<OutlineOverlay> outlines;
    const auto& areas = document.areas();
    if (!areas || frame < 0)
        return outlines;
    // Outlines are in frame-k image px; the view adds the drift of the shown raw frame.
    double dxPx = 0, dyPx = 0;
    if (const auto& drift = document.drift(); drift && frame < drift->result.frameCount()) {
        dxPx = drift->result.dxPx[static_cast<std::size_t>(frame)];
        dyPx = drift->result.dyPx[static_cast<std::size_t>(frame)];
    }
    for (const AreaTrack& track : areas->result.particles)
        for (std::size_t i = 0; i < track.frames.size() && i < track.outlinesPx.size(); ++i)
            if (track.frames[i] == frame) {
                OutlineOverlay overlay;
                for (const PointPx& p : track.outlinesPx[i])
                    overlay.polygonPx << QPointF(p.x - dxPx, p.y - dyPx);
                overlay.colour = plot::okabeIto(track.index);
                overlay.particle = track.index;
                for (const AreaKeyframe& key : areas->result.keyframes)
                    overlay.keyframe = overlay.keyframe || (key.particle == track.index &&
                                                            key.frame == frame && !key.refine);
                outlines.push_back(std::move(overlay));
            }
    return outlines;
}

void FrameOverlays::update()
{
    // ROIs live in frame-0 coordinates; on the raw frame the specimen is displaced by the drift.
    double dxPx = 0;
    double dyPx = 0;
    const auto& drift = m_document->drift();
    if (m_frame >= 0 && !m_driftCorrected && drift && m_frame < drift->result.frameCount()) {
        dxPx = drift->result.dxPx[static_cast<std::size_t>(m_frame)];
        dyPx = drift->result.dyPx[static_cast<std::size_t>(m_frame)];
    }
    m_view->setOverlayOffset(dxPx, dyPx);
    m_view->setFrontMarkers(frontMarkers(*m_document, m_roiId, m_frame));
    std::vector<OutlineOverlay> outlines = areaOutlines(*m_document, m_frame);
    outlines.insert(outlines.end(), m_crystalOutlines.begin(), m_crystalOutlines.end());
    outlines.insert(outlines.end(), m_selectedGrains.begin(), m_selectedGrains.end());
    m_view->setOutlines(std::move(outlines));
}

} // namespace insitu::app
