#pragma once
// Sub-pixel refinement of a coarse front path with a per-column two-phase intensity model.

#include "insitu/front/front_result.h"

#include <opencv2/core.hpp>

#include <vector>

namespace insitu {

/// Refined positions and per-frame confidence of one front.
struct RefinedFront
{
    std::vector<double> positionsCol; ///< sub-pixel column per frame of the coarse path
    std::vector<double> stdCol;       ///< position standard error from the data alone (columns)
    std::vector<double> confidence;   ///< 1 / (1 + std²), in 0..1
    /// Each frame's own best position (columns) from its data with the last pass's model, before
    /// any smoothing over time; NaN where the frame gives none (no edge, no data). Pinned
    /// frames: the pin.
    std::vector<double> framePositionsCol;
    /// Standard error of framePositionsCol (columns): σ²_i / Σ(∂model/∂s)² with σ²_i the frame's
    /// residual variance (shrunk towards the track's median), scaled so that the estimates'
    /// scatter about the smoothed trajectory matches (outliers beyond 5σ left out). Pinned
    /// frames: the median SE. NaN where framePositionsCol is NaN.
    std::vector<double> frameStdCol;
    /// Edge contrast at the refined position, as change: columns s+2..s+5 minus s−5..s−2, each
    /// less its own level in the frames just before the front reached it (so static structure,
    /// such as the contact's edge, cancels), averaged over ±4 frames, in noise σ (> 0: brighter
    /// towards the path end); near 0 where the data hold no edge (before a front starts, after
    /// it left the path). NaN at pinned frames.
    std::vector<double> contrastZ;
    /// The same contrast in each frame alone (σ); NaN at pinned frames.
    std::vector<double> frameContrastZ;
    double edgeSigmaCol = 1.0; ///< fitted width of the edge (columns)
};

/// Refines a coarse integer path (frames consecutive, positions in columns) of kymograph (CV_32F).
/// Direction of travel = sign of the path's net motion. First pass: each frame's profile near the
/// front is fitted as A_x·(Φa + ρ·(1 − Φa)), Φa = Φ(±(x − s)/σ) the fraction ahead of the front,
/// A_x the column's pristine level (mean of the frames within ±32 where the front is ≥ 3 columns
/// from reaching it), ρ a running median of the per-frame behind/ahead ratio, σ the edge width
/// (one per track). Later passes model every column's whole time series around the trajectory:
/// A_x·Φa + R_x·(1 − Φa) − Σ D_k·Φ((u − lag_k)/σ), u = how far the front has passed the column,
/// with the reacted level R_x and up to two level steps D_k at lags −3..24 columns (particles
/// appearing behind the front or reaching ahead of it, or vanishing behind a second front), kept
/// only where they explain clearly more than noise; each frame's position is then the best fit
/// of these column models. Column models are used only when the front moves at most 1 column
/// per frame (median step after the first pass): a faster front crosses a column in too few
/// frames for its free levels and lags, which then absorb a shift of the front (a 6 px/frame
/// front lagged by 2–4 px); faster fronts keep the ratio model in every pass. Per-frame positions
/// are smoothed by a robust (Tukey biweight) local line over options.refineWindowFrames frames;
/// frames at the ends without an edge are left out of that fit. 4 passes in all (algorithms.md §2,
/// "Lessons from nanowire movies"). Pinned frames keep the pin position with confidence 1.
[[nodiscard]] RefinedFront refineFront(const cv::Mat& kymograph, const std::vector<int>& frames,
                                       const std::vector<int>& coarseCol,
                                       const FrontOptions& options,
                                       const std::vector<FrontPin>& pinsInColumns = {});

} // namespace insitu
