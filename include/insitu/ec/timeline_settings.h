#pragma once
// The timeline settings a project keeps ↔ the options of runTimeline(): what `insitu timeline
// PROJECT` and the Timeline panel re-apply on reload, and what they save after a run.

#include "insitu/ec/timeline_run.h"
#include "insitu/project/timeline_project.h"

namespace insitu {

struct ProjectMovie;

/// Options that redo the saved timeline: the logs (path, format, typed offset, anchors), the
/// typed frame-0 clock and the dose settings. (The logs' UTC offset and a correlation channel
/// are not kept by the project yet: they are typed again.)
[[nodiscard]] TimelineOptions timelineOptions(const ProjectTimeline& saved);

/// What a project keeps of a run: its options and the alignment each log got (the logs are
/// referenced by absolute path and fingerprint, never copied).
[[nodiscard]] ProjectTimeline projectTimeline(const TimelineRun& run,
                                              const TimelineOptions& options);

/// The results of movie's fronts, areas and particles groups, to be joined per frame.
[[nodiscard]] TimelineAnalyses timelineAnalyses(const ProjectMovie& movie);

/// Dose settings ↔ DoseOptions.
[[nodiscard]] DoseOptions doseOptions(const ProjectDoseSettings& saved);
[[nodiscard]] ProjectDoseSettings doseSettings(const DoseOptions& options);

} // namespace insitu
