// Conversion between ImageJ ROIs and the workbench's Roi (same coordinates, other shapes).

#include "insitu/error.h"
#include "insitu/roi/imagej_roi.h"

#include <algorithm>

namespace insitu {

const char* imageJRoiTypeName(ImageJRoiType type)
{
    switch (type) {
    case ImageJRoiType::Polygon:
        return "polygon";
    case ImageJRoiType::Rectangle:
        return "rectangle";
    case ImageJRoiType::Oval:
        return "oval";
    case ImageJRoiType::Line:
        return "line";
    case ImageJRoiType::Freeline:
        return "freeline";
    case ImageJRoiType::Polyline:
        return "polyline";
    case ImageJRoiType::Freehand:
        return "freehand";
    case ImageJRoiType::Traced:
        return "traced";
    case ImageJRoiType::Angle:
        return "angle";
    case ImageJRoiType::Point:
        return "point";
    case ImageJRoiType::Ellipse:
        return "ellipse";
    case ImageJRoiType::RotatedRectangle:
        return "rotated_rectangle";
    case ImageJRoiType::Composite:
        return "composite";
    }
    return "polygon";
}

namespace {

Roi makeRoi(const ImageJRoi& source, RoiShape shape, std::vector<PointPx> points)
{
    Roi roi;
    roi.name = source.name;
    roi.shape = shape;
    roi.points = std::move(points);
    if (source.strokeWidthPx > 0)
        roi.widthPx = source.strokeWidthPx;
    return roi;
}

std::string quoted(const ImageJRoi& roi)
{
    return "ImageJ ROI \"" + roi.name + "\"";
}

} // namespace

std::vector<Roi> toWorkbenchRois(const ImageJRoi& roi, std::vector<std::string>& notes)
{
    std::vector<Roi> out;
    const PointPx topLeft{roi.xPx, roi.yPx};
    const PointPx bottomRight{roi.xPx + roi.widthPx, roi.yPx + roi.heightPx};
    switch (roi.type) {
    case ImageJRoiType::Rectangle:
        out.push_back(makeRoi(roi, RoiShape::Rectangle, {topLeft, bottomRight}));
        if (roi.roundRectArcSizePx > 0)
            notes.push_back(quoted(roi) + ": rounded corners dropped (a plain rectangle)");
        break;
    case ImageJRoiType::Oval:
        out.push_back(makeRoi(roi, RoiShape::Ellipse, {topLeft, bottomRight}));
        break;
    case ImageJRoiType::Line:
        out.push_back(makeRoi(roi, RoiShape::Line, roi.points));
        break;
    case ImageJRoiType::Polyline:
    case ImageJRoiType::Freeline:
    case ImageJRoiType::Angle:
        if (roi.points.size() >= 2)
            out.push_back(makeRoi(roi, RoiShape::Polyline, roi.points));
        break;
    case ImageJRoiType::Polygon:
    case ImageJRoiType::Freehand:
    case ImageJRoiType::Traced:
    case ImageJRoiType::Ellipse:
    case ImageJRoiType::RotatedRectangle:
        if (roi.points.size() >= 3)
            out.push_back(makeRoi(roi, RoiShape::Polygon, roi.points));
        break;
    case ImageJRoiType::Composite:
        for (std::size_t k = 0; k < roi.paths.size(); ++k) {
            Roi part = makeRoi(roi, RoiShape::Polygon, roi.paths[k]);
            if (roi.paths.size() > 1)
                part.name += " (part " + std::to_string(k + 1) + ")";
            out.push_back(std::move(part));
        }
        if (roi.paths.size() > 1)
            notes.push_back(quoted(roi) + ": a composite of " + std::to_string(roi.paths.size()) +
                            " sub-paths imported as separate polygons (the ROI model has no "
                            "holes or unions)");
        break;
    case ImageJRoiType::Point:
        notes.push_back(quoted(roi) + ": point ROIs have no workbench ROI shape; skipped");
        break;
    }
    if (out.empty() && roi.type != ImageJRoiType::Point)
        notes.push_back(quoted(roi) + ": too few vertices for a " + imageJRoiTypeName(roi.type) +
                        "; skipped");
    if (!out.empty() && roi.frame())
        notes.push_back(quoted(roi) + ": stack position (frame " + std::to_string(*roi.frame()) +
                        ") not kept; workbench ROIs apply to every frame");
    return out;
}

ImageJRoi toImageJRoi(const Roi& roi, std::optional<int> frame)
{
    ImageJRoi out;
    out.name = roi.name;
    out.setFrame(frame);
    switch (roi.shape) {
    case RoiShape::Line:
    case RoiShape::Polyline:
        out.type = roi.shape == RoiShape::Line ? ImageJRoiType::Line : ImageJRoiType::Polyline;
        out.points = roi.points;
        out.strokeWidthPx = roi.widthPx;
        break;
    case RoiShape::Rectangle:
    case RoiShape::Ellipse: {
        if (roi.points.size() != 2)
            throw Error("ROI \"" + roi.name + "\": a rectangle or ellipse needs 2 corners");
        out.type =
            roi.shape == RoiShape::Rectangle ? ImageJRoiType::Rectangle : ImageJRoiType::Oval;
        const auto [x0, x1] = std::minmax(roi.points[0].x, roi.points[1].x);
        const auto [y0, y1] = std::minmax(roi.points[0].y, roi.points[1].y);
        out.xPx = x0, out.yPx = y0, out.widthPx = x1 - x0, out.heightPx = y1 - y0;
        break;
    }
    case RoiShape::Polygon:
        out.type = ImageJRoiType::Polygon;
        out.points = roi.points;
        break;
    }
    return out;
}

std::vector<ImageJRoi> areaOutlineRois(const AreaResult& areas)
{
    std::vector<ImageJRoi> out;
    for (const auto& track : areas.particles)
        for (std::size_t i = 0; i < track.frames.size() && i < track.outlinesPx.size(); ++i) {
            if (track.outlinesPx[i].size() < 3)
                continue;
            Roi polygon;
            polygon.shape = RoiShape::Polygon;
            polygon.name =
                "P" + std::to_string(track.index) + " f" + std::to_string(track.frames[i]);
            polygon.points = track.outlinesPx[i];
            out.push_back(toImageJRoi(polygon, track.frames[i]));
        }
    return out;
}

} // namespace insitu
