#pragma once
// ParticleAnalysisSettings: what a movie's next particles run uses, kept with or without a
// result (the Particles panel shows it; saved in the project). Included by project/project.h.

#include "insitu/particles/particle_options.h"

namespace insitu {

/// The options of the next particles run of a movie: the core's ParticleOptions (whose
/// defaults `insitu particles` uses) and how many frames are averaged from the current one.
struct ParticleAnalysisSettings
{
    ParticleOptions options;
    int framesAveraged = 1; ///< frames averaged from the current one (drift-corrected)

    bool operator==(const ParticleAnalysisSettings&) const = default;
};

} // namespace insitu
