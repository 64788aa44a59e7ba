#pragma once
// The overlays a rendered movie draws from a project: ROI outlines and the front markers on their
// paths (one function for `insitu render` and the window's movie export).

#include "insitu/project/project.h"
#include "insitu/render/movie_render.h"

#include <vector>

namespace insitu {

/// A ROI as an overlay shape in frame-0 coordinates: rectangles and ellipses as closed polygons
/// (ellipses with 72 vertices), polygons closed, lines and polylines open.
[[nodiscard]] OverlayShape roiOverlayShape(const Roi& roi);

/// ROIs and front markers of one movie, drawn per frame (an OverlayProvider).
struct ProjectOverlays
{
    std::vector<Roi> rois;
    std::vector<ProjectFronts> fronts;
    bool drawRois = false;
    bool drawFronts = false;

    [[nodiscard]] std::vector<OverlayShape> operator()(int frame) const;
};

} // namespace insitu
