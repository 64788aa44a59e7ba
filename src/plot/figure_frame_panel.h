#pragma once
// One frame panel of a figure painted with QPainter: the grey image, its overlays, scale bar,
// time stamp and panel letter, all but the image as vectors.

#include "insitu/render/movie_render.h"

#include <QImage>
#include <QRectF>
#include <QString>

#include <optional>
#include <vector>

class QPainter;

namespace insitu::plot {

/// What is drawn on a frame panel besides the image.
struct FramePanelContent
{
    QImage grey;                      ///< Format_Grayscale8, one pixel per movie pixel
    std::vector<OverlayShape> shapes; ///< placed (placeOverlays): output image coordinates
    std::optional<double> scaleBarPx; ///< bar length in image pixels …
    QString scaleBarLabel;            ///< … and its label, e.g. "20 nm"
    QString stamp;                    ///< top-right text, e.g. "t = 01:15.3"
    QString letter;                   ///< top-left panel letter
};

/// Paints content into target (painter units); image pixel centre (x, y) lands at
/// target.topLeft() + ((x + 0.5) s, (y + 0.5) s) with s = target.width() / image width.
/// unitsPerMm: painter units per millimetre (line widths and fonts are given in mm and pt).
void paintFramePanel(QPainter& painter, const QRectF& target, const FramePanelContent& content,
                     double unitsPerMm);

} // namespace insitu::plot
