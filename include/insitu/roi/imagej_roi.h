#pragma once
// ImageJ ROI interop: .roi files and ROI Manager RoiSet.zip sets, read and written, and their
// conversion to and from the workbench's Roi.
//
// Coordinates: ImageJ puts pixel corners at integers (pixel (0,0) spans [0,1)²); the workbench
// puts pixel centres at integers (architecture.md). Every coordinate held here is already in the
// workbench's convention: ours = ImageJ − 0.5, on x and y, for every ROI type.

#include "insitu/area/area_result.h"
#include "insitu/roi/roi.h"

#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace insitu {

/// The ROI kinds ImageJ writes (types and the ellipse / rotated-rectangle subtypes).
enum class ImageJRoiType {
    Polygon,
    Rectangle,
    Oval,
    Line,
    Freeline,
    Polyline,
    Freehand,
    Traced,
    Angle,
    Point,
    Ellipse,
    RotatedRectangle,
    Composite
};

/// "polygon", "rectangle", "oval", "line", "freeline", "polyline", "freehand", "traced",
/// "angle", "point", "ellipse", "rotated_rectangle", "composite".
[[nodiscard]] const char* imageJRoiTypeName(ImageJRoiType type);

/// One ImageJ ROI, decoded. Coordinates in the workbench's convention (see file comment).
struct ImageJRoi
{
    std::string name;
    ImageJRoiType type = ImageJRoiType::Polygon;
    /// Vertices of polygon, freehand, traced, polyline, freeline, angle, point, ellipse and
    /// rotated rectangle ROIs; the two end points of a line.
    std::vector<PointPx> points;
    /// Closed sub-paths of a composite ROI (curves flattened to their end points).
    std::vector<std::vector<PointPx>> paths;
    /// Bounding box: top-left corner (ImageJ's left/top − 0.5) and size (px). For rectangles and
    /// ovals this is the shape itself.
    double xPx = 0;
    double yPx = 0;
    double widthPx = 0;
    double heightPx = 0;
    /// Ellipse and rotated rectangle: the two end points of the major axis (the line
    /// parameters x1, y1, x2, y2 of the file).
    std::vector<PointPx> axisPx;
    double strokeWidthPx = 0;      ///< line width (0 = not set)
    double ellipseAspectRatio = 0; ///< ellipse: minor/major; rotated rectangle: width (px)
    int roundRectArcSizePx = 0;    ///< rounded rectangle corner diameter (not kept in our Roi)
    int position = 0;              ///< 1-based stack slice (0 = not set), header offset 56
    int cPosition = 0;             ///< 1-based hyperstack channel (0 = not set), header 2
    int zPosition = 0;             ///< 1-based hyperstack slice (0 = not set), header 2
    int tPosition = 0;             ///< 1-based hyperstack frame (0 = not set), header 2

    /// The 0-based movie frame the ROI belongs to: tPosition − 1, else position − 1, else none.
    [[nodiscard]] std::optional<int> frame() const;
    /// Sets position and tPosition to frame + 1 (or clears both).
    void setFrame(std::optional<int> frame);
    bool operator==(const ImageJRoi&) const = default;
};

/// Decodes one .roi file's bytes; `source` names it in errors. Throws insitu::Error.
[[nodiscard]] ImageJRoi decodeImageJRoi(std::span<const unsigned char> bytes,
                                        const std::string& source);
/// Encodes one ROI as .roi bytes (version 228, sub-pixel coordinates, header 2 with name and
/// c/z/t position). Throws insitu::Error for a ROI that .roi cannot hold.
[[nodiscard]] std::vector<unsigned char> encodeImageJRoi(const ImageJRoi& roi);

/// Reads a .roi file or a RoiSet.zip (recognised by content, not by name). A .roi without a name
/// takes the file's stem, a zip entry without one the entry's stem. Throws insitu::Error naming
/// the file.
[[nodiscard]] std::vector<ImageJRoi> readImageJRois(const std::filesystem::path& path);
/// Writes a RoiSet.zip of rois (entries "<name>.roi", made unique with "-1", "-2", …).
void writeImageJRoiSet(const std::vector<ImageJRoi>& rois, const std::filesystem::path& path);
/// Writes one .roi file.
void writeImageJRoi(const ImageJRoi& roi, const std::filesystem::path& path);

/// The workbench ROIs an ImageJ ROI becomes (ids left 0). Rectangle → rectangle, oval →
/// ellipse, line → line with its width, polyline/freeline/angle → polyline, polygon, freehand,
/// traced, ellipse and rotated rectangle → polygon, composite → one polygon per closed sub-path.
/// What the Roi model cannot hold (points, holes, stack positions, rounded corners) is dropped
/// with a sentence appended to notes.
[[nodiscard]] std::vector<Roi> toWorkbenchRois(const ImageJRoi& roi,
                                               std::vector<std::string>& notes);
/// The ImageJ ROI of a workbench ROI: line → line, polyline → polyline, both with the band
/// width as stroke width; rectangle → rectangle; ellipse → oval; polygon → polygon.
[[nodiscard]] ImageJRoi toImageJRoi(const Roi& roi, std::optional<int> frame = std::nullopt);

/// The outlines of followed particles (areas result) as ImageJ polygon ROIs, one per particle
/// and frame, named "P<particle> f<frame>" and positioned on that frame (outlines are in each
/// frame's own image, as ImageJ shows that slice). Core outlines are left out.
[[nodiscard]] std::vector<ImageJRoi> areaOutlineRois(const AreaResult& areas);

} // namespace insitu
