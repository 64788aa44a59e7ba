// Area steps: a sudden jump of A/A0 (a coating cracking) told apart from noise and from a kink.

#include "area_steps.h"

#include <Eigen/Dense>

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace insitu::area_detail {

namespace {

/// Evidence a step needs over the best kink: RSS drop in units of the residual variance
/// (9 ≈ a 3σ step).
constexpr double kStepEvidence = 9.0;
/// A step is a candidate above this many standard deviations of the step statistic.
constexpr double kStepZ = 3.5;

/// Residual sum of squares of y over [from, to) of the best continuous broken line
/// a + b·x + c·max(0, x − j), the break j anywhere inside (a kink in the growth, no step).
double bestKinkRss(const std::vector<double>& x, const std::vector<double>& y, int from, int to)
{
    double best = HUGE_VAL;
    for (int j = from + 1; j < to - 1; ++j) {
        Eigen::Matrix3d a = Eigen::Matrix3d::Zero();
        Eigen::Vector3d b = Eigen::Vector3d::Zero();
        for (int i = from; i < to; ++i) {
            const auto is = static_cast<std::size_t>(i);
            const Eigen::Vector3d g(1.0, x[is],
                                    std::max(0.0, x[is] - x[static_cast<std::size_t>(j)]));
            a += g * g.transpose();
            b += g * y[is];
        }
        const Eigen::Vector3d p = a.ldlt().solve(b);
        double rss = 0;
        for (int i = from; i < to; ++i) {
            const auto is = static_cast<std::size_t>(i);
            rss += std::pow(y[is] - p[0] - p[1] * x[is] -
                                p[2] * std::max(0.0, x[is] - x[static_cast<std::size_t>(j)]),
                            2);
        }
        best = std::min(best, rss);
    }
    return best;
}

/// True when a step between k − 1 and k explains the w frames on each side far better than any
/// kink does: the onset or end of growth, or a neighbour closing in, bends A(t) without a step.
bool stepBeatsKink(const std::vector<double>& x, const std::vector<double>& y, int k, int w)
{
    const int from = k - w, to = k + w;
    auto lineRss = [&](int a, int b) {
        const Line line = fitLine(x, y, a, b);
        double rss = 0;
        for (int i = a; i < b; ++i)
            rss += std::pow(
                y[static_cast<std::size_t>(i)] - line.at(x[static_cast<std::size_t>(i)]), 2);
        return rss;
    };
    const double stepRss = lineRss(from, k) + lineRss(k, to);
    const double sigma2 = stepRss / std::max(1, to - from - 4);
    return sigma2 > 0 && (bestKinkRss(x, y, from, to) - stepRss) / sigma2 > kStepEvidence;
}

/// Standard deviation of the step statistic (right line − left line at the boundary, w frames
/// each) under AR(1) noise of SD sigma and lag-1 correlation rho on the series.
double stepStatisticSd(int w, double sigma, double rho)
{
    // Weights of a line's value at the boundary x0 = −0.5 (left: frames −w … −1, right: 0 … w−1).
    std::vector<double> u(static_cast<std::size_t>(2 * w), 0.0);
    const double mean = (w - 1) / 2.0, sxx = w * (static_cast<double>(w) * w - 1) / 12.0;
    for (int i = 0; i < w; ++i) {
        const double right = 1.0 / w + (i - mean) * (-0.5 - mean) / sxx;
        u[static_cast<std::size_t>(w + i)] += right;
        u[static_cast<std::size_t>(w - 1 - i)] -= right; // the mirror image on the left
    }
    double var = 0;
    for (int i = 0; i < 2 * w; ++i)
        for (int j = 0; j < 2 * w; ++j)
            var += u[static_cast<std::size_t>(i)] * u[static_cast<std::size_t>(j)] *
                   std::pow(rho, std::abs(i - j));
    return sigma * std::sqrt(std::max(0.0, var));
}

} // namespace

double medianOf(std::vector<double> v)
{
    if (v.empty())
        return 0;
    const auto mid = v.begin() + static_cast<std::ptrdiff_t>(v.size() / 2);
    std::nth_element(v.begin(), mid, v.end());
    return *mid;
}

Line fitLine(const std::vector<double>& x, const std::vector<double>& y, int from, int to)
{
    const int n = to - from;
    double mx = 0, my = 0;
    for (int i = from; i < to; ++i) {
        mx += x[static_cast<std::size_t>(i)];
        my += y[static_cast<std::size_t>(i)];
    }
    mx /= n;
    my /= n;
    double sxy = 0, sxx = 0;
    for (int i = from; i < to; ++i) {
        const double dx = x[static_cast<std::size_t>(i)] - mx;
        sxy += dx * (y[static_cast<std::size_t>(i)] - my);
        sxx += dx * dx;
    }
    Line line;
    line.slope = sxx > 0 ? sxy / sxx : 0;
    line.intercept = my - line.slope * mx;
    return line;
}

/// Area steps: lines fitted to w frames on each side of every frame boundary, compared where
/// they meet; a step above minStep and kStepZ robust standard deviations of the statistic over
/// the boundaries whose windows miss this one's (over all boundaries, a step's own 2w would
/// inflate it: a 3 % step at 0.4 % noise was found in 16–20 % of the tracks), the largest within
/// ±w frames and far better than a kink (stepBeatsKink), is an event. Too few boundaries: the
/// SD from the AR(1) noise (noiseSigma in A/A(first frame) units, noiseRho).
std::vector<AreaEvent> findSteps(const AreaTrack& track, double minStep, int w, double noiseSigma,
                                 double noiseRho)
{
    const int n = static_cast<int>(track.areaRatio.size());
    std::vector<AreaEvent> events;
    if (n < 2 * w + 1)
        return events;
    std::vector<double> x(static_cast<std::size_t>(n));
    std::iota(x.begin(), x.end(), 0.0);
    std::vector<double> step(static_cast<std::size_t>(n), 0.0);
    for (int k = w; k + w <= n; ++k) {
        const Line left = fitLine(x, track.areaRatio, k - w, k);
        const Line right = fitLine(x, track.areaRatio, k, k + w);
        step[static_cast<std::size_t>(k)] = right.at(k - 0.5) - left.at(k - 0.5);
    }
    for (int k = w; k + w <= n; ++k) {
        const double s = step[static_cast<std::size_t>(k)];
        // The statistic's spread over the frames whose windows miss this boundary's (a step's
        // own 2w frames would inflate it).
        std::vector<double> away;
        for (int m = w; m + w <= n; ++m)
            if (std::abs(m - k) > w)
                away.push_back(std::abs(step[static_cast<std::size_t>(m)]));
        const double noise =
            away.size() >= 8 ? 1.4826 * medianOf(away) : stepStatisticSd(w, noiseSigma, noiseRho);
        const double threshold = std::max(minStep, kStepZ * noise);
        if (std::abs(s) < threshold)
            continue;
        bool isMax = true;
        for (int d = -w; d <= w && isMax; ++d) {
            const int m = k + d;
            if (d != 0 && m >= 0 && m < n &&
                std::abs(step[static_cast<std::size_t>(m)]) > std::abs(s))
                isMax = false;
        }
        if (isMax && stepBeatsKink(x, track.areaRatio, k, w))
            events.push_back({track.frames[static_cast<std::size_t>(k)], "crack", s});
    }
    return events;
}

} // namespace insitu::area_detail
