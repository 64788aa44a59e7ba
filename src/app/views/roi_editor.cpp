#include "views/roi_editor.h"

#include "document/commands/roi_commands.h"
#include "document/document.h"
#include "jobs/wire_band_job.h"
#include "views/frame_view.h"

#include <QPainter>
#include <QPainterPath>
#include <QUndoStack>

#include <array>
#include <cmath>

namespace insitu::app {

namespace {
/// Okabe–Ito colours, distinguishable with colour-vision deficiency.
constexpr std::array<std::array<std::uint8_t, 3>, 7> kPalette{{{230, 159, 0},
                                                               {86, 180, 233},
                                                               {0, 158, 115},
                                                               {240, 228, 66},
                                                               {0, 114, 178},
                                                               {213, 94, 0},
                                                               {204, 121, 167}}};

double distanceToSegment(QPointF p, QPointF a, QPointF b)
{
    const QPointF ab = b - a;
    const double len2 = QPointF::dotProduct(ab, ab);
    const double t = len2 > 0 ? std::clamp(QPointF::dotProduct(p - a, ab) / len2, 0.0, 1.0) : 0.0;
    const QPointF d = p - (a + t * ab);
    return std::hypot(d.x(), d.y());
}

QPointF qp(const PointPx& p)
{
    return {p.x, p.y};
}

bool isPath(RoiShape shape)
{
    return shape == RoiShape::Line || shape == RoiShape::Polyline;
}

QString shapeLabel(RoiShape shape)
{
    switch (shape) {
    case RoiShape::Line:
        return QStringLiteral("line");
    case RoiShape::Polyline:
        return QStringLiteral("polyline");
    case RoiShape::Rectangle:
        return QStringLiteral("rectangle");
    case RoiShape::Ellipse:
        return QStringLiteral("ellipse");
    case RoiShape::Polygon:
        return QStringLiteral("polygon");
    }
    return {};
}
} // namespace

RoiEditor::RoiEditor(Document* document, FrameView* view, QObject* parent)
    : QObject(parent), m_document(document), m_view(view),
      m_wireBand(new WireBandJob(document, this))
{
    connect(document, &Document::roiRemoved, this, [this](int) {
        if (m_selectedId && m_document->roiIndex(m_selectedId) < 0)
            setSelectedRoiId(0);
    });
    connect(document, &Document::movieChanged, this, [this] { setSelectedRoiId(0); });
}

void RoiEditor::setTool(Tool tool)
{
    if (tool == m_tool)
        return;
    m_tool = tool;
    m_drawing.clear();
    m_dragDrawing = false;
    emit toolChanged(tool);
    if (m_view)
        m_view->update();
}

void RoiEditor::setSelectedRoiId(int roiId)
{
    if (roiId == m_selectedId)
        return;
    m_selectedId = roiId;
    emit selectionChanged(roiId);
    if (m_view)
        m_view->update();
}

void RoiEditor::deleteSelected()
{
    const int index = m_document->roiIndex(m_selectedId);
    if (index >= 0)
        m_document->undoStack()->push(new RemoveRoi(m_document, index));
}

double RoiEditor::pickRadiusPx() const
{
    return 7.0 / (m_view ? std::max(m_view->zoom(), 1e-3) : 1.0);
}

int RoiEditor::handleAt(QPointF p) const
{
    const int index = m_document->roiIndex(m_selectedId);
    if (index < 0)
        return -1;
    const Roi& roi = m_document->roi(index);
    for (std::size_t i = 0; i < roi.points.size(); ++i) {
        const QPointF d = qp(roi.points[i]) - p;
        if (std::hypot(d.x(), d.y()) <= pickRadiusPx())
            return static_cast<int>(i);
    }
    return -1;
}

int RoiEditor::roiAt(QPointF p) const
{
    for (int i = m_document->roiCount() - 1; i >= 0; --i) {
        const Roi& roi = m_document->roi(i);
        if (roi.points.size() < 2)
            continue;
        const double tolerance = pickRadiusPx() + (isPath(roi.shape) ? roi.widthPx / 2 : 0.0);
        if (roi.shape == RoiShape::Rectangle || roi.shape == RoiShape::Ellipse) {
            const QRectF box = QRectF(qp(roi.points[0]), qp(roi.points[1])).normalized();
            if (roi.shape == RoiShape::Rectangle &&
                box.adjusted(-tolerance, -tolerance, tolerance, tolerance).contains(p))
                return i;
            if (roi.shape == RoiShape::Ellipse) {
                const QPointF c = box.center();
                const double rx = box.width() / 2 + tolerance;
                const double ry = box.height() / 2 + tolerance;
                const double u = (p.x() - c.x()) / rx;
                const double v = (p.y() - c.y()) / ry;
                if (u * u + v * v <= 1.0)
                    return i;
            }
            continue;
        }
        if (roi.shape == RoiShape::Polygon) {
            QPolygonF polygon;
            for (const auto& q : roi.points)
                polygon << qp(q);
            if (polygon.containsPoint(p, Qt::OddEvenFill))
                return i;
        }
        const std::size_t n = roi.points.size();
        const std::size_t segments = roi.shape == RoiShape::Polygon ? n : n - 1;
        for (std::size_t s = 0; s < segments; ++s)
            if (distanceToSegment(p, qp(roi.points[s]), qp(roi.points[(s + 1) % n])) <= tolerance)
                return i;
    }
    return -1;
}

double RoiEditor::defaultWidthPx() const
{
    return m_document->frontSettings().bandWidthPx;
}

bool RoiEditor::bandFollowsWire() const
{
    return !m_document->frontSettings().bandWidthTyped;
}

void RoiEditor::addPath(const Roi& path)
{
    m_document->undoStack()->push(new AddRoi(m_document, path));
    if (bandFollowsWire())
        m_wireBand->request(path.id);
}

bool RoiEditor::press(QPointF p, Qt::KeyboardModifiers)
{
    if (!m_document->hasMovie())
        return false;
    m_cursor = p;
    switch (m_tool) {
    case Tool::Select: {
        const int handle = handleAt(p);
        const int index = handle >= 0 ? m_document->roiIndex(m_selectedId) : roiAt(p);
        if (index < 0) {
            setSelectedRoiId(0);
            return false; // the view pans
        }
        setSelectedRoiId(m_document->roi(index).id);
        m_dragHandle = handle >= 0 ? handle : -2;
        m_dragStart = p;
        m_dragOriginal = m_document->roi(index);
        m_dragKey = newCommandId();
        return true;
    }
    case Tool::Line:
    case Tool::Rectangle:
    case Tool::Ellipse:
    case Tool::ScaleLine:
    case Tool::Region:
        m_drawing = {{p.x(), p.y()}, {p.x(), p.y()}};
        m_dragDrawing = true;
        return true;
    case Tool::Polyline:
    case Tool::Polygon:
        // The last vertex is the rubber band that follows the cursor; a click fixes it there
        // and starts a new one.
        if (m_drawing.empty())
            m_drawing.push_back({p.x(), p.y()});
        else
            m_drawing.back() = {p.x(), p.y()};
        m_drawing.push_back({p.x(), p.y()});
        return true;
    }
    return false;
}

bool RoiEditor::move(QPointF p, Qt::MouseButtons buttons)
{
    m_cursor = p;
    if (m_tool == Tool::Select) {
        if (!(buttons & Qt::LeftButton) || m_dragHandle == -1)
            return false;
        const int index = m_document->roiIndex(m_dragOriginal.id);
        if (index < 0)
            return false;
        Roi roi = m_dragOriginal;
        const QPointF delta = p - m_dragStart;
        if (m_dragHandle == -2) {
            for (auto& q : roi.points)
                q = {q.x + delta.x(), q.y + delta.y()};
        } else {
            roi.points[static_cast<std::size_t>(m_dragHandle)] = {p.x(), p.y()};
        }
        if (roi != m_document->roi(index))
            m_document->undoStack()->push(new ChangeRoi(
                m_document, index, roi,
                m_dragHandle == -2 ? tr("Move %1").arg(QString::fromStdString(roi.name))
                                   : tr("Edit %1").arg(QString::fromStdString(roi.name)),
                m_dragKey));
        return true;
    }
    if (!m_drawing.empty()) {
        m_drawing.back() = {p.x(), p.y()};
        return true;
    }
    return false;
}

void RoiEditor::release(QPointF p)
{
    if (m_tool == Tool::Select) {
        m_dragHandle = -1;
        return;
    }
    if (!m_dragDrawing || m_drawing.size() != 2)
        return;
    m_drawing.back() = {p.x(), p.y()};
    m_dragDrawing = false;
    finishShape();
}

void RoiEditor::doubleClick(QPointF p)
{
    if (m_tool == Tool::Select) {
        // Double-click on a polyline/polygon edge inserts a vertex there.
        const int index = m_document->roiIndex(m_selectedId);
        if (index < 0)
            return;
        Roi roi = m_document->roi(index);
        if (roi.shape != RoiShape::Polyline && roi.shape != RoiShape::Polygon)
            return;
        const std::size_t n = roi.points.size();
        const std::size_t segments = roi.shape == RoiShape::Polygon ? n : n - 1;
        for (std::size_t s = 0; s < segments; ++s) {
            if (distanceToSegment(p, qp(roi.points[s]), qp(roi.points[(s + 1) % n])) <=
                pickRadiusPx() + roi.widthPx / 2) {
                roi.points.insert(roi.points.begin() + static_cast<long>(s + 1), {p.x(), p.y()});
                m_document->undoStack()->push(
                    new ChangeRoi(m_document, index, roi,
                                  tr("Add vertex to %1").arg(QString::fromStdString(roi.name))));
                return;
            }
        }
        return;
    }
    if (m_tool == Tool::Polyline || m_tool == Tool::Polygon) {
        // The click before the double-click fixed the last vertex; drop the rubber band.
        if (!m_drawing.empty())
            m_drawing.pop_back();
        finishShape();
    }
}

bool RoiEditor::key(int key)
{
    if (key == Qt::Key_Escape) {
        if (!m_drawing.empty()) {
            m_drawing.clear();
            m_dragDrawing = false;
            return true;
        }
        setSelectedRoiId(0);
        return true;
    }
    if ((key == Qt::Key_Return || key == Qt::Key_Enter) && !m_drawing.empty()) {
        if (m_tool == Tool::Polyline || m_tool == Tool::Polygon)
            m_drawing.pop_back(); // the rubber band
        finishShape();
        return true;
    }
    if ((key == Qt::Key_Delete || key == Qt::Key_Backspace) && m_selectedId) {
        deleteSelected();
        return true;
    }
    return false;
}

void RoiEditor::finishShape()
{
    std::vector<PointPx> points = std::move(m_drawing);
    m_drawing.clear();
    if (points.size() < 2)
        return;
    const QPointF a = qp(points.front());
    const QPointF b = qp(points.back());
    const double extent = std::hypot(b.x() - a.x(), b.y() - a.y());
    switch (m_tool) {
    case Tool::ScaleLine:
        if (extent > 1.0)
            emit scaleLineDrawn(extent);
        return;
    case Tool::Region:
        if (extent > 4.0)
            emit regionDrawn(QRectF(a, b).normalized());
        return;
    default:
        break;
    }
    Roi roi;
    roi.points = std::move(points);
    switch (m_tool) {
    case Tool::Line:
        roi.shape = RoiShape::Line;
        break;
    case Tool::Rectangle:
        roi.shape = RoiShape::Rectangle;
        break;
    case Tool::Ellipse:
        roi.shape = RoiShape::Ellipse;
        break;
    case Tool::Polyline:
        roi.shape = RoiShape::Polyline;
        break;
    case Tool::Polygon:
        roi.shape = RoiShape::Polygon;
        break;
    default:
        return;
    }
    const std::size_t minimum = roi.shape == RoiShape::Polygon ? 3 : 2;
    if (roi.points.size() < minimum || (extent < 1.0 && roi.points.size() == 2))
        return;
    commitDrawn(std::move(roi));
}

void RoiEditor::commitDrawn(Roi roi)
{
    roi.id = m_document->takeRoiId();
    roi.name = (shapeLabel(roi.shape) + QLatin1Char(' ') + QString::number(roi.id)).toStdString();
    // A path appears at once with the settings' width; its band from the wire follows.
    roi.widthPx = isPath(roi.shape) ? defaultWidthPx() : 1.0;
    roi.rgb = kPalette[static_cast<std::size_t>(m_colorIndex++) % kPalette.size()];
    if (isPath(roi.shape))
        addPath(roi);
    else
        m_document->undoStack()->push(new AddRoi(m_document, roi));
    setSelectedRoiId(roi.id);
}

void RoiEditor::paint(QPainter& painter, const FrameView& view) const
{
    const QPointF offset = view.overlayOffset();
    auto w = [&view, offset](const PointPx& p) {
        return view.toWidget(QPointF(p.x, p.y) + offset);
    };
    auto drawShape = [&](RoiShape shape, const std::vector<PointPx>& points, double widthPx) {
        if (points.size() < 2)
            return;
        if (shape == RoiShape::Rectangle || shape == RoiShape::Ellipse) {
            const QRectF box = QRectF(w(points[0]), w(points[1])).normalized();
            shape == RoiShape::Rectangle ? painter.drawRect(box) : painter.drawEllipse(box);
            return;
        }
        QPolygonF polygon;
        for (const auto& p : points)
            polygon << w(p);
        if (shape == RoiShape::Polygon) {
            painter.drawPolygon(polygon);
            return;
        }
        if (widthPx > 1.5) {
            // The averaging band, translucent, under the centre line.
            QPen band = painter.pen();
            QColor c = band.color();
            c.setAlpha(60);
            band.setColor(c);
            band.setWidthF(widthPx * view.zoom());
            band.setCapStyle(Qt::FlatCap);
            band.setJoinStyle(Qt::RoundJoin);
            const QPen saved = painter.pen();
            painter.setPen(band);
            painter.drawPolyline(polygon);
            painter.setPen(saved);
        }
        painter.drawPolyline(polygon);
        // Start marker: positions along the path are measured from here.
        painter.drawEllipse(polygon.front(), 3, 3);
    };

    painter.setBrush(Qt::NoBrush);
    for (int i = 0; i < m_document->roiCount(); ++i) {
        const Roi& roi = m_document->roi(i);
        const bool selected = roi.id == m_selectedId;
        painter.setPen(QPen(QColor(roi.rgb[0], roi.rgb[1], roi.rgb[2]), selected ? 2.5 : 1.5));
        drawShape(roi.shape, roi.points, roi.widthPx);
        if (!roi.points.empty()) {
            painter.setPen(QColor(roi.rgb[0], roi.rgb[1], roi.rgb[2]));
            painter.drawText(w(roi.points.front()) + QPointF(6, -6),
                             QString::fromStdString(roi.name));
        }
        if (selected) {
            painter.setPen(QPen(Qt::white, 1));
            painter.setBrush(QColor(0, 0, 0, 160));
            for (const auto& p : roi.points)
                painter.drawRect(QRectF(w(p) - QPointF(4, 4), QSizeF(8, 8)));
            painter.setBrush(Qt::NoBrush);
        }
    }
    if (!m_drawing.empty()) {
        painter.setPen(QPen(Qt::yellow, 1.5, Qt::DashLine));
        RoiShape shape = RoiShape::Line;
        if (m_tool == Tool::Rectangle || m_tool == Tool::Region)
            shape = RoiShape::Rectangle;
        else if (m_tool == Tool::Ellipse)
            shape = RoiShape::Ellipse;
        else if (m_tool == Tool::Polyline)
            shape = RoiShape::Polyline;
        else if (m_tool == Tool::Polygon)
            shape = m_drawing.size() >= 3 ? RoiShape::Polygon : RoiShape::Polyline;
        drawShape(shape, m_drawing,
                  m_tool == Tool::Polyline || m_tool == Tool::Line ? defaultWidthPx() : 1.0);
    }
    // The drift registration region, when one is set.
    if (const ProjectMovie* pm = m_document->projectMovie(); pm && pm->driftOptions.regionPx) {
        const auto& r = *pm->driftOptions.regionPx;
        painter.setPen(QPen(QColor(86, 180, 233), 1.5, Qt::DotLine));
        painter.drawRect(
            QRectF(w({double(r[0]), double(r[1])}), w({double(r[0] + r[2]), double(r[1] + r[3])})));
    }
}

} // namespace insitu::app
