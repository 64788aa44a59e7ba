// ROI outlines and front markers of a project as per-frame overlay shapes.

#include "insitu/render/project_overlays.h"

#include "insitu/roi/path.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <string>

namespace insitu {

namespace {

void addFrontMarkers(const std::vector<Roi>& rois, const ProjectFronts& f, int frame,
                     std::vector<OverlayShape>& shapes)
{
    const auto roi = std::find_if(rois.begin(), rois.end(),
                                  [&](const Roi& r) { return r.id == f.result.roiId; });
    if (roi == rois.end())
        return;
    for (const auto& track : f.result.fronts) {
        const auto at = std::find(track.frames.begin(), track.frames.end(), frame);
        if (at == track.frames.end())
            continue;
        const auto i = static_cast<std::size_t>(at - track.frames.begin());
        OverlayShape marker;
        marker.points = {pointAtArcLength(*roi, track.positionsPx[i])};
        marker.rgb = {86, 180, 233}; // Okabe–Ito sky blue
        marker.label = "F" + std::to_string(track.index);
        shapes.push_back(marker);
    }
}

} // namespace

OverlayShape roiOverlayShape(const Roi& roi)
{
    OverlayShape shape;
    shape.rgb = roi.rgb;
    const bool box = roi.shape == RoiShape::Rectangle || roi.shape == RoiShape::Ellipse;
    if (box && roi.points.size() == 2) {
        const PointPx a = roi.points[0], b = roi.points[1];
        if (roi.shape == RoiShape::Rectangle)
            shape.points = {{a.x, a.y}, {b.x, a.y}, {b.x, b.y}, {a.x, b.y}};
        else
            for (int k = 0; k < 72; ++k) {
                const double phi = k * 2 * std::numbers::pi / 72;
                shape.points.push_back({(a.x + b.x) / 2 + (b.x - a.x) / 2 * std::cos(phi),
                                        (a.y + b.y) / 2 + (b.y - a.y) / 2 * std::sin(phi)});
            }
        shape.closed = true;
    } else {
        shape.points = roi.points;
        shape.closed = roi.shape == RoiShape::Polygon;
    }
    return shape;
}

std::vector<OverlayShape> ProjectOverlays::operator()(int frame) const
{
    std::vector<OverlayShape> shapes;
    if (drawRois)
        for (const auto& roi : rois)
            shapes.push_back(roiOverlayShape(roi));
    if (drawFronts)
        for (const auto& f : fronts)
            addFrontMarkers(rois, f, frame, shapes);
    return shapes;
}

} // namespace insitu
