#pragma once
// FrameView: shows one frame with contrast, zoom, pan, overlays (scale bar, time, ROIs).

#include "insitu/frame.h"
#include "overlays/frame_overlays.h"

#include <QImage>
#include <QWidget>

#include <optional>

namespace insitu::app {

class RoiEditor;

/// Displays a frame scaled to 8-bit grey by a display range (automatic percentiles or manual),
/// with wheel zoom, fit and 1:1, pan, pixel readout and overlays; mouse input in frame
/// coordinates goes to the RoiEditor.
class FrameView : public QWidget
{
    Q_OBJECT
public:
    explicit FrameView(QWidget* parent = nullptr);

    /// Shows frame (keeps the zoom unless the size changed); recomputes the automatic range.
    void setFrame(const Frame& frame);
    [[nodiscard]] const Frame& frame() const { return m_frame; }
    [[nodiscard]] const QImage& image() const { return m_image; }

    /// Display range: grey 0 at low, 255 at high.
    [[nodiscard]] std::pair<double, double> displayRange() const { return {m_low, m_high}; }
    /// Sets a manual range (turns automatic contrast off).
    void setDisplayRange(double low, double high);
    /// Automatic contrast: 0.1 % / 99.9 % percentiles of each frame.
    void setAutoContrast(bool automatic);
    [[nodiscard]] bool autoContrast() const { return m_autoContrast; }

    /// Fits the whole frame in the view; the view keeps fitting (also when resized) until the
    /// user zooms or pans.
    void zoomToFit();
    void zoomOneToOne();
    /// Zooms by one step (×1.25) about the view centre.
    void zoomIn();
    void zoomOut();
    /// The next frame shown is fitted whole (a new movie opens in full view).
    void fitNextFrame();
    /// True while the view fits the frame (no zoom or pan since).
    [[nodiscard]] bool isFitting() const { return m_fitting; }
    [[nodiscard]] double zoom() const { return m_zoom; }

    /// Editor that receives mouse input and paints ROIs (not owned).
    void setRoiEditor(RoiEditor* editor);
    /// Where frame-0 coordinates appear in the shown frame: +drift in the raw view, 0 when the
    /// shown frame is drift-corrected.
    void setOverlayOffset(double dxPx, double dyPx);
    [[nodiscard]] QPointF overlayOffset() const { return m_overlayOffset; }
    /// Pixel size for the scale bar and readout (nullopt: no scale bar).
    void setNmPerPixel(std::optional<double> nmPerPixel);
    /// Text drawn in the top-left corner (frame number and time).
    void setTimeText(const QString& text);
    /// Front markers (frame-0 px) drawn on the current frame, each in its front's colour.
    void setFrontMarkers(std::vector<FrontMarker> markers);
    [[nodiscard]] const std::vector<FrontMarker>& frontMarkers() const { return m_frontMarkers; }
    /// Areas (issue #16): particle outlines of the shown frame (frame-0 px, drawn with the offset).
    void setOutlines(std::vector<OutlineOverlay> outlines);
    [[nodiscard]] const std::vector<OutlineOverlay>& outlines() const { return m_outlines; }

    /// Frame coordinates (px, centres at integers) of a widget position.
    [[nodiscard]] QPointF toFrame(QPointF widgetPos) const;
    /// Widget position of frame coordinates.
    [[nodiscard]] QPointF toWidget(QPointF framePos) const;

signals:
    /// Pixel under the cursor (frame coordinates) and its value.
    void pixelHovered(double x, double y, double value);
    void displayRangeChanged(double low, double high);
    /// A left click (press and release in place) that no ROI took, at frame-0 px (the overlay
    /// offset taken off, as the ROIs' coordinates); e.g. a grain picked on the frame.
    void clicked(QPointF frame0Px, Qt::KeyboardModifiers modifiers);

protected:
    void paintEvent(QPaintEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    void rebuildImage();
    void paintScaleBar(QPainter& painter);
    void zoomAround(QPointF anchor, double factor);

    Frame m_frame;
    QImage m_image;
    double m_low = 0;
    double m_high = 1;
    bool m_autoContrast = true;
    double m_zoom = 1;
    QPointF m_offset; // widget position of the frame's top-left corner
    QPoint m_lastDrag;
    bool m_panning = false;
    bool m_fitting = true;
    std::optional<QPointF> m_clickStart;      ///< where a left press that pans began
    static constexpr double kClickSlopPx = 3; ///< a press moved less than this is a click
    static constexpr double kZoomStep = 1.25;
    RoiEditor* m_editor = nullptr;
    QPointF m_overlayOffset;
    std::optional<double> m_nmPerPixel;
    QString m_timeText;
    std::vector<FrontMarker> m_frontMarkers;
    std::vector<OutlineOverlay> m_outlines; ///< areas (issue #16)
};

} // namespace insitu::app
