#pragma once
// Hand edits applied to a particle segmentation (delete, merge, split, add).

#include "insitu/particles/particle_edit.h"
#include "insitu/particles/particle_segment.h"

#include <string>
#include <vector>

namespace insitu {

/// Applies edit to seg.labels and re-measures (see remeasureParticles). Returns false and leaves
/// seg unchanged when the edit finds nothing to act on (no particle under the point, the same
/// particle twice, a line that does not cut, a seed on a particle or on no contrast).
bool applyParticleEdit(ParticleSegmentation& seg, const cv::Mat& frame,
                       const std::vector<Roi>& regions, const ParticleEdit& edit);

/// Applies edits in order; returns how many took effect (the others are skipped).
int applyParticleEdits(ParticleSegmentation& seg, const cv::Mat& frame,
                       const std::vector<Roi>& regions, const std::vector<ParticleEdit>& edits);

/// Measures seg.labels again (renumbered 1..n; no size limits: hand edits are kept) and
/// recomputes the region statistics and the comparison with seg.result.options.
void remeasureParticles(ParticleSegmentation& seg, const cv::Mat& frame,
                        const std::vector<Roi>& regions);

} // namespace insitu
