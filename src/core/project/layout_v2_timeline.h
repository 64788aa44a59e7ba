#pragma once
// Private to src/core/project: the movie's "timeline" group (layout_v2_timeline.cpp).

#include "insitu/project/project.h"

#include <hdf5.h>

namespace insitu::layout::v2 {

void writeTimeline(hid_t g, const ProjectMovie& movie);
void readTimeline(hid_t g, ProjectMovie& movie);

} // namespace insitu::layout::v2
