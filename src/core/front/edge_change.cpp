// EdgeChange: a front's edge contrast against each column's own level before the front came.

#include "edge_change.h"

#include "front_smoothing.h"

#include <algorithm>
#include <cmath>

namespace insitu::refine_detail {

namespace {

constexpr int kNearCols = 2;    // contrast windows: columns this far from the front ...
constexpr int kFarCols = 5;     // ... to this far, on each side
constexpr int kRunningHalf = 4; // running contrast: ± this many track frames
constexpr int kMaxNoiseDiffs = 256;
// a track first seen this near the path's start (columns) came out of it: before its first
// frame every column showed its own level
constexpr double kNearStartCols = kFarCols + kGapCols;

/// Noise σ of kymograph row t, robustly from differences of neighbouring columns (at most
/// kMaxNoiseDiffs of them, evenly spread).
double rowNoiseSigma(const cv::Mat& values, int t)
{
    const float* v = values.ptr<float>(t);
    const int stride = std::max(1, values.cols / kMaxNoiseDiffs);
    std::vector<double> diffs;
    for (int x = 0; x + 1 < values.cols; x += stride)
        diffs.push_back(std::abs(v[x + 1] - v[x]));
    return diffs.empty() ? 0.0 : 1.4826 * front_detail::median(diffs) / std::sqrt(2.0);
}

} // namespace

std::vector<double> positionOfFrame(int frameCount, int cols, const std::vector<int>& frames,
                                    const std::vector<double>& positionsCol, int direction)
{
    std::vector<double> out(static_cast<std::size_t>(frameCount), kNaN);
    if (frames.empty())
        return out;
    // first seen within the contrast windows' reach of the path's start: it came out of there
    const double fromStart =
        direction >= 0 ? positionsCol.front() : cols - 1.0 - positionsCol.front();
    if (fromStart <= kNearStartCols) {
        const double beforeStart = direction >= 0 ? -kGapCols - 1.0 : cols - 1.0 + kGapCols + 1.0;
        for (int t = 0; t < std::min(frames.front(), frameCount); ++t)
            out[static_cast<std::size_t>(t)] = beforeStart;
    }
    for (std::size_t i = 0; i < frames.size(); ++i)
        if (frames[i] >= 0 && frames[i] < frameCount)
            out[static_cast<std::size_t>(frames[i])] = positionsCol[i];
    return out;
}

EdgeChange::EdgeChange(const cv::Mat& kymograph, const std::vector<int>& frames,
                       const std::vector<double>& positionsCol, int direction)
    : m_values(kymograph), m_ownLevels(std::in_place, kymograph,
                                       positionOfFrame(kymograph.rows, kymograph.cols, frames,
                                                       positionsCol, direction >= 0 ? 1 : -1),
                                       direction >= 0 ? 1 : -1),
      m_levels(&*m_ownLevels), m_direction(direction >= 0 ? 1 : -1),
      m_rowSigma(static_cast<std::size_t>(kymograph.rows), kNaN)
{
}

EdgeChange::EdgeChange(const cv::Mat& kymograph, const AheadLevels& levels, int direction)
    : m_values(kymograph), m_levels(&levels), m_direction(direction >= 0 ? 1 : -1),
      m_rowSigma(static_cast<std::size_t>(kymograph.rows), kNaN)
{
}

double EdgeChange::rowSigma(int t) const
{
    double& sigma = m_rowSigma[static_cast<std::size_t>(t)];
    if (std::isnan(sigma))
        sigma = rowNoiseSigma(m_values, t);
    return sigma;
}

bool EdgeChange::contrast(int t, double s, double& value, double& frameVar, double& levelSd,
                          bool rawFallback) const
{
    if (t < 0 || t >= m_values.rows)
        return false;
    const float* row = m_values.ptr<float>(t);
    const int cols = m_values.cols;
    const int c = static_cast<int>(std::lround(s));
    // ahead / behind in the sense of travel; sums of changes, and of 1/(frames of the level)
    double changeAhead = 0, changeBehind = 0, levelAhead = 0, levelBehind = 0;
    int na = 0, nb = 0;
    double rawAhead = 0, rawBehind = 0;
    int ra = 0, rb = 0;
    const auto add = [&](int x, bool ahead) {
        if (x < 0 || x >= cols)
            return;
        (ahead ? rawAhead : rawBehind) += row[x];
        ++(ahead ? ra : rb);
        int count = 0;
        const double level = m_levels->mean(x, t, &count);
        if (std::isnan(level) || count <= 0)
            return;
        (ahead ? changeAhead : changeBehind) += row[x] - level;
        (ahead ? levelAhead : levelBehind) += 1.0 / count;
        ++(ahead ? na : nb);
    };
    for (int d = kNearCols; d <= kFarCols; ++d) {
        add(c + m_direction * d, true);
        add(c - m_direction * d, false);
    }
    if (nb < 2) // at the path's start: the column next to the front as well
        add(c - m_direction * (kNearCols - 1), false);
    const double sigma = rowSigma(t);
    if (!(sigma > 0))
        return false;
    // path-end minus path-start orientation, as the raw contrast
    if (na >= 1 && nb >= 1) {
        const double aheadMinusBehind = changeAhead / na - changeBehind / nb;
        value = m_direction * aheadMinusBehind;
        frameVar = sigma * sigma * (1.0 / na + 1.0 / nb);
        levelSd = sigma * std::sqrt(levelAhead / (na * na) + levelBehind / (nb * nb));
        return true;
    }
    if (rawFallback && ra >= 2 && rb >= 2) {
        value = m_direction * (rawAhead / ra - rawBehind / rb);
        frameVar = sigma * sigma * (1.0 / ra + 1.0 / rb);
        levelSd = 0;
        return true;
    }
    return false;
}

double EdgeChange::frameZ(int t, double s, bool rawFallback) const
{
    double value = 0, frameVar = 0, levelSd = 0;
    if (!contrast(t, s, value, frameVar, levelSd, rawFallback))
        return 0.0;
    return value / std::sqrt(frameVar + levelSd * levelSd);
}

std::vector<double> EdgeChange::runningZ(const std::vector<int>& frames,
                                         const std::vector<double>& positionsCol,
                                         const std::vector<bool>& fixed) const
{
    const std::size_t n = frames.size();
    std::vector<double> value(n, kNaN), frameVar(n, 0.0), levelSd(n, 0.0);
    for (std::size_t i = 0; i < n; ++i)
        if (!contrast(frames[i], positionsCol[i], value[i], frameVar[i], levelSd[i]))
            value[i] = kNaN;
    std::vector<double> out(n, 0.0);
    for (std::size_t i = 0; i < n; ++i) {
        if (fixed[i]) {
            out[i] = kNaN;
            continue;
        }
        const std::size_t lo = i >= kRunningHalf ? i - kRunningHalf : 0;
        const std::size_t hi = std::min(n - 1, i + kRunningHalf);
        double sum = 0, var = 0, levels = 0;
        for (std::size_t j = lo; j <= hi; ++j)
            if (!std::isnan(value[j])) {
                sum += value[j];
                var += frameVar[j];
                levels += levelSd[j]; // the levels are shared by neighbouring frames
            }
        const double sd = std::sqrt(var + levels * levels);
        out[i] = sd > 0 ? sum / sd : 0.0;
    }
    return out;
}

} // namespace insitu::refine_detail
