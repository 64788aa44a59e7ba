#include "drift_smoothing.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <tuple>
#include <utility>

namespace insitu::detail {

namespace {

constexpr double jumpSigmas = 5.0;
constexpr int jumpRounds = 2;

/// Kalman filter and RTS smoother of the local-level model with per-step extra variance.
class RandomWalkModel
{
public:
    RandomWalkModel(const MeasuredTrack& track, double meanStepPx)
        : m_track(track), m_meanStep(meanStepPx), m_extraStep(track.valuePx.size(), 0.0)
    {
    }

    /// Log-likelihood of the innovations for measurement factor c and step variance q.
    double logLikelihood(double c, double q) { return filter(c, q, false); }

    /// Smoothed positions for (c, q).
    std::vector<double> smooth(double c, double q)
    {
        (void)filter(c, q, true);
        const std::size_t n = m_filtered.size();
        std::vector<double> x = m_filtered;
        for (std::size_t k = n - 1; k-- > 0;) {
            if (!std::isfinite(m_filteredVar[k])) { // before the first measurement
                x[k] = x[k + 1] - m_meanStep;
                continue;
            }
            const double gain = m_filteredVar[k] / m_predictedVar[k + 1];
            x[k] = m_filtered[k] + gain * (x[k + 1] - m_predicted[k + 1]);
        }
        return x;
    }

    /// Marks steps whose standardised innovation exceeds jumpSigmas as jumps; their count.
    int markJumps(double c, double q)
    {
        (void)filter(c, q, true);
        int jumps = 0;
        for (std::size_t k = 1; k < m_innovation.size(); ++k) {
            const double z = m_innovation[k] / std::sqrt(m_innovationVar[k]);
            if (std::isfinite(z) && std::abs(z) > jumpSigmas) {
                m_extraStep[k] += m_innovation[k] * m_innovation[k];
                ++jumps;
            }
        }
        return jumps;
    }

private:
    double filter(double c, double q, bool keep)
    {
        const std::size_t n = m_track.valuePx.size();
        if (keep) {
            m_filtered.assign(n, 0.0);
            m_filteredVar.assign(n, 0.0);
            m_predicted.assign(n, 0.0);
            m_predictedVar.assign(n, 0.0);
            m_innovation.assign(n, 0.0);
            m_innovationVar.assign(n, std::numeric_limits<double>::infinity());
        }
        double x = 0;
        double p = std::numeric_limits<double>::infinity(); // diffuse start
        double logL = 0;
        for (std::size_t k = 0; k < n; ++k) {
            if (k > 0 && std::isfinite(p)) {
                x += m_meanStep;
                p += q + m_extraStep[k];
            }
            if (keep) {
                m_predicted[k] = x;
                m_predictedVar[k] = p;
            }
            if (m_track.measured[k]) {
                const double r = c * m_track.relativeVariance[k];
                const double v = m_track.valuePx[k] - x;
                if (!std::isfinite(p)) { // first measurement
                    x = m_track.valuePx[k];
                    p = r;
                } else {
                    const double s = p + r;
                    if (m_extraStep[k] == 0.0)
                        logL -= 0.5 * (std::log(s) + v * v / s);
                    const double gain = p / s;
                    x += gain * v;
                    p *= 1.0 - gain;
                    if (keep) {
                        m_innovation[k] = v;
                        m_innovationVar[k] = s;
                    }
                }
            }
            if (keep) {
                m_filtered[k] = x;
                m_filteredVar[k] = p;
            }
        }
        return logL;
    }

    const MeasuredTrack& m_track;
    double m_meanStep;
    std::vector<double> m_extraStep;
    std::vector<double> m_filtered, m_filteredVar, m_predicted, m_predictedVar;
    std::vector<double> m_innovation, m_innovationVar;
};

double median(std::vector<double> values)
{
    auto middle = values.begin() + static_cast<std::ptrdiff_t>(values.size() / 2);
    std::nth_element(values.begin(), middle, values.end());
    return *middle;
}

/// Maximum-likelihood (log c, log q) on a grid around (centreC, centreQ), ±span decades.
std::pair<double, double> bestOnGrid(RandomWalkModel& model, double centreC, double centreQ,
                                     double spanDecades, int steps)
{
    double bestL = -std::numeric_limits<double>::infinity();
    std::pair<double, double> best{centreC, centreQ};
    for (int i = 0; i <= steps; ++i)
        for (int j = 0; j <= steps; ++j) {
            const double lc = centreC + spanDecades * (2.0 * i / steps - 1.0);
            const double lq = centreQ + spanDecades * (2.0 * j / steps - 1.0);
            const double l = model.logLikelihood(std::pow(10.0, lc), std::pow(10.0, lq));
            if (l > bestL) {
                bestL = l;
                best = {lc, lq};
            }
        }
    return best;
}

} // namespace

SmoothedTrack smoothRandomWalk(const MeasuredTrack& track)
{
    SmoothedTrack out;
    out.valuePx = track.valuePx;
    const std::size_t n = track.valuePx.size();
    std::vector<double> steps;
    std::vector<double> scale;
    std::size_t previous = n;
    for (std::size_t k = 0; k < n; ++k) {
        if (!track.measured[k])
            continue;
        scale.push_back(track.relativeVariance[k]);
        if (previous < n)
            steps.push_back((track.valuePx[k] - track.valuePx[previous]) /
                            static_cast<double>(k - previous));
        previous = k;
    }
    if (scale.size() < 3)
        return out;
    const double meanStep = median(steps);
    // Start the grid where the steps' spread and the typical relative variance put it.
    std::vector<double> spread;
    for (double s : steps)
        spread.push_back(std::abs(s - meanStep));
    const double stepVariance = std::max(std::pow(1.4826 * median(spread), 2.0), 1e-12);
    const double typicalScale = std::max(median(scale), 1e-300);
    RandomWalkModel model(track, meanStep);
    const double startC = std::log10(stepVariance / typicalScale);
    const double startQ = std::log10(stepVariance);
    auto [lc, lq] = bestOnGrid(model, startC, startQ, 4.0, 32);
    for (int round = 0; round < jumpRounds; ++round) {
        std::tie(lc, lq) = bestOnGrid(model, lc, lq, 0.25, 10);
        const int jumps = model.markJumps(std::pow(10.0, lc), std::pow(10.0, lq));
        out.jumps += jumps;
        if (jumps == 0)
            break;
        std::tie(lc, lq) = bestOnGrid(model, lc, lq, 2.0, 16);
    }
    const double c = std::pow(10.0, lc);
    const double q = std::pow(10.0, lq);
    out.valuePx = model.smooth(c, q);
    out.measurementSdPx = std::sqrt(c);
    out.stepSdPx = std::sqrt(q);
    return out;
}

} // namespace insitu::detail
