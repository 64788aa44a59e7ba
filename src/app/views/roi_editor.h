#pragma once
// RoiEditor: the ROI tools (draw line/polyline/rectangle/ellipse/polygon, select, move, edit).

#include "insitu/roi/roi.h"

#include <QObject>
#include <QPointF>
#include <QRectF>

#include <optional>

class QPainter;

namespace insitu::app {

class Document;
class FrameView;
class WireBandJob;

/// Turns mouse input (frame-0 px) into ROI commands on the Document and paints the ROIs; every
/// edit is one undoable step (a drag merges into one ChangeRoi).
class RoiEditor : public QObject
{
    Q_OBJECT
public:
    enum class Tool { Select, Line, Polyline, Rectangle, Ellipse, Polygon, ScaleLine, Region };
    Q_ENUM(Tool)

    RoiEditor(Document* document, FrameView* view, QObject* parent = nullptr);

    void setTool(Tool tool);
    [[nodiscard]] Tool tool() const { return m_tool; }
    /// Band width (px) typed for new line and polyline ROIs: the document's front settings.
    [[nodiscard]] double defaultWidthPx() const;
    /// True when new path ROIs take the band from the wire under them (no width was typed in the
    /// tool bar): they appear with defaultWidthPx() and wireBandJob() measures their band.
    [[nodiscard]] bool bandFollowsWire() const;
    /// Measures the wire under new path ROIs off the GUI thread (the core's default band, as
    /// `insitu front` without --width); its result joins the ROI's creation step.
    [[nodiscard]] WireBandJob* wireBandJob() const { return m_wireBand; }
    /// Adds a path ROI drawn or given by a script (one undo step) and, when bandFollowsWire(),
    /// starts the measurement of its band.
    void addPath(const Roi& path);

    /// Id of the selected ROI, or 0.
    [[nodiscard]] int selectedRoiId() const { return m_selectedId; }
    void setSelectedRoiId(int roiId);
    /// Deletes the selected ROI (undoable).
    void deleteSelected();

    // Input from the view, in frame-0 coordinates; true when the editor used the event.
    bool press(QPointF p, Qt::KeyboardModifiers modifiers);
    bool move(QPointF p, Qt::MouseButtons buttons);
    void release(QPointF p);
    void doubleClick(QPointF p);
    bool key(int key);
    /// Paints ROIs, handles and the shape being drawn.
    void paint(QPainter& painter, const FrameView& view) const;

signals:
    void selectionChanged(int roiId);
    void toolChanged(insitu::app::RoiEditor::Tool tool);
    /// A scale line was drawn (ScaleLine tool), length in px.
    void scaleLineDrawn(double lengthPx);
    /// A registration region was drawn (Region tool), frame-0 px.
    void regionDrawn(QRectF region);

private:
    [[nodiscard]] double pickRadiusPx() const;
    /// Index of the selected ROI's vertex near p, or -1.
    [[nodiscard]] int handleAt(QPointF p) const;
    /// Index of the topmost ROI under p, or -1.
    [[nodiscard]] int roiAt(QPointF p) const;
    void finishShape();
    void commitDrawn(Roi roi);

    Document* m_document;
    FrameView* m_view;
    WireBandJob* m_wireBand;
    Tool m_tool = Tool::Select;
    int m_selectedId = 0;
    int m_colorIndex = 0;

    // Drawing state
    std::vector<PointPx> m_drawing; // vertices of the shape being drawn
    QPointF m_cursor;
    bool m_dragDrawing = false; // line/rectangle/ellipse: press–drag–release

    // Editing state
    int m_dragHandle = -1; // vertex being dragged, -2 = whole ROI
    QPointF m_dragStart;
    Roi m_dragOriginal;
    int m_dragKey = 0;
};

} // namespace insitu::app
