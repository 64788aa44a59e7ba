#pragma once
// The speed scales of the front search: each follows one range of front speeds on its own
// column binning, step bound and temporal smoothing, so no speed needs to be set.

#include "insitu/front/front_result.h"

#include <opencv2/core.hpp>

#include <vector>

namespace insitu {

/// One scale of the coarse front search (columns = kymograph samples, bins = binned columns).
struct SpeedScale
{
    int binCols = 1;               ///< kymograph columns averaged into one search column
    int maxStepBins = 3;           ///< step bound of the path search (bins per frame)
    double maxSpeedCols = 3;       ///< fastest front this scale follows (columns per frame)
    double timeSigmaFrames = 1.5;  ///< temporal smoothing of its edge score
    double edgeSigmaBins = 1.5;    ///< spatial smoothing of its edge score (bins)
    int maxLagFrames = 16;         ///< longest temporal difference of its edge score
    bool textureFreeNoise = false; ///< gx noise measured where static texture cancels
};

/// The scales searched for options (kymograph samples stepPx apart). Automatic step bound
/// (options.maxStepPxPerFrame = 0): fronts up to 3, 8 and 20 px/frame. The slowest scale keeps
/// options' smoothing at full resolution; faster ones smooth less in time (the motion within
/// the temporal kernel must stay near the edge width: σt = options.timeSigmaFrames · 3 /
/// top speed, at least 0.3 frame), use one-frame temporal differences only (a longer lag lights
/// up the static edges of particles appearing far behind a fast front) and bin columns so the
/// step bound stays ≤ 4–5 bins; their spatial noise is measured on changes in time, so the
/// static texture of a reacted wire does not count as noise. A positive
/// options.maxStepPxPerFrame is the fastest speed searched: the scales below it plus one at it.
[[nodiscard]] std::vector<SpeedScale> speedScales(const FrontOptions& options, double stepPx);

/// Options of the edge score of scale (smoothing in its own columns and frames).
[[nodiscard]] FrontOptions scaleOptions(const FrontOptions& options, const SpeedScale& scale);

/// kymograph (CV_32F) with every binCols consecutive columns averaged (the last bin may be
/// shorter); binCols 1 returns kymograph itself.
[[nodiscard]] cv::Mat binColumns(const cv::Mat& kymograph, int binCols);

} // namespace insitu
