#pragma once
// Private to src/core/front: the 1-D helpers of front refinement (medians, gap filling, a
// sub-grid minimum search, and the robust trajectory smoothing).

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

namespace insitu::front_detail {

/// Median of v (NaN when empty).
[[nodiscard]] double median(std::vector<double> v);

/// Locally linear smoothing (±radius samples) of a path: the first centre.
[[nodiscard]] std::vector<double> smoothPath(const std::vector<double>& positions, int radius);

/// Fills NaN levels from the nearest column that has one; false when none has.
bool fillGaps(std::vector<double>& levels);

/// Robust local linear fit of y over ±half samples around each i (uniform weights, Tukey
/// biweight on the residuals, LOWESS-style): the smooth trajectory of the front. Measured on
/// the nanowire scenes (bench_front): over 21 frames a local line halves the noise of a
/// tricube-weighted local quadratic, and its bias on √t fronts is smaller than that noise.
/// fixed[i] marks pinned samples: kept exactly and weighted heavily. Also returns the
/// standard error of each smoothed value from the residual scatter, and (when leverageOut is
/// given) each sample's leverage h on its own fitted value (1 where it is not fitted).
std::vector<double> robustSmooth(const std::vector<double>& y, const std::vector<bool>& valid,
                                 const std::vector<bool>& fixed, int half,
                                 std::vector<double>& stdOut,
                                 std::vector<double>* leverageOut = nullptr);

/// Minimum of f over [lo, hi]: grid of step h, then a parabola through the best neighbours.
template <typename F>
double gridMinimum(F&& f, double lo, double hi, double h, double* fmin = nullptr)
{
    const int n = std::max(2, static_cast<int>(std::ceil((hi - lo) / h)));
    h = (hi - lo) / n;
    constexpr double inf = std::numeric_limits<double>::infinity();
    double bestF = inf;
    int bestI = 0;
    double prevF = inf, beforeBest = inf, afterBest = inf;
    for (int i = 0; i <= n; ++i) {
        const double v = f(lo + i * h);
        if (v < bestF) {
            bestF = v;
            bestI = i;
            beforeBest = prevF;
            afterBest = inf;
        } else if (i == bestI + 1) {
            afterBest = v;
        }
        prevF = v;
    }
    double s = lo + bestI * h;
    if (bestI > 0 && bestI < n) {
        const double denom = beforeBest - 2 * bestF + afterBest;
        if (denom > 0)
            s += 0.5 * h * (beforeBest - afterBest) / denom;
    }
    if (fmin)
        *fmin = bestF;
    return s;
}

} // namespace insitu::front_detail
