#pragma once
// Refinement of drift shifts that down-weights pixels whose content changes in time.

#include "insitu/progress.h"
#include "spectrum_pipeline.h"

#include <vector>

namespace insitu::detail {

/// Steps refineDownweightingChanges() reports through Progress::advance() for n frames.
[[nodiscard]] int changeWeightedRefinementSteps(int frames);

/// Refines the shifts dxPx/dyPx (registration-grid px of geometry, any common offset) of the
/// accepted frames. Each stage band-passes the registered images (Gaussian low-pass of 2, 1 and
/// 0.4 times the correlator's σ, minus a wide Gaussian against illumination fixed to the camera)
/// and builds, over the accepted frames corrected by the current shifts, the mean R, the noise
/// variance ν of every pixel (from successive differences) and the excess of its temporal
/// variance over ν (what a moving front, swelling or appearing particles add). Each frame's shift
/// then moves to the weighted least-squares optimum of Σ w (B_k(x)/g_k − R₋ₖ(x − d))² (R₋ₖ: the
/// mean without frame k, shifted onto the frame; g_k: its gain, for flicker) with
/// w = 1/(ν + κ·excess) times Tukey's biweight of the frame's own smoothed residual (a change in
/// this frame counts nothing), by Gauss–Newton. A frame whose solve fails or runs away keeps its
/// shift. The result does not depend on the thread count.
/// varXPx2/varYPx2 receive each frame's relative shift variance from the last stage (the
/// diagonal of the inverse Gauss–Newton Hessian; 0 where the solve failed or was not run).
void refineDownweightingChanges(const Movie& movie, const RegistrationGeometry& geometry,
                                double lowPassSigmaCyclesPerPx, const std::vector<char>& accepted,
                                std::vector<double>& dxPx, std::vector<double>& dyPx,
                                std::vector<double>& varXPx2, std::vector<double>& varYPx2,
                                Progress& progress);

} // namespace insitu::detail
