#pragma once
// FrontsTrackedFrom: what the fronts (and fits) of one path ROI were computed from, saved so that
// a result made stale by a later edit is still marked stale when the project is reopened.

#include "insitu/roi/roi.h"

#include <vector>

namespace insitu {

/// The inputs of one ROI's fronts as they were when tracked, relative to what the project holds:
/// the ROI path and band width themselves, the drift and the calibration as "still the
/// project's" flags (the file keeps only the current drift and calibration). Saved in the
/// movie's "fronts_inputs" group (docs/project-file.md); absent for fronts saved without one.
struct FrontsTrackedFrom
{
    int roiId = 0;
    RoiShape shape = RoiShape::Line;
    std::vector<PointPx> points; ///< the ROI's path when tracked (frame-0 px)
    double widthPx = 0;          ///< the ROI's band width when tracked (px)
    bool driftUsed = false;      ///< the kymograph was drift-corrected
    /// Corrected with the drift this project holds (false: re-measured or cleared since).
    bool driftIsCurrent = true;
    /// The fits were made with the movie's effective calibration as saved.
    bool fitCalibrationIsCurrent = true;

    bool operator==(const FrontsTrackedFrom&) const = default;
};

} // namespace insitu
