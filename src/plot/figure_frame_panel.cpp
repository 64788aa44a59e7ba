#include "figure_frame_panel.h"

#include "journal_style.h"

#include <QPainter>
#include <QPainterPath>

#include <cmath>

namespace insitu::plot {

namespace {

constexpr double kPointsPerMm = 72.0 / 25.4;

/// White text with a thin black halo (legible on any grey), as vector outlines.
void haloText(QPainter& painter, const QPointF& baseline, const QFont& font, const QString& text,
              const QColor& colour, double unitsPerMm)
{
    QPainterPath path;
    path.addText(baseline, font, text);
    painter.strokePath(
        path, QPen(QColor(0, 0, 0), 0.35 * unitsPerMm, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    painter.fillPath(path, colour);
}

/// A font of pointSize in painter units (the painter's device may have any resolution).
QFont fontAt(double pointSize, double unitsPerMm, bool bold = false)
{
    QFont font = journalFont(pointSize);
    font.setPixelSize(
        std::max(1, static_cast<int>(std::lround(pointSize / kPointsPerMm * unitsPerMm))));
    font.setBold(bold);
    return font;
}

} // namespace

void paintFramePanel(QPainter& painter, const QRectF& target, const FramePanelContent& content,
                     double unitsPerMm)
{
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setRenderHint(QPainter::SmoothPixmapTransform);
    painter.setClipRect(target);
    painter.drawImage(target, content.grey);
    const double s = target.width() / std::max(1, content.grey.width());
    auto at = [&](const PointPx& p) {
        return QPointF(target.left() + (p.x + 0.5) * s, target.top() + (p.y + 0.5) * s);
    };
    const QFont labelFont = fontAt(6, unitsPerMm);
    for (const auto& shape : content.shapes) {
        if (shape.points.empty())
            continue;
        const QColor colour(shape.rgb[0], shape.rgb[1], shape.rgb[2]);
        const double width = (shape.thicknessPx >= 2 ? 0.35 : 0.2) * unitsPerMm;
        painter.setPen(QPen(colour, width, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        painter.setBrush(Qt::NoBrush);
        if (shape.points.size() == 1) {
            const QPointF c = at(shape.points[0]);
            const double arm = 1.0 * unitsPerMm;
            painter.drawLine(c - QPointF(arm, 0), c + QPointF(arm, 0));
            painter.drawLine(c - QPointF(0, arm), c + QPointF(0, arm));
        } else {
            QPolygonF polygon;
            for (const auto& p : shape.points)
                polygon << at(p);
            if (shape.closed)
                painter.drawPolygon(polygon);
            else
                painter.drawPolyline(polygon);
        }
        if (!shape.label.empty())
            haloText(painter, at(shape.points[0]) + QPointF(1.2, -1.2) * unitsPerMm, labelFont,
                     QString::fromStdString(shape.label), colour, unitsPerMm);
    }

    const double margin = 1.5 * unitsPerMm;
    const QFont textFont = fontAt(7, unitsPerMm);
    const QFontMetricsF metrics(textFont);
    if (content.scaleBarPx) {
        const double length = *content.scaleBarPx * s;
        const double barHeight = 0.7 * unitsPerMm;
        const QRectF bar(target.right() - margin - length, target.bottom() - margin - barHeight,
                         length, barHeight);
        painter.setPen(QPen(QColor(0, 0, 0), 0.2 * unitsPerMm));
        painter.setBrush(QColor(255, 255, 255));
        painter.drawRect(bar);
        const double textWidth = metrics.horizontalAdvance(content.scaleBarLabel);
        const double x = std::min(bar.center().x() - textWidth / 2, target.right() - textWidth);
        haloText(painter, QPointF(x, bar.top() - 0.6 * unitsPerMm), textFont, content.scaleBarLabel,
                 Qt::white, unitsPerMm);
    }
    if (!content.stamp.isEmpty()) {
        const double textWidth = metrics.horizontalAdvance(content.stamp);
        haloText(
            painter,
            QPointF(target.right() - margin - textWidth, target.top() + margin + metrics.ascent()),
            textFont, content.stamp, Qt::white, unitsPerMm);
    }
    if (!content.letter.isEmpty()) {
        const QFont letterFont = fontAt(10, unitsPerMm, true);
        haloText(painter,
                 QPointF(target.left() + margin,
                         target.top() + margin + QFontMetricsF(letterFont).ascent()),
                 letterFont, content.letter, Qt::white, unitsPerMm);
    }
    painter.restore();
}

} // namespace insitu::plot
