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
/// Each column x near the front is modelled as L_x while the front is beyond it and R_x once the
/// front has passed to its left, both measured in the frames nearest in time where the coarse path
/// is ≥ 3 columns away (so static particles and swelling in either phase are absorbed); frame t
/// fits L_x + (R_x − L_x)·Φ((x − s)/σ) to a temporal running mean (≤ options.refineWindowFrames
/// frames, motion inside < 1 column) with a Gaussian prior of options.priorSigmaPx around the
/// locally smoothed coarse path (algorithms.md §2, "Lessons from nanowire movies"). Pinned frames
/// keep the pin position with confidence 1.
[[nodiscard]] RefinedFront refineFront(const cv::Mat& kymograph, const std::vector<int>& frames,
                                       const std::vector<int>& coarseCol,
                                       const FrontOptions& options,
                                       const std::vector<FrontPin>& pinsInColumns = {});

} // namespace insitu
