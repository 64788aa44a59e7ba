#pragma once
// Dynamic-programming path of one front through a score map, over (position, step) states.

#include "insitu/front/front_result.h"

#include <opencv2/core.hpp>

#include <vector>

namespace insitu {

/// Constraints of the front path search.
struct FrontPathOptions
{
    int maxStepPx = 3; ///< |position change| per frame ≤ maxStepPx (columns)
    int direction = 1; ///< +1: steps ≥ 0, −1: steps ≤ 0, 0: either (not monotonic)
    double stepChangePenalty = 0.5; ///< cost per column/frame change of step
    double presenceThreshold = 1.0; ///< subtracted from the score of every present frame
};

/// An integer path: the front is at column positions[i] in frame frames[i] (consecutive frames).
struct FrontPath
{
    std::vector<int> frames;
    std::vector<int> positions;
    double score = 0; ///< total (score − threshold − penalties) along the path
    [[nodiscard]] bool empty() const { return frames.empty(); }
};

/// Best path through score (CV_32F, rows = frames, cols = columns): the front is absent before
/// its first and after its last frame (absent frames score 0, present ones score − threshold),
/// steps are bounded, and a change of step of Δ columns/frame costs Δ·stepChangePenalty (step
/// changes are limited to ±1 per frame so a path cannot jump). Pins (frame, column) force the
/// path through them (and the front to exist there). Returns an empty path when no path scores
/// above 0 and there are no pins (Viterbi, Montanari 1971).
[[nodiscard]] FrontPath findFrontPath(const cv::Mat& score, const FrontPathOptions& options,
                                      const std::vector<FrontPin>& pinsInColumns = {});

} // namespace insitu
