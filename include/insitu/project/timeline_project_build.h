#pragma once
// projectTimelineOf: a timeline run as the project stores it (logs by path and fingerprint,
// their alignment, the typed movie start and the dose settings).

#include "insitu/ec/timeline_run.h"
#include "insitu/project/timeline_project.h"

#include <string>
#include <vector>

namespace insitu {

/// The stored form of run, made with options; formats[i] is the format name log i was read with.
[[nodiscard]] ProjectTimeline projectTimelineOf(const TimelineRun& run,
                                                const TimelineOptions& options,
                                                const std::vector<std::string>& formats);

/// The options a stored dose setting stands for (the inverse of what projectTimelineOf keeps).
[[nodiscard]] DoseOptions doseOptionsOf(const ProjectDoseSettings& dose);

} // namespace insitu
