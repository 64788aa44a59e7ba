// Profile peaks: local maxima ranked by log-power prominence, refined by a weighted LM fit of a
// Gaussian on a linear background.

#include "insitu/crystal/fft_peaks.h"

#include <Eigen/Dense>

#include <algorithm>
#include <cmath>
#include <optional>

namespace insitu {

namespace {

struct Candidate
{
    int bin = 0;
    double prominence = 0;
    double significance = 0;
};

bool finiteAt(const RadialProfile& p, int i)
{
    const auto u = static_cast<std::size_t>(i);
    return p.count[u] > 0 && std::isfinite(p.power[u]) && p.power[u] > 0;
}

std::vector<Candidate> candidates(const RadialProfile& p)
{
    const int n = static_cast<int>(p.power.size());
    std::vector<double> logP(p.power.size(), -1e300);
    for (int i = p.firstBin; i < n; ++i)
        if (finiteAt(p, i))
            logP[static_cast<std::size_t>(i)] = std::log(p.power[static_cast<std::size_t>(i)]);
    auto at = [&](int i) { return logP[static_cast<std::size_t>(i)]; };
    std::vector<Candidate> out;
    for (int i = p.firstBin + 1; i + 1 < n; ++i) {
        if (!finiteAt(p, i) || !(at(i) > at(i - 1) && at(i) >= at(i + 1)))
            continue;
        // Prominence: the higher of the two minima down to the next higher point (or the end).
        double leftMin = at(i);
        int j = i - 1;
        for (; j >= p.firstBin && at(j) <= at(i); --j)
            if (finiteAt(p, j))
                leftMin = std::min(leftMin, at(j));
        double rightMin = at(i);
        int k = i + 1;
        for (; k < n && at(k) <= at(i); ++k)
            if (finiteAt(p, k))
                rightMin = std::min(rightMin, at(k));
        const double base = std::max(leftMin, rightMin);
        const double prominence = at(i) - base;
        const double nEff =
            std::max(1.0, p.count[static_cast<std::size_t>(i)] / p.correlatedPixels);
        out.push_back({i, prominence, prominence * std::sqrt(nEff)});
    }
    std::sort(out.begin(), out.end(),
              [](const Candidate& a, const Candidate& b) { return a.prominence > b.prominence; });
    return out;
}

/// Half width (bins) at half height above the background, walking out from the maximum.
double halfWidthBins(const RadialProfile& p, int bin)
{
    const auto u = static_cast<std::size_t>(bin);
    const double bg = std::isfinite(p.background[u]) ? p.background[u] : 0;
    const double half = bg + (p.power[u] - bg) / 2;
    const int n = static_cast<int>(p.power.size());
    int left = bin, right = bin;
    while (left > p.firstBin && finiteAt(p, left - 1) &&
           p.power[static_cast<std::size_t>(left - 1)] > half)
        --left;
    while (right + 1 < n && finiteAt(p, right + 1) &&
           p.power[static_cast<std::size_t>(right + 1)] > half)
        ++right;
    return std::max(1.0, (right - left + 1) / 2.0);
}

/// Weighted Levenberg–Marquardt fit of a·exp(−(k−k0)²/2s²) + b0 + b1·(k−kc) over [lo, hi].
std::optional<FftPeak> fitPeak(const RadialProfile& p, int bin, int lo, int hi, double guessS)
{
    std::vector<double> ks, ys, ws;
    for (int i = lo; i <= hi; ++i)
        if (finiteAt(p, i)) {
            const auto u = static_cast<std::size_t>(i);
            ks.push_back(p.kPerPx[u]);
            ys.push_back(p.power[u]);
            const double nEff = std::max(1.0, p.count[u] / p.correlatedPixels);
            ws.push_back(nEff / (p.power[u] * p.power[u])); // 1/σ², σ = P/√n_eff
        }
    const int m = static_cast<int>(ks.size());
    if (m < 6)
        return std::nullopt;
    const double kc = p.kPerPx[static_cast<std::size_t>(bin)];
    const double bg0 = std::min(ys.front(), ys.back());
    Eigen::Matrix<double, 5, 1> x;
    x << p.power[static_cast<std::size_t>(bin)] - bg0, kc, guessS, bg0,
        (ys.back() - ys.front()) / (ks.back() - ks.front());
    auto residuals = [&](const Eigen::Matrix<double, 5, 1>& q, Eigen::VectorXd& r,
                         Eigen::MatrixXd* jac) {
        r.resize(m);
        if (jac)
            jac->resize(m, 5);
        for (int i = 0; i < m; ++i) {
            const double dk = ks[static_cast<std::size_t>(i)] - q[1];
            const double g = std::exp(-dk * dk / (2 * q[2] * q[2]));
            const double sw = std::sqrt(ws[static_cast<std::size_t>(i)]);
            const double model = q[0] * g + q[3] + q[4] * (ks[static_cast<std::size_t>(i)] - kc);
            r[i] = sw * (model - ys[static_cast<std::size_t>(i)]);
            if (jac) {
                (*jac)(i, 0) = sw * g;
                (*jac)(i, 1) = sw * q[0] * g * dk / (q[2] * q[2]);
                (*jac)(i, 2) = sw * q[0] * g * dk * dk / (q[2] * q[2] * q[2]);
                (*jac)(i, 3) = sw;
                (*jac)(i, 4) = sw * (ks[static_cast<std::size_t>(i)] - kc);
            }
        }
    };
    Eigen::VectorXd r;
    Eigen::MatrixXd jac;
    residuals(x, r, &jac);
    double cost = r.squaredNorm();
    double lambda = 1e-3;
    for (int iteration = 0; iteration < 100; ++iteration) {
        const Eigen::MatrixXd jtj = jac.transpose() * jac;
        const Eigen::VectorXd g = jac.transpose() * r;
        Eigen::MatrixXd a = jtj;
        a.diagonal() += lambda * jtj.diagonal();
        const Eigen::Matrix<double, 5, 1> step = a.ldlt().solve(-g);
        Eigen::Matrix<double, 5, 1> trial = x + step;
        trial[2] = std::abs(trial[2]);
        Eigen::VectorXd rt;
        residuals(trial, rt, nullptr);
        const double trialCost = rt.squaredNorm();
        if (std::isfinite(trialCost) && trialCost < cost) {
            const bool converged = cost - trialCost < 1e-10 * cost;
            x = trial;
            cost = trialCost;
            residuals(x, r, &jac);
            lambda = std::max(1e-9, lambda / 3);
            if (converged)
                break;
        } else {
            lambda *= 4;
            if (lambda > 1e9)
                break;
        }
    }
    const Eigen::MatrixXd covariance = (jac.transpose() * jac).inverse();
    const double reducedChi2 = cost / std::max(1, m - 5);
    const double varK = covariance(1, 1) * std::max(1.0, reducedChi2);
    if (!(x[0] > 0) || !std::isfinite(varK) || x[1] < ks.front() || x[1] > ks.back())
        return std::nullopt;
    FftPeak peak;
    peak.kPerPx = x[1];
    peak.kErrPerPx = std::sqrt(varK);
    peak.fwhmPerPx = 2 * std::sqrt(2 * std::log(2.0)) * x[2];
    peak.height = x[0];
    return peak;
}

} // namespace

std::vector<FftPeak> findProfilePeaks(const RadialProfile& profile, const FftPeakOptions& options)
{
    std::vector<FftPeak> peaks;
    const int n = static_cast<int>(profile.power.size());
    for (const Candidate& c : candidates(profile)) {
        if (static_cast<int>(peaks.size()) >= options.maxPeaks)
            break;
        if (c.significance < options.minSignificance)
            continue;
        const double halfWidth = halfWidthBins(profile, c.bin);
        const int h =
            std::max(options.minFitHalfWidthBins, static_cast<int>(std::ceil(1.5 * halfWidth)));
        const int lo = std::max(profile.firstBin, c.bin - h);
        const int hi = std::min(n - 1, c.bin + h);
        auto peak =
            fitPeak(profile, c.bin, lo, hi, std::max(0.5, halfWidth / 1.2) * profile.binPerPx);
        if (!peak || peak->fwhmPerPx > std::max(options.maxRelativeFwhm * peak->kPerPx,
                                                3 * profile.resolutionPerPx))
            continue;
        if (std::abs(peak->kPerPx - profile.kPerPx[static_cast<std::size_t>(c.bin)]) >
            std::max(2 * profile.binPerPx, profile.resolutionPerPx))
            continue; // the fit wandered to a neighbour
        peak->prominence = c.prominence;
        peak->significance = c.significance;
        peaks.push_back(*peak);
    }
    return peaks;
}

} // namespace insitu
