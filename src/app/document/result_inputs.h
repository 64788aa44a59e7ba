#pragma once
// FrontsInputs: what the fronts and fits of one path ROI were computed from, to flag them stale.

#include "insitu/project/project.h"

#include <QStringList>

#include <optional>

namespace insitu::app {

/// The inputs of one ROI's fronts (ROI geometry, drift) and of their fits (calibration), as
/// they were when the result was computed. A result whose inputs differ from the document's
/// current ones is stale: it stays on screen, flagged, with a one-click re-run.
struct FrontsInputs
{
    RoiShape shape = RoiShape::Line;
    std::vector<PointPx> points;      ///< ROI path (frame-0 px)
    double widthPx = 0;               ///< band width (px)
    bool driftUsed = false;           ///< the kymograph was drift-corrected
    std::optional<DriftResult> drift; ///< the drift it was corrected with (when driftUsed)
    /// Calibration the fits were made with; nullopt when unknown to match (a loaded project
    /// whose fit units disagree with today's calibration).
    std::optional<Calibration> fitCalibration;
    bool roiKnownChanged = false;   ///< a loaded kymograph does not match the ROI's length
    bool driftKnownChanged = false; ///< saved as corrected with a drift measured again since

    bool operator==(const FrontsInputs&) const = default;
};

/// The document's inputs for the fronts of roiId now (the ROI must exist).
[[nodiscard]] FrontsInputs currentFrontsInputs(const ProjectMovie& movie, int roiId);

/// Inputs of fronts read from a project file (no record of them was kept): the current ones,
/// except what the stored result shows to differ — drift named in the provenance but absent
/// (or the reverse), a kymograph length that does not match the ROI, fit units that do not
/// match the calibration.
[[nodiscard]] FrontsInputs loadedFrontsInputs(const ProjectMovie& movie,
                                              const ProjectFronts& fronts);

/// Inputs of fronts read from a project file that saved them (FrontsTrackedFrom): the ROI path
/// and width as recorded, the drift and calibration as the record's flags say, plus what
/// loadedFrontsInputs finds from the stored result.
[[nodiscard]] FrontsInputs recordedFrontsInputs(const ProjectMovie& movie,
                                                const ProjectFronts& fronts,
                                                const FrontsTrackedFrom& record);

/// What to save of `used` (the inputs of the fronts of roiId) against the movie as saved.
[[nodiscard]] FrontsTrackedFrom trackedFromRecord(const FrontsInputs& used,
                                                  const ProjectMovie& movie, int roiId);

/// Why fronts tracked with `used` are stale against `now` (empty: up to date).
[[nodiscard]] QStringList trackingStaleReasons(const FrontsInputs& used, const FrontsInputs& now);
/// Why the fits made with `used` are stale against `now`, besides stale tracking (empty: none).
[[nodiscard]] QStringList fitStaleReasons(const FrontsInputs& used, const FrontsInputs& now);

/// Why the drift result is stale against the options it should have been measured with.
[[nodiscard]] QStringList driftStaleReasons(const ProjectDrift& drift, const DriftOptions& options);

} // namespace insitu::app
