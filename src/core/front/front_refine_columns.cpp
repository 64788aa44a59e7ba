// refineFront's column-model pass: what each column of the kymograph shows once the front
// has passed (reacted level, darkenings behind the front), fitted by least squares.

#include "front_refine_model.h"

#include "front_smoothing.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>

namespace insitu::refine_detail {

using namespace front_detail;

namespace {

/// Solves the k×k system m·z = v (k ≤ 3) by Gaussian elimination with pivoting; false when
/// singular.
bool solveSmall(std::array<std::array<double, 3>, 3> m, std::array<double, 3> v, int k,
                std::array<double, 3>& z)
{
    for (int c = 0; c < k; ++c) {
        int pivot = c;
        for (int r = c + 1; r < k; ++r)
            if (std::abs(m[r][c]) > std::abs(m[pivot][c]))
                pivot = r;
        if (std::abs(m[pivot][c]) < 1e-12 * std::max(1.0, std::abs(m[0][0])))
            return false;
        std::swap(m[c], m[pivot]);
        std::swap(v[c], v[pivot]);
        for (int r = 0; r < k; ++r) {
            if (r == c)
                continue;
            const double f = m[r][c] / m[c][c];
            for (int cc = c; cc < k; ++cc)
                m[r][cc] -= f * m[c][cc];
            v[r] -= f * v[c];
        }
    }
    for (int c = 0; c < k; ++c)
        z[c] = v[c] / m[c][c];
    return true;
}

} // namespace

std::vector<ColumnModel> fitColumns(const cv::Mat& kymograph, const std::vector<int>& frames,
                                    const std::vector<double>& centre, int direction, double sigma,
                                    const std::vector<double>& pristine)
{
    const NormalCdf& cdf = normalCdf();
    const int cols = kymograph.cols;
    std::vector<ColumnModel> out(static_cast<std::size_t>(cols));
    std::vector<double> sseFlat(static_cast<std::size_t>(cols), kNaN);
    std::vector<int> countOf(static_cast<std::size_t>(cols), 0);
    // per column, the frames it is fitted on (track indices), as (u, value)
    struct Sample
    {
        double u, y;
    };
    std::vector<std::vector<Sample>> samples(static_cast<std::size_t>(cols));
    for (std::size_t i = 0; i < frames.size(); ++i) {
        const float* row = kymograph.ptr<float>(frames[i]);
        const double s = centre[i];
        const int lo =
            std::max(0, static_cast<int>(std::floor(direction > 0 ? s - kColumnLastCols
                                                                  : s + kColumnFirstCols)));
        const int hi =
            std::min(cols - 1, static_cast<int>(std::ceil(direction > 0 ? s - kColumnFirstCols
                                                                        : s + kColumnLastCols)));
        for (int x = lo; x <= hi; ++x) {
            const double u = direction * (s - x);
            if (u >= kColumnFirstCols && u <= kColumnLastCols && std::abs(u) >= kColumnEdgeCols)
                samples[static_cast<std::size_t>(x)].push_back({u, row[x]});
        }
    }
    std::vector<double> ratios;
    std::vector<bool> fitted(static_cast<std::size_t>(cols), false);
    std::vector<double> bestGain(static_cast<std::size_t>(cols), 0.0);
    std::vector<double> secondGain(static_cast<std::size_t>(cols), 0.0);
    std::vector<double> sseBest(static_cast<std::size_t>(cols), kNaN);
    std::vector<ColumnModel> withDark(static_cast<std::size_t>(cols));
    std::vector<ColumnModel> withTwo(static_cast<std::size_t>(cols));
    for (int x = 0; x < cols; ++x) {
        const auto xs = static_cast<std::size_t>(x);
        const auto& smp = samples[xs];
        const double a = pristine[xs];
        int behind = 0;
        for (const Sample& q : smp)
            behind += q.u >= 1.5 ? 1 : 0;
        if (behind < 4 || std::isnan(a))
            continue;
        // flat model: y − A·Φa = R·(1 − Φa)
        double sbb = 0, sby = 0, syy = 0;
        for (const Sample& q : smp) {
            const double pa = cdf(-q.u / sigma);
            const double y = q.y - a * pa;
            const double b = 1 - pa;
            sbb += b * b;
            sby += b * y;
            syy += y * y;
        }
        if (sbb <= 0)
            continue;
        const double rFlat = sby / sbb;
        const double sse0 = std::max(0.0, syy - rFlat * sby);
        out[xs].reacted = rFlat;
        sseFlat[xs] = sse0;
        countOf[xs] = static_cast<int>(smp.size());
        fitted[xs] = true;
        ratios.push_back(rFlat / a);
        // with darkenings from lags L1 (, L2) on: y − A·Φa = R·b0 − D1·b1 (− D2·b2); the best
        // single lag first, then the best second one next to it
        const std::size_t m = smp.size();
        std::vector<double> y(m), b0(m);
        for (std::size_t j = 0; j < m; ++j) {
            const double pa = cdf(-smp[j].u / sigma);
            y[j] = smp[j].y - a * pa;
            b0[j] = 1 - pa;
        }
        constexpr int kLags = kMaxLag - kMinLag + 1;
        std::vector<double> step(static_cast<std::size_t>(kLags) * m);
        for (int l = 0; l < kLags; ++l)
            for (std::size_t j = 0; j < m; ++j)
                step[static_cast<std::size_t>(l) * m + j] =
                    -cdf((smp[j].u - (kMinLag + l)) / sigma);
        const auto fitLags = [&](int l1, int l2, ColumnModel& model) {
            const double* basis[3] = {b0.data(), &step[static_cast<std::size_t>(l1) * m],
                                      l2 >= 0 ? &step[static_cast<std::size_t>(l2) * m] : nullptr};
            const int k = l2 >= 0 ? 3 : 2;
            std::array<std::array<double, 3>, 3> mm{};
            std::array<double, 3> v{};
            for (std::size_t j = 0; j < m; ++j)
                for (int r = 0; r < k; ++r) {
                    for (int c = 0; c < k; ++c)
                        mm[r][c] += basis[r][j] * basis[c][j];
                    v[r] += basis[r][j] * y[j];
                }
            std::array<double, 3> z{};
            if (!solveSmall(mm, v, k, z))
                return kInf;
            double sse = syy;
            for (int r = 0; r < k; ++r)
                sse -= z[r] * v[r];
            model.reacted = z[0];
            model.darkening = {z[1], k == 3 ? z[2] : 0.0};
            model.lagCols = {static_cast<double>(kMinLag + l1),
                             k == 3 ? static_cast<double>(kMinLag + l2) : 0.0};
            return std::max(0.0, sse);
        };
        double bestSse = sse0;
        int bestLag = -1;
        for (int l = 0; l < kLags; ++l) {
            ColumnModel model;
            const double sse = fitLags(l, -1, model);
            if (sse < bestSse) {
                bestSse = sse;
                bestLag = l;
                withDark[xs] = model;
            }
        }
        bestGain[xs] = sse0 - bestSse;
        if (bestLag >= 0) {
            double bestSse2 = bestSse;
            for (int l = 0; l < kLags; ++l) {
                if (std::abs(l - bestLag) < 2)
                    continue;
                ColumnModel model;
                const double sse = fitLags(bestLag, l, model);
                if (sse < bestSse2) {
                    bestSse2 = sse;
                    withTwo[xs] = model;
                }
            }
            secondGain[xs] = bestSse - bestSse2;
            sseBest[xs] = bestSse2;
        } else {
            sseBest[xs] = sse0;
        }
    }
    // noise variance of one value: median over the columns of the fullest fits' residual
    // variance (the flat fits' residuals hold the particles)
    std::vector<double> variances;
    for (int x = 0; x < cols; ++x)
        if (fitted[static_cast<std::size_t>(x)] && countOf[static_cast<std::size_t>(x)] > 6)
            variances.push_back(sseBest[static_cast<std::size_t>(x)] /
                                (countOf[static_cast<std::size_t>(x)] - 5));
    const double noiseVar = variances.empty() ? 0.0 : median(variances);
    for (int x = 0; x < cols; ++x) {
        const auto xs = static_cast<std::size_t>(x);
        if (!fitted[xs] || bestGain[xs] <= kDarkeningGainVar * noiseVar)
            continue;
        out[xs] = secondGain[xs] > kDarkeningGainVar * noiseVar ? withTwo[xs] : withDark[xs];
    }
    const double ratio = ratios.empty() ? 1.0 : median(ratios);
    for (int x = 0; x < cols; ++x) {
        const auto xs = static_cast<std::size_t>(x);
        if (!fitted[xs])
            out[xs].reacted = std::isnan(pristine[xs]) ? kNaN : ratio * pristine[xs];
    }
    return out;
}

} // namespace insitu::refine_detail
