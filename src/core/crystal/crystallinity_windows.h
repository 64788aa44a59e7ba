#pragma once
// Internal: the sliding-window machinery of the crystallinity map (grid, annuli, ratios,
// threshold).

#include "insitu/crystal/crystallinity_map.h"

#include <opencv2/core.hpp>

#include <string>
#include <vector>

namespace insitu {

/// Windows of windowPx² whose top-left corners are (i·stepPx, j·stepPx).
struct WindowGrid
{
    int windowPx = 64;
    int stepPx = 16;
    int cols = 0;
    int rows = 0;
};

/// A signal annulus in cycles/px.
struct Annulus
{
    std::string phase;
    double kMinPerPx = 0;
    double kMaxPerPx = 0;
};

/// Annuli of the user's d-ranges (needs the pixel size), widened to the window's resolution.
[[nodiscard]] std::vector<Annulus> annuliFromRanges(const std::vector<DRangeNm>& ranges,
                                                    const Calibration& calibration,
                                                    const WindowGrid& grid);

/// Annuli around the strongest peaks of the mean spectrum of non-overlapping windows.
[[nodiscard]] std::vector<Annulus> detectedAnnuli(const cv::Mat& image, const WindowGrid& grid,
                                                  const CrystallinityOptions& options);

/// Per annulus, a grid.rows × grid.cols CV_32F matrix of annulus power / background power.
[[nodiscard]] std::vector<cv::Mat> windowRatios(const cv::Mat& image, const WindowGrid& grid,
                                                const std::vector<Annulus>& annuli,
                                                Progress& progress);

/// The fringe-power ratio threshold from a two-component Gaussian mixture of log ratios; the
/// edge is placed at half the crystalline fringe amplitude √(r − 1). Without a separated
/// crystalline component: the amorphous mean + 4σ.
[[nodiscard]] double mixtureThresholdRatio(const cv::Mat& ratios);

} // namespace insitu
