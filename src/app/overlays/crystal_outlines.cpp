// The crystallinity and grains layers of ProjectOverlays as the window's outlines.

#include "overlays/crystal_outlines.h"

#include "document/document.h"

#include "insitu/render/project_overlays.h"

#include <algorithm>

namespace insitu::app {

std::vector<OutlineOverlay> crystalOutlines(const Document& document)
{
    std::vector<OutlineOverlay> outlines;
    const ProjectMovie* pm = document.projectMovie();
    if (!pm)
        return outlines;
    const auto layers = availableOverlayLayers(*pm);
    const auto& drift = document.drift();
    for (const char* name : {"crystallinity", "grains"}) {
        if (std::find(layers.begin(), layers.end(), name) == layers.end())
            continue;
        // both layers draw the same shapes on every frame: those of frame 0 suffice
        for (const OverlayShape& shape : projectOverlayLayer(*pm, name).shapes(0)) {
            double dxPx = 0, dyPx = 0; // image px of the frame it was found on → frame-0 px
            if (shape.imageOfFrame && drift && *shape.imageOfFrame >= 0 &&
                *shape.imageOfFrame < drift->result.frameCount()) {
                dxPx = drift->result.dxPx[static_cast<std::size_t>(*shape.imageOfFrame)];
                dyPx = drift->result.dyPx[static_cast<std::size_t>(*shape.imageOfFrame)];
            }
            OutlineOverlay outline;
            for (const PointPx& p : shape.points)
                outline.polygonPx << QPointF(p.x - dxPx, p.y - dyPx);
            outline.colour = QColor(shape.rgb[0], shape.rgb[1], shape.rgb[2]);
            outline.particle = -1;
            outlines.push_back(std::move(outline));
        }
    }
    return outlines;
}

} // namespace insitu::app
