#pragma once
// Roi: a named shape drawn on the movie, stored in frame-0 pixel coordinates.

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace insitu {

/// A point in pixel coordinates: x right (column), y down (row), pixel centres at integers.
struct PointPx
{
    double x = 0;
    double y = 0;
    bool operator==(const PointPx&) const = default;
};

/// The shapes a user can draw.
enum class RoiShape { Line, Polyline, Rectangle, Ellipse, Polygon };

/// A region of interest. Coordinates are those of frame 0; with drift correction on, the ROI
/// follows the specimen. Meaning of points by shape:
///  Line: 2 points (start, end); Polyline: ≥ 2 vertices; Polygon: ≥ 3 vertices (closed);
///  Rectangle and Ellipse: 2 points, opposite corners of the (bounding) box.
struct Roi
{
    int id = 0; ///< unique within a project, never reused
    std::string name;
    RoiShape shape = RoiShape::Line;
    std::vector<PointPx> points;
    double widthPx = 1.0;                         ///< band width across a line/polyline path (px)
    std::array<std::uint8_t, 3> rgb{230, 159, 0}; ///< display colour (Okabe–Ito orange)

    bool operator==(const Roi&) const = default;
};

/// "line", "polyline", "rectangle", "ellipse", "polygon".
[[nodiscard]] const char* roiShapeName(RoiShape shape);
/// Inverse of roiShapeName; throws insitu::Error for an unknown name.
[[nodiscard]] RoiShape roiShapeFromName(const std::string& name);

} // namespace insitu
