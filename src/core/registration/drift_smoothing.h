#pragma once
// Smoothing of a measured drift track under a random-walk model (Kalman / Rauch–Tung–Striebel).

#include <vector>

namespace insitu::detail {

/// One axis of a measured drift track.
struct MeasuredTrack
{
    std::vector<double> valuePx;          ///< measured position per frame (any common offset)
    std::vector<double> relativeVariance; ///< per frame, known up to one factor (1 if unknown)
    std::vector<char> measured;           ///< 0: no measurement (a rejected frame)
};

/// The smoothed track and the noise levels found in it.
struct SmoothedTrack
{
    std::vector<double> valuePx;
    double measurementSdPx = 0; ///< for relative variance 1
    double stepSdPx = 0;        ///< random-walk step per frame
    int jumps = 0;              ///< steps kept as jumps (not smoothed over)
};

/// Posterior mean of every frame's position under x_k = x_{k−1} + μ + w_k (w ~ N(0, q), μ the
/// median step) measured as m_k = x_k + v_k (v ~ N(0, c·relativeVariance_k)): q and c are the
/// maximum-likelihood values of the innovations (a grid over both, then a finer one). A step
/// whose innovation exceeds jumpSigmas standard deviations is a jump: it is given the variance
/// it needs and the fit repeated, so real jumps stay sharp. Unmeasured frames are predicted from
/// their neighbours; frame 0 is placed from its neighbours like any other. With fewer than 3
/// measured frames the measurements are returned unchanged.
[[nodiscard]] SmoothedTrack smoothRandomWalk(const MeasuredTrack& track);

} // namespace insitu::detail
