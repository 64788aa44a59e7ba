#pragma once
// ChangeMap: where a drift-aligned movie changes in time beyond its noise (moving fronts,
// appearing particles), accumulated frame by frame, and the registration weight that follows.

#include "insitu/registration/phase_correlation.h"

#include <opencv2/core.hpp>

#include <utility>
#include <vector>

namespace insitu::detail {

struct RealFftPlans;

/// Keeps a coarse low band of every registered frame's spectrum (64 × 64 at most, so a movie's
/// worth fits in memory: 17 kB a frame) and, once the drift is known, aligns them and computes
/// per cell the temporal variance and the noise, from the mean squared difference of successive
/// frames (which a slow change hardly raises). The variance beyond noise and beyond what a
/// residual misalignment of static edges explains is content that does not move with the
/// specimen; it becomes a weight 1 / (1 + excess / noise in the registration band) on a coarse
/// grid fixed to the specimen. Per-frame gain and offset (flicker) are removed first.
class ChangeMap
{
public:
    explicit ChangeMap(const PhaseCorrelator& correlator);

    /// Keeps frame `frame`'s coarse band from its spectrum (PhaseCorrelator::spectrum).
    void add(int frame, const cv::Mat& spectrum);
    /// Aligns the kept frames that are accepted by their drift (px of the registered image; a
    /// feature of the first frame at x is at x + dxPx[frame]), in frame order, and computes the
    /// weight. Frees the kept bands.
    void finish(const std::vector<double>& dxPx, const std::vector<double>& dyPx,
                const std::vector<char>& accepted);

    /// Whether a part of the scene (at least 0.5 % of the cells) is down-weighted to below 1/2.
    [[nodiscard]] bool changes() const { return m_changes; }
    /// Weight map on the coarse grid (CV_32F, specimen coordinates of the first frame), 0–1.
    [[nodiscard]] const cv::Mat& coarseWeight() const { return m_weight; }
    /// The weight sampled on a cols × rows grid spanning the registered image (CV_32F; point
    /// (i, j) at image px (j · width / cols, i · height / rows)), e.g. the correlation grid.
    void sampleWeight(int cols, int rows, cv::Mat& weight) const;

private:
    /// The camera window (Tukey) of the correlator at coarse cell centres of the aligned frame.
    [[nodiscard]] double alignedWindow(int row, int col, double dxPx, double dyPx) const;
    /// Frame's band moved back by (dx, dy), inverse-transformed, divided by the camera window:
    /// value (CV_64F) and where it is reliable (CV_8U).
    void alignedCoarse(const cv::Mat& band, double dxPx, double dyPx, cv::Mat& value,
                       cv::Mat& valid);

    const PhaseCorrelator& m_correlator;
    const RealFftPlans* m_plans = nullptr; // coarse grid
    int m_rows = 0;                        // coarse grid
    int m_cols = 0;
    double m_cellXPx = 1;
    double m_cellYPx = 1;
    std::vector<std::pair<int, cv::Mat>> m_bands; // frame, CV_32FC2 m_rows × (m_cols/2+1)
    cv::Mat m_block;                              // work: shifted band
    cv::Mat m_coarse; // work: its inverse transform, CV_32F m_rows × m_cols
    cv::Mat m_weight;
    bool m_changes = false;
};

} // namespace insitu::detail
