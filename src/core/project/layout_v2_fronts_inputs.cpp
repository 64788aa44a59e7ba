// The movie's "fronts_inputs" group of format_version 2: what each ROI's fronts were tracked from
// (FrontsTrackedFrom), so that stale marks survive save and reopen.

#include "hdf5_handles.h"
#include "layout_v1_parts.h"
#include "layout_v2_analyses.h"

namespace insitu::layout::v2 {

using v1::childName;
using v1::readBool;
using v1::readInt;
using v1::require;
using v1::writeBool;
using v1::writeInt;

namespace {
constexpr const char* kGroup = "fronts_inputs";
} // namespace

void writeFrontsInputs(hid_t movieGroup, const ProjectMovie& movie)
{
    if (movie.frontsTrackedFrom.empty())
        return;
    const h5::Handle group = h5::createGroup(movieGroup, kGroup);
    for (std::size_t i = 0; i < movie.frontsTrackedFrom.size(); ++i) {
        const FrontsTrackedFrom& from = movie.frontsTrackedFrom[i];
        const h5::Handle g = h5::createGroup(group.id(), childName(i));
        writeInt(g.id(), "roi_id", from.roiId);
        h5::writeAttribute(g.id(), "shape", roiShapeName(from.shape));
        h5::writeAttribute(g.id(), "width_px", from.widthPx);
        writeBool(g.id(), "drift_used", from.driftUsed);
        writeBool(g.id(), "drift_is_current", from.driftIsCurrent);
        writeBool(g.id(), "fit_calibration_is_current", from.fitCalibrationIsCurrent);
        std::vector<double> points;
        for (const PointPx& p : from.points) {
            points.push_back(p.x);
            points.push_back(p.y);
        }
        h5::writeMatrix(g.id(), "points_px", points, from.points.size(), 2, "px");
    }
}

void readFrontsInputs(hid_t movieGroup, ProjectMovie& movie)
{
    if (!h5::exists(movieGroup, kGroup))
        return;
    const h5::Handle group = h5::openGroup(movieGroup, kGroup);
    v1::forEachIndexedChild(group.id(), [&](hid_t g) {
        FrontsTrackedFrom from;
        from.roiId = readInt(g, "roi_id");
        from.shape = roiShapeFromName(h5::readStringAttribute(g, "shape"));
        from.widthPx = h5::readDoubleAttribute(g, "width_px");
        from.driftUsed = readBool(g, "drift_used");
        from.driftIsCurrent = readBool(g, "drift_is_current");
        from.fitCalibrationIsCurrent = readBool(g, "fit_calibration_is_current");
        std::size_t rows = 0, cols = 0;
        const auto points = h5::readMatrix(g, "points_px", rows, cols);
        require(cols == 2 || rows == 0, "fronts_inputs points_px must have 2 columns");
        for (std::size_t k = 0; k < rows; ++k)
            from.points.push_back({points[2 * k], points[2 * k + 1]});
        movie.frontsTrackedFrom.push_back(std::move(from));
    });
}

} // namespace insitu::layout::v2
