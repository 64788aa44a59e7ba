#pragma once
// ProjectAreas: the outlines, keyframes, events and fits of followed particles in a project.
// Included by project/project.h after Provenance (include project.h, not this file).

#include "insitu/area/area_result.h"

namespace insitu {

/// One areas analysis of a movie and where it came from.
struct ProjectAreas
{
    AreaResult result;
    Provenance provenance;
    bool operator==(const ProjectAreas&) const = default;
};

} // namespace insitu
