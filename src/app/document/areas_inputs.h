#pragma once
// AreasInputs: what the areas of a movie were computed from (seed ROIs, drift, settings), to
// flag them stale.

#include "insitu/project/project.h"

#include <QStringList>

#include <optional>
#include <vector>

namespace insitu::app {

/// The inputs of one areas run as they were when it was computed. A result whose inputs
/// differ from the Areas panel's current ones is stale: it stays on screen, flagged, with a
/// one-click re-run.
struct AreasInputs
{
    std::vector<Roi> seeds; ///< the seed ROIs (frame-0 px), one per particle, in order
    int seedFrame = 0;      ///< the frame the seeds were drawn on
    bool driftUsed = false;
    std::optional<DriftResult> drift;       ///< the drift the tracking predicted motion with
    AreaOptions options;                    ///< the settings of the run
    std::optional<Calibration> calibration; ///< times and pixel size of the fits

    bool operator==(const AreasInputs&) const = default;
};

/// The ROI ids named "roi:N" in the provenance of areas (the seeds of a GUI run), in order.
[[nodiscard]] std::vector<int> seedRoiIds(const ProjectAreas& areas);
/// The frame of the first seed keyframe (refine = true) of areas, 0 when none.
[[nodiscard]] int seedFrame(const AreaResult& areas);

/// The inputs a run on the ROIs seedIds drawn on seedFrame with options would have now.
[[nodiscard]] AreasInputs currentAreasInputs(const ProjectMovie& movie,
                                             const std::vector<int>& seedIds, int seedFrame,
                                             const AreaOptions& options);
/// Inputs of areas read from a project file: the current ones, except what the stored result
/// shows to differ (drift named in the provenance but absent, or the reverse).
[[nodiscard]] AreasInputs loadedAreasInputs(const ProjectMovie& movie, const ProjectAreas& areas);

/// Why areas computed with `used` are stale against `now` (empty: up to date).
[[nodiscard]] QStringList areasStaleReasons(const AreasInputs& used, const AreasInputs& now);

} // namespace insitu::app
