#pragma once
// Private to src/core/front: the edge a front makes, judged against each column's own level
// just before the front reached it (EdgeChange), for the end tests of a track.

#include "front_refine_model.h"

#include <opencv2/core.hpp>

#include <optional>
#include <vector>

namespace insitu::refine_detail {

/// Where the front is in every frame of the kymograph for AheadLevels: positions (columns) in
/// the track's frames; in the frames before the track's first one "before the path's start"
/// when that first position is within the contrast windows' reach (8 columns) of the start (a
/// monotonic front coming out of the start, e.g. the contact, had not yet done so, so every
/// column then shows its own level), else NaN (unknown); NaN after its last frame (the front
/// may have left the path).
[[nodiscard]] std::vector<double> positionOfFrame(int frameCount, int cols,
                                                  const std::vector<int>& frames,
                                                  const std::vector<double>& positionsCol,
                                                  int direction);

/// Edge contrast of a front measured as change: each column near the front minus its own level
/// in the frames just before the front reached it (AheadLevels), columns s+2..s+5 minus
/// s−5..s−2 (> 0: brighter towards the path end, as the raw contrast). Static structure (the
/// contact's edge, particles the front passes into) is in those levels and cancels; what is
/// left is what the front changed. Columns without a level (never ahead of the front) fall back
/// to the raw contrast of the same windows.
class EdgeChange
{
public:
    EdgeChange(const cv::Mat& kymograph, const std::vector<int>& frames,
               const std::vector<double>& positionsCol, int direction);

    /// Same, with levels already made (AheadLevels over positionOfFrame of the same track),
    /// which must outlive this.
    EdgeChange(const cv::Mat& kymograph, const AheadLevels& levels, int direction);

    /// Contrast in frame t alone at column s, in noise σ; 0 where neither kind can be measured
    /// (or, without rawFallback, where the change cannot be).
    [[nodiscard]] double frameZ(int t, double s, bool rawFallback = true) const;

    /// Contrast at each (frames[i], positionsCol[i]) averaged over ±4 track frames, in σ; NaN at
    /// fixed (pinned) frames.
    [[nodiscard]] std::vector<double> runningZ(const std::vector<int>& frames,
                                               const std::vector<double>& positionsCol,
                                               const std::vector<bool>& fixed) const;

private:
    /// Contrast (value units) and its variance from this frame's noise and from the levels'
    /// (the latter shared with neighbouring frames); false without data.
    bool contrast(int t, double s, double& value, double& frameVar, double& levelSd,
                  bool rawFallback = true) const;

    /// Noise σ of one value in frame t (computed once per frame asked for).
    [[nodiscard]] double rowSigma(int t) const;

    const cv::Mat& m_values;
    std::optional<AheadLevels> m_ownLevels;
    const AheadLevels* m_levels;
    int m_direction;
    mutable std::vector<double> m_rowSigma; ///< per frame, NaN until asked for
};

} // namespace insitu::refine_detail
