#pragma once
// Display helpers: percentile contrast range, histogram and 8-bit rendering of a frame.

#include "insitu/frame.h"

#include <QImage>

#include <utility>
#include <vector>

namespace insitu::app {

/// Values at the low and high quantiles (e.g. 0.001, 0.999) of frame, on a subsample of at most
/// ~65 k pixels; high > low is guaranteed.
[[nodiscard]] std::pair<double, double>
percentileRange(const Frame& frame, double lowQuantile = 0.001, double highQuantile = 0.999);

/// Counts of frame's values in `bins` equal bins over [low, high] (values outside are clamped).
[[nodiscard]] std::vector<int> frameHistogram(const Frame& frame, int bins, double low,
                                              double high);

/// Frame mapped to 8-bit grey: low → 0, high → 255 (a deep copy).
[[nodiscard]] QImage renderGrey(const Frame& frame, double low, double high);

} // namespace insitu::app
