#pragma once
// Refinement of drift shifts that down-weights pixels whose content changes in time.

#include "insitu/progress.h"
#include "spectrum_pipeline.h"

#include <vector>

namespace insitu::detail {

/// Steps refineDownweightingChanges() reports through Progress::advance() for n frames.
[[nodiscard]] int changeWeightedRefinementSteps(int frames);

/// Refines the shifts dxPx/dyPx (registration-grid px of geometry, any common offset) of the
/// accepted frames. Each stage band-passes the registered images (Gaussian low-pass of the
/// correlator's σ, coarser in the first stage, minus a wide Gaussian against illumination fixed to
/// the camera), builds the drift-corrected mean R and the temporal variance s² of every pixel
/// over the accepted frames, and moves each frame's shift to the weighted least-squares optimum
/// Σ w (B_k(x + d) / g_k − R(x))² with w = 1 / max(s², median s²) (inverse-variance weights: a
/// moving front, swelling or appearing particles count little), the per-frame gain g_k absorbing
/// flicker, by Gauss–Newton (inverse compositional, cubic interpolation). A frame whose solve
/// fails or runs away keeps its shift. The result does not depend on the thread count.
/// varXPx2/varYPx2 receive each frame's relative shift variance from the last stage (the
/// diagonal of the inverse Gauss–Newton Hessian; 0 where the solve failed or was not run).
void refineDownweightingChanges(const Movie& movie, const RegistrationGeometry& geometry,
                                double lowPassSigmaCyclesPerPx, const std::vector<char>& accepted,
                                std::vector<double>& dxPx, std::vector<double>& dyPx,
                                std::vector<double>& varXPx2, std::vector<double>& varYPx2,
                                Progress& progress);

} // namespace insitu::detail
