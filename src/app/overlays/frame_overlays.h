#pragma once
// FrameOverlays: what is drawn over the shown frame — where the ROIs sit (drift offset) and the
// front markers of the tracked path, in the plots' front colours.

#include <QColor>
#include <QObject>
#include <QPointF>
#include <QPolygonF>

#include <vector>

namespace insitu::app {

class Document;
class FrameView;

/// A front's position on the current frame (frame-0 px) and its colour (that of the plots).
struct FrontMarker
{
    QPointF pointPx;
    QColor colour;
    int frontIndex = 0;
};

/// Areas (issue #16): a followed particle's outline on the current frame (frame-0 px, so that
/// the view's drift offset puts it on the raw frame) in the area plot's particle colour.
struct OutlineOverlay
{
    QPolygonF polygonPx;
    QColor colour;
    int particle = 0;
    bool keyframe = false; ///< a hand-set keyframe at this frame (drawn thicker)
};

/// Keeps the FrameView's overlays in step with the Document: the ROI offset by the drift of the
/// shown frame (none when the frame is drift-corrected) and a marker per front of the shown path
/// ROI on the shown frame.
class FrameOverlays : public QObject
{
    Q_OBJECT
public:
    FrameOverlays(Document* document, FrameView* view, QObject* parent = nullptr);

    /// The frame on screen (-1: none).
    void setShownFrame(int frame);
    /// The path ROI whose fronts are marked (0: none).
    void setFrontsRoiId(int roiId);
    /// True when the shown frame is drift-corrected (ROIs then sit at their frame-0 place).
    void setDriftCorrected(bool corrected);
    /// Crystal (issue #18): the outlines of the grains selected in the Grains panel (frame-0 px).
    void setSelectedGrainOutlines(std::vector<OutlineOverlay> outlines);

    /// The markers of frame on the ROI roiId of document (pure: used by update and tests).
    [[nodiscard]] static std::vector<FrontMarker> frontMarkers(const Document& document, int roiId,
                                                               int frame);
    /// Areas (issue #16): the outlines of every followed particle on frame (pure).
    [[nodiscard]] static std::vector<OutlineOverlay> areaOutlines(const Document& document,
                                                                  int frame);
    /// The colour of front frontIndex: the plots' palette (insitu::plot::okabeIto).
    [[nodiscard]] static QColor frontColour(int frontIndex);

    /// Recomputes the overlays and repaints the view.
    void update();

private:
    Document* m_document;
    FrameView* m_view;
    int m_frame = -1;
    int m_roiId = 0;
    bool m_driftCorrected = false;
    std::vector<OutlineOverlay> m_crystalOutlines; ///< crystal (issue #18), frame-0 px
    std::vector<OutlineOverlay> m_selectedGrains;  ///< drawn over them
};

} // namespace insitu::app
