#pragma once
// trackFronts: automatic detection and tracking of N reaction fronts on a kymograph.

#include "insitu/front/front_result.h"
#include "insitu/front/kymograph.h"
#include "insitu/progress.h"

#include <vector>

namespace insitu {

/// Finds up to options.frontCount moving fronts on kymograph and tracks each one (algorithms.md
/// §2): a moving-edge score (spatial × temporal gradient: static edges score nothing) per
/// contrast sign and direction, a Viterbi path over (position, step) per front (bounded step,
/// penalised step changes, monotonic unless options.monotonic is false, absent where the front
/// does not exist), then sub-pixel refinement with a per-column two-phase model. No speed needs
/// to be set: the search runs on several speed scales at once (up to 3, 8 and 20 px/frame; the
/// faster ones on binned columns with less temporal smoothing, so a fast edge is not smeared),
/// the strongest path over all scales wins, and a path found on binned columns is traced again
/// at full resolution within a corridor around it; options.maxStepPxPerFrame > 0 caps the
/// speeds searched. A track keeps only end frames where the refined edge shows as change (each
/// column against its own level just before the front reached it, so static structure such as
/// the contact's edge cancels) in the running mean (≥ 3 σ) and in that frame alone (≥ 2 σ); a
/// slow track (< 1 column/frame at an end) is carried on in time at its end speed while that
/// change shows, and refined again (its search path stops early where the edge is weak). Fronts are
/// found strongest first (each one's band is removed before the next search) and returned ordered
/// by mean position (index 0 nearest the path start); fronts shorter than options.minFrames are
/// dropped, and so are the frames at a track's end where the path stands still while the front
/// moved on before it (stuck to a static edge). When fewer fronts than asked are found (and no
/// pins are given), a second search on a score smoothed twice as long in time adds the fronts
/// the first one missed. pins[i] (positions in px along the path) force front i of that order
/// through the given (frame, position) points, the path is recomputed and the pins kept in
/// FrontTrack::pins; pins for i ≥ the number of fronts found add a front. No fit is made here (see
/// fitFronts). advance() per search step (throws Canceled).
[[nodiscard]] FrontResult trackFronts(const Kymograph& kymograph, const FrontOptions& options,
                                      const std::vector<std::vector<FrontPin>>& pins,
                                      Progress& progress);

/// Same, with the path search on search (the same path sampled on a wider band, e.g. the
/// wire's width: same frames, samples and step) and the sub-pixel refinement on kymograph (the
/// user's band): a narrow band's noise misleads the search, not the refinement.
[[nodiscard]] FrontResult trackFronts(const Kymograph& kymograph, const Kymograph& search,
                                      const FrontOptions& options,
                                      const std::vector<std::vector<FrontPin>>& pins,
                                      Progress& progress);

/// Same, without pins.
[[nodiscard]] FrontResult trackFronts(const Kymograph& kymograph, const FrontOptions& options,
                                      Progress& progress);

} // namespace insitu
