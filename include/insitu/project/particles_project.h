#pragma once
// ProjectParticles: a particle analysis of one frame (or frame range) as the project keeps it —
// regions, labels, particles, statistics, hand edits, provenance. Included by
// project/project.h after Provenance (include project.h, not this file).

#include "insitu/particles/particle_edit.h"
#include "insitu/particles/particle_result.h"
#include "insitu/roi/roi.h"

#include <cstdint>
#include <vector>

namespace insitu {

/// The stored result of `insitu particles` / the Particles panel.
struct ProjectParticles
{
    int firstFrame = 0; ///< frames averaged (drift-corrected when last > first)
    int lastFrame = 0;
    std::vector<Roi> regions; ///< the region ROIs used (empty: the whole frame, region "frame")
    ParticleResult result;    ///< options, calibration, particles, statistics, comparison
    std::vector<std::int32_t> labels; ///< result.height × result.width, row-major, 0 = none
    std::vector<ParticleEdit> edits;  ///< hand edits applied after the segmentation, in order
    Provenance provenance;

    bool operator==(const ProjectParticles&) const = default;
};

} // namespace insitu
