#pragma once
// DriftResult: the measured drift of every frame, and the settings that produced it.

#include <array>
#include <optional>
#include <string>
#include <vector>

namespace insitu {

/// Which frame(s) each frame is registered against.
enum class DriftReference { First, Previous, RunningMean };

/// Settings of a drift estimation (extended by the registration module as needed).
struct DriftOptions
{
    DriftReference reference = DriftReference::RunningMean;
    int runningMeanFrames = 10;                 ///< K, for DriftReference::RunningMean
    std::optional<std::array<int, 4>> regionPx; ///< registration region x, y, w, h (frame 0)
    double lowPassSigmaCyclesPerPx = 0.1;       ///< Gaussian weight on the cross-power spectrum
    /// Gaussian high-pass σ (cycles/px) against illumination gradients fixed to the camera; 0 =
    /// off.
    double highPassSigmaCyclesPerPx = 0.0;
    int binning = 1;         ///< 1, 2 or 4 (for 4k frames)
    double minQuality = 0.0; ///< frames below are flagged and interpolated
    /// Frames whose quality is below this fraction of the median quality are flagged too.
    double minRelativeQuality = 0.3;
    /// Cross-power normalisation |F·G*|^-p: 1 = phase correlation, 0 = plain cross-correlation.
    double whiteningExponent = 0.5;
    /// RunningMean only: a second pass registers every frame against the drift-corrected mean
    /// of all frames (removes the slow random walk of the running reference).
    bool meanSecondPass = true;
    /// Then refine every shift against the drift-corrected mean of band-passed frames, pixels that
    /// change (a moving front, swelling, new particles) weighted down by their excess temporal
    /// variance and dropped where a frame's residual shows a change, three stages refreshing mean
    /// and weights; then smooth the track as a random walk (jumps kept). Slower (Gauss–Newton).
    bool downweightChanges = false;

    bool operator==(const DriftOptions&) const = default;
};

/// Drift of frame k: a feature at (x, y) in frame 0 appears at (x + dxPx[k], y + dyPx[k]).
struct DriftResult
{
    DriftOptions options;
    std::vector<double> dxPx;
    std::vector<double> dyPx;
    std::vector<double> quality;    ///< per frame, higher is better (registration module defines)
    std::vector<bool> interpolated; ///< true where the shift was interpolated, not measured

    [[nodiscard]] int frameCount() const { return static_cast<int>(dxPx.size()); }
    bool operator==(const DriftResult&) const = default;
};

} // namespace insitu
