#pragma once
// timelineMarks(): the events other panels show, as marks on the Timeline strips.

#include "panels/timeline_strips.h"

#include "insitu/ec/timeline.h"

#include <vector>

namespace insitu {
struct ProjectMovie;
}

namespace insitu::app {

/// The movie's user event markers, the areas' step events (cracks and user markers of each
/// followed particle) and the first frame of each tracked front that appears after frame 0, at
/// their times from the time-zero frame (frames mapped through inputs.frameTimesS).
[[nodiscard]] std::vector<TimelineMark> timelineMarks(const ProjectMovie& movie,
                                                      const TimelineInputs& inputs);

} // namespace insitu::app
