#pragma once
// Sub-pixel refinement of a coarse front path with a per-column two-phase intensity model.

#include "insitu/front/front_result.h"

#include <opencv2/core.hpp>

#include <vector>

namespace insitu {

/// Refined positions and per-frame confidence of one front.
struct RefinedFront
{
    std::vector<double> positionsCol;  ///< sub-pixel column per frame of the coarse path
    std::vector<double> stdCol;        ///< position standard error from the data alone (columns)
    std::vector<double> confidence;    ///< 1 / (1 + std²), in 0..1
    /// Edge contrast at the refined position: mean of columns s+2..s+5 minus mean of s−5..s−2
    /// of the running mean, in noise σ (> 0: brighter towards the path end); near 0 where the
    /// data hold no edge (before a front starts, after it left the path)
    std::vector<double> contrastZ;
    double edgeSigmaCol = 1.0;         ///< fitted width of the edge (columns)
};

/// Refines a coarse integer path (frames consecutive, positions in columns) of kymograph (CV_32F).
/// Direction of travel = sign of the path's net motion. Each frame's profile near the front is
/// fitted as A_x·(Φa + ρ·(1 − Φa)), Φa = Φ(±(x − s)/σ) the fraction ahead of the front: A_x is the
/// column's pristine level, measured in the nearest frames where the front is ≥ 3 columns away
/// from reaching it (so what appears behind the front — particles, swelling — never enters it),
/// ρ the behind/ahead ratio (a running median over ±2 frames of its free fit on the 2 columns
/// behind the front: particles appear further behind), σ the edge width (one per track). The
/// per-frame positions are then smoothed by a robust (Tukey biweight, LOWESS-style) local
/// quadratic fit over options.refineWindowFrames frames (the front moves smoothly), and the
/// whole is iterated 3 times around the new trajectory (algorithms.md §2, "Lessons from nanowire
/// movies"). Pinned frames keep the pin position with confidence 1.
[[nodiscard]] RefinedFront refineFront(const cv::Mat& kymograph, const std::vector<int>& frames,
                                       const std::vector<int>& coarseCol,
                                       const FrontOptions& options,
                                       const std::vector<FrontPin>& pinsInColumns = {});

} // namespace insitu
