#include "insitu/front/front_refine.h"

#include "front_smoothing.h"

#include "insitu/error.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <map>

namespace insitu {

using namespace front_detail;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr int kGapCols = 3;          // a column is "ahead" when the front is ≥ this far from it
constexpr int kMinAheadFrames = 5;   // frames averaged at least for a column's pristine level
constexpr int kAheadHalfFrames = 32; // pristine level: ahead frames within ± this (grown if few)
constexpr int kBehindCols = 2;       // columns fitted behind the front (particles appear further)
constexpr int kAheadCols = 6;        // columns fitted ahead of the front
constexpr double kSearchCols = 2.5;  // per-frame search half range around the current centre
constexpr int kRatioHalfFrames = 2;  // running median of the behind/ahead ratio
constexpr int kIterations = 4;       // the first with one behind/ahead ratio, then column models
constexpr double kMinEndContrastZ = 3.0; // edge contrast a frame at a track's end needs (σ)
constexpr double kDarkeningGainVar = 12; // a column's darkening must cut its SSE by this × σ²
constexpr double kPriorDof = 12;         // per-frame noise variance: pseudo-values of the median
constexpr std::size_t kMinCalibrationFrames = 8;
constexpr double kOutlierZ = 5; // per-frame SE scale: residuals beyond this many σ are left out //
                                // frames needed to scale the per-frame SEs
// Column models need many frames per column near the front (their window spans 34 columns):
// above this speed (columns per frame) a column is seen in too few frames, its free levels and
// lags absorb a shift of the front, and the trajectory lags (6 px/frame: 2 px RMS against 0.3 px
// with the behind/ahead ratio model, measured on nanowire scenes); faster fronts keep that model
constexpr double kMaxColumnModelSpeedCols = 1.0;

/// Standard normal CDF from a table (step 1/64, linear interpolation; error < 1e-5).
class NormalCdf
{
public:
    NormalCdf()
    {
        for (std::size_t i = 0; i < m_table.size(); ++i) {
            const double z = -kRange + static_cast<double>(i) / kPerUnit;
            m_table[i] = 0.5 * std::erfc(-z / std::sqrt(2.0));
        }
    }
    [[nodiscard]] double operator()(double z) const
    {
        const double u = (z + kRange) * kPerUnit;
        if (u <= 0)
            return 0.0;
        if (u >= static_cast<double>(m_table.size() - 1))
            return 1.0;
        const auto i = static_cast<std::size_t>(u);
        const double f = u - static_cast<double>(i);
        return m_table[i] + f * (m_table[i + 1] - m_table[i]);
    }

private:
    static constexpr double kRange = 8.0;
    static constexpr double kPerUnit = 64.0;
    std::array<double, static_cast<std::size_t>(2 * 8 * 64 + 1)> m_table{};
};

const NormalCdf& normalCdf()
{
    static const NormalCdf cdf;
    return cdf;
}

/// Per-column prefix sums of the kymograph over the frames in which the column lies ahead of
/// the front (not reached yet): its pristine level, free of what appears behind the front.
class AheadLevels
{
public:
    AheadLevels(const cv::Mat& kymograph, const std::vector<double>& positionOfFrame, int direction)
        : m_frames(kymograph.rows), m_cols(kymograph.cols)
    {
        const auto size = static_cast<std::size_t>(m_frames + 1) * static_cast<std::size_t>(m_cols);
        m_sum.assign(size, 0.0);
        m_count.assign(size, 0);
        for (int t = 0; t < m_frames; ++t) {
            const float* row = kymograph.ptr<float>(t);
            const double s = positionOfFrame[static_cast<std::size_t>(t)];
            const double* s0 = &m_sum[index(t, 0)];
            double* s1 = &m_sum[index(t + 1, 0)];
            const int* c0 = &m_count[index(t, 0)];
            int* c1 = &m_count[index(t + 1, 0)];
            // columns ahead: x ≥ s + gap (forward) or x ≤ s − gap (backward)
            int lo = m_cols, hi = -1;
            if (!std::isnan(s)) {
                if (direction >= 0)
                    lo = std::max(0, static_cast<int>(std::ceil(s + kGapCols))), hi = m_cols - 1;
                else
                    lo = 0, hi = std::min(m_cols - 1, static_cast<int>(std::floor(s - kGapCols)));
            }
            for (int x = 0; x < m_cols; ++x) {
                const bool ahead = x >= lo && x <= hi;
                s1[x] = s0[x] + (ahead ? row[x] : 0.0);
                c1[x] = c0[x] + (ahead ? 1 : 0);
            }
        }
    }

    /// Mean of column x over the ahead frames nearest t (window grown until enough frames).
    [[nodiscard]] double mean(int x, int t) const
    {
        for (int half = kAheadHalfFrames;; half *= 2) {
            const int lo = std::max(0, t - half);
            const int hi = std::min(m_frames - 1, t + half);
            const int n = m_count[index(hi + 1, x)] - m_count[index(lo, x)];
            if (n >= kMinAheadFrames || (lo == 0 && hi == m_frames - 1))
                return n > 0 ? (m_sum[index(hi + 1, x)] - m_sum[index(lo, x)]) / n : kNaN;
        }
    }

private:
    [[nodiscard]] std::size_t index(int t, int x) const
    {
        return static_cast<std::size_t>(t) * static_cast<std::size_t>(m_cols) +
               static_cast<std::size_t>(x);
    }
    int m_frames;
    int m_cols;
    std::vector<double> m_sum;
    std::vector<int> m_count;
};

/// What a column shows once the front has passed: the reacted level R and, from a lag onwards
/// each, up to two darkenings D (particles that appear behind the front, or reach ahead of it).
/// Model of the column's value while the front is at s (u = direction·(s − x), how far it has
/// passed): A·Φ(−u/σ) + R·(1 − Φ(−u/σ)) − Σ D_k·Φ((u − lag_k)/σ).
struct ColumnModel
{
    double reacted = kNaN;
    std::array<double, 2> darkening{0, 0};
    std::array<double, 2> lagCols{0, 0};
    [[nodiscard]] double value(double pristine, double passedCols, double sigma) const
    {
        const NormalCdf& cdf = normalCdf();
        const double a = cdf(-passedCols / sigma);
        double v = pristine * a + reacted * (1 - a);
        for (std::size_t k = 0; k < darkening.size(); ++k)
            if (darkening[k] != 0)
                v -= darkening[k] * cdf((passedCols - lagCols[k]) / sigma);
        return v;
    }
};

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

/// One frame's data around the front: profile values and the pristine level of each column.
/// Model: value = ahead·(Φa + ρ·(1 − Φa)), Φa = Φ(direction·(x − s)/σ) the fraction ahead.
struct FrameData
{
    std::vector<double> x;
    std::vector<double> values;
    std::vector<double> ahead;
    std::vector<const ColumnModel*> columns; ///< per sample, when the column models are known
    [[nodiscard]] bool valid() const { return x.size() >= 4; }

    /// Residual sum of squares of the column models with the front at s.
    [[nodiscard]] double sseColumns(double s, double sigma, int direction) const
    {
        double sum = 0;
        for (std::size_t i = 0; i < x.size(); ++i) {
            const double r = values[i] - columns[i]->value(ahead[i], direction * (s - x[i]), sigma);
            sum += r * r;
        }
        return sum;
    }

    /// Least-squares ratio ρ at front position s (free), and the residual sum of squares.
    /// Σ (∂model/∂s)² of the column models at s: the Gauss–Newton information of one frame's
    /// position (divided by the noise variance of one value).
    [[nodiscard]] double sensitivityColumns(double s, double sigma, int direction) const
    {
        constexpr double h = 0.05;
        double sum = 0;
        for (std::size_t i = 0; i < x.size(); ++i) {
            const double up = columns[i]->value(ahead[i], direction * (s + h - x[i]), sigma);
            const double down = columns[i]->value(ahead[i], direction * (s - h - x[i]), sigma);
            const double d = (up - down) / (2 * h);
            sum += d * d;
        }
        return sum;
    }

    /// Σ (∂model/∂s)² of the ratio model at s (as sensitivityColumns).
    [[nodiscard]] double sensitivityRatio(double s, double sigma, int direction, double rho) const
    {
        const NormalCdf& cdf = normalCdf();
        const double k = direction / sigma;
        constexpr double h = 0.05;
        double sum = 0;
        for (std::size_t i = 0; i < x.size(); ++i) {
            const double up = cdf((x[i] - s - h) * k);
            const double down = cdf((x[i] - s + h) * k);
            const double d = ahead[i] * (1 - rho) * (up - down) / (2 * h);
            sum += d * d;
        }
        return sum;
    }

    [[nodiscard]] double sseFreeRatio(double s, double sigma, int direction, double* ratio) const
    {
        const NormalCdf& cdf = normalCdf();
        const double k = direction / sigma;
        double sbb = 0, sbr = 0, srr = 0;
        for (std::size_t i = 0; i < x.size(); ++i) {
            const double a = cdf((x[i] - s) * k);
            const double r = values[i] - ahead[i] * a; // left for the behind part
            const double b = ahead[i] * (1 - a);
            sbb += b * b;
            sbr += b * r;
            srr += r * r;
        }
        const double rho = sbb > 0 ? sbr / sbb : 1.0;
        if (ratio)
            *ratio = rho;
        return std::max(0.0, srr - rho * sbr);
    }

    [[nodiscard]] double sse(double s, double sigma, int direction, double rho) const
    {
        const NormalCdf& cdf = normalCdf();
        const double k = direction / sigma;
        double sum = 0;
        for (std::size_t i = 0; i < x.size(); ++i) {
            const double a = cdf((x[i] - s) * k);
            const double r = values[i] - ahead[i] * (a + rho * (1 - a));
            sum += r * r;
        }
        return sum;
    }
};

constexpr double kColumnFirstCols = -4; // column fit: from the front this far before it
constexpr double kColumnLastCols = 30;  // ... to this far past it
constexpr double kColumnEdgeCols = 2;   // ... except while the edge itself is on it
constexpr int kMinLag = -3;             // darkening lags tried (columns past the crossing)
constexpr int kMaxLag = 24;

/// Fits every column's ColumnModel over the frames in which the front (trajectory centre) is
/// between kColumnFirstCols and kColumnLastCols past it: R and D by least squares for each lag
/// on a 1-column grid, the darkening kept only where it explains clearly more than noise.
/// Columns with too few frames behind the front get the median reacted/pristine ratio.
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

/// Edge contrast at positions centre (mean of columns c+2..c+5 minus mean of c−5..c−2, NaN at
/// pinned frames), averaged over ±4 frames, in noise σ.
std::vector<double> edgeContrastZ(const cv::Mat& kymograph, const std::vector<int>& frames,
                                  const std::vector<double>& centre, const std::vector<bool>& fixed,
                                  int direction)
{
    const std::size_t n = frames.size();
    const int cols = kymograph.cols;
    std::vector<double> out(n, 0.0);
    std::vector<double> contrast(n, kNaN);
    std::vector<double> noise;
    for (std::size_t i = 0; i < n; ++i) {
        const int t = frames[i];
        const int c = static_cast<int>(std::lround(centre[i]));
        if (c - 5 < 0 || c + 5 >= cols)
            continue;
        const float* row = kymograph.ptr<float>(t);
        double sumL = 0, sumR = 0;
        for (int d = 2; d <= 5; ++d) {
            sumL += row[c - d];
            sumR += row[c + d];
        }
        contrast[i] = (sumR - sumL) / 4.0;
        // noise of one column: differences of neighbouring columns ahead
        for (int d = 2; d < 5; ++d)
            noise.push_back(std::abs(row[c + direction * (d + 1)] - row[c + direction * d]));
    }
    const double sigmaColumn = std::max(1.4826 * median(noise) / std::sqrt(2.0), 1e-12);
    const int half = 4;
    for (std::size_t i = 0; i < n; ++i) {
        if (fixed[i]) {
            out[i] = kNaN;
            continue;
        }
        double sum = 0;
        int count = 0;
        const std::size_t lo = i >= static_cast<std::size_t>(half) ? i - half : 0;
        const std::size_t hi = std::min(n - 1, i + half);
        for (std::size_t j = lo; j <= hi; ++j)
            if (!std::isnan(contrast[j])) {
                sum += contrast[j];
                ++count;
            }
        // one frame's contrast has variance σ²/2 (two means of 4 columns)
        out[i] = count ? (sum / count) / (sigmaColumn * std::sqrt(0.5 / count)) : 0.0;
    }
    return out;
}

/// Frames at the track's ends where the data hold no edge of the track's contrast sign
/// (|z| below kMinEndContrastZ or of the other sign): the search's temporal lags reach a few
/// frames beyond a front's life, and those frames must not pull the trajectory fit.
std::vector<bool> edgelessEnds(const std::vector<double>& contrastZ)
{
    const std::size_t n = contrastZ.size();
    std::vector<double> finite;
    for (double z : contrastZ)
        if (!std::isnan(z))
            finite.push_back(z);
    const double sign = median(finite) >= 0 ? 1.0 : -1.0;
    const auto hasEdge = [&](std::size_t i) {
        return std::isnan(contrastZ[i]) || sign * contrastZ[i] >= kMinEndContrastZ;
    };
    std::vector<bool> out(n, false);
    for (std::size_t i = 0; i < n && !hasEdge(i); ++i)
        out[i] = true;
    for (std::size_t i = n; i > 0 && !hasEdge(i - 1); --i)
        out[i - 1] = true;
    return out;
}

/// Median |Δposition| between consecutive frames (columns per frame).
double medianSpeedCols(const std::vector<double>& centre)
{
    std::vector<double> steps;
    for (std::size_t i = 1; i < centre.size(); ++i)
        steps.push_back(std::abs(centre[i] - centre[i - 1]));
    return steps.empty() ? 0.0 : median(steps);
}

/// Scale s with mean(z²/s²) = 1 over the z² that are not gross outliers (beyond kOutlierZ
/// robust σ, iterated): the errors have heavier tails than a normal, so a median-based scale
/// would leave the standard deviation of the normalised errors above 1.
double calibrationScale(std::vector<double> z2)
{
    constexpr double kMedianChiSquare1 = 0.4549; // median of χ² with one degree of freedom
    double scale2 = median(z2) / kMedianChiSquare1;
    for (int pass = 0; pass < 3; ++pass) {
        double sum = 0;
        int count = 0;
        for (double v : z2)
            if (v <= kOutlierZ * kOutlierZ * scale2) {
                sum += v;
                ++count;
            }
        if (count == 0)
            break;
        scale2 = sum / count;
    }
    return std::sqrt(scale2);
}

/// Each frame's own estimate and its standard error, into out.framePositionsCol/frameStdCol.
/// Var(s) = σ²_i / I_i with I_i = Σ (∂model/∂s)² (Gauss–Newton) and σ²_i the frame's residual
/// variance shrunk towards the track's median (kPriorDof pseudo-values): photon noise and that
/// frame's misfit. All SEs are then scaled so that the estimates' scatter about the smoothed
/// trajectory matches them (median of z², leverage-corrected): misfit the residual variance does
/// not show (particles, column models) is counted too. Pinned frames: the pin, with the median SE.
void frameEstimates(const std::vector<double>& perFrame, const std::vector<bool>& valid,
                    const std::vector<bool>& fixed, const std::vector<double>& frameSse,
                    const std::vector<double>& frameInformation, const std::vector<FrameData>& data,
                    const std::vector<double>& smooth, const std::vector<double>& leverage,
                    RefinedFront& out)
{
    const std::size_t n = perFrame.size();
    out.framePositionsCol.assign(n, kNaN);
    out.frameStdCol.assign(n, kNaN);
    std::vector<double> variance(n, kNaN);
    std::vector<double> residualVariances;
    for (std::size_t i = 0; i < n; ++i) {
        const double dof = static_cast<double>(data[i].x.size()) - 1;
        if (valid[i] && !fixed[i] && std::isfinite(frameSse[i]) && frameInformation[i] > 0 &&
            dof > 0) {
            variance[i] = frameSse[i] / dof;
            residualVariances.push_back(variance[i]);
        }
    }
    if (residualVariances.empty())
        return;
    const double pooled = median(residualVariances);
    std::vector<double> se(n, kNaN);
    for (std::size_t i = 0; i < n; ++i) {
        if (std::isnan(variance[i]))
            continue;
        const double dof = static_cast<double>(data[i].x.size()) - 1;
        const double shrunk = (kPriorDof * pooled + dof * variance[i]) / (kPriorDof + dof);
        se[i] = std::sqrt(shrunk / frameInformation[i]);
    }
    // calibration against the scatter about the trajectory: r = y − fit has variance
    // SE²·(1 − h) for a local linear fit with leverage h
    std::vector<double> z2;
    for (std::size_t i = 0; i < n; ++i)
        if (!std::isnan(se[i]) && i < smooth.size() && std::isfinite(smooth[i]) &&
            leverage[i] < 1) {
            const double r = perFrame[i] - smooth[i];
            z2.push_back(r * r / (se[i] * se[i] * (1 - leverage[i])));
        }
    const double scale = z2.size() >= kMinCalibrationFrames ? calibrationScale(z2) : 1.0;
    std::vector<double> finite;
    for (std::size_t i = 0; i < n; ++i)
        if (!std::isnan(se[i])) {
            out.framePositionsCol[i] = perFrame[i];
            out.frameStdCol[i] = scale * se[i];
            finite.push_back(out.frameStdCol[i]);
        }
    const double typical = median(finite);
    for (std::size_t i = 0; i < n; ++i)
        if (fixed[i]) {
            out.framePositionsCol[i] = perFrame[i];
            out.frameStdCol[i] = typical;
        }
}

} // namespace

RefinedFront refineFront(const cv::Mat& kymograph, const std::vector<int>& frames,
                         const std::vector<int>& coarseCol, const FrontOptions& options,
                         const std::vector<FrontPin>& pinsInColumns)
{
    if (frames.size() != coarseCol.size())
        throw Error("front refinement: frames and positions differ in length");
    RefinedFront out;
    const std::size_t n = frames.size();
    out.positionsCol.assign(coarseCol.begin(), coarseCol.end());
    out.stdCol.assign(n, kInf);
    out.confidence.assign(n, 0.0);
    out.contrastZ.assign(n, 0.0);
    if (n == 0)
        return out;
    const int rows = kymograph.rows;
    const int cols = kymograph.cols;

    std::vector<double> centre =
        smoothPath(std::vector<double>(coarseCol.begin(), coarseCol.end()), 4);
    const int direction = centre.back() >= centre.front() ? 1 : -1;
    std::map<int, double> pinAt;
    for (const auto& pin : pinsInColumns)
        pinAt[pin.frame] = pin.positionPx;
    std::vector<bool> fixed(n, false);
    for (std::size_t i = 0; i < n; ++i)
        fixed[i] = pinAt.count(frames[i]) > 0;
    const int smoothHalf = std::max(1, options.refineWindowFrames / 2);

    double sigmaEdge = 1.5;
    std::vector<double> perFrame(n, kNaN);
    std::vector<bool> valid(n, false);
    std::vector<FrameData> data(n);
    std::vector<ColumnModel> columns;
    std::vector<double> frameSse(n, kNaN);        // per-frame fit: residual sum of squares
    std::vector<double> frameInformation(n, 0.0); // ... and Σ (∂model/∂s)²
    std::vector<double> smooth;
    std::vector<double> leverage;
    bool slowEnoughForColumns = true;
    for (int iteration = 0; iteration < kIterations; ++iteration) {
        std::vector<double> positionOfFrame(static_cast<std::size_t>(rows), kNaN);
        for (std::size_t i = 0; i < n; ++i)
            positionOfFrame[static_cast<std::size_t>(frames[i])] = centre[i];
        const AheadLevels ahead(kymograph, positionOfFrame, direction);
        if (iteration == 1)
            slowEnoughForColumns = medianSpeedCols(centre) <= kMaxColumnModelSpeedCols;
        const bool columnModels = iteration > 0 && slowEnoughForColumns;
        if (columnModels) {
            // pristine level of each column: the ahead frames nearest its crossing
            std::vector<double> pristine(static_cast<std::size_t>(cols), kNaN);
            std::size_t i = 0;
            for (int x = direction > 0 ? 0 : cols - 1; x >= 0 && x < cols; x += direction) {
                while (i + 1 < n && direction * (centre[i] - x) < 0)
                    ++i;
                pristine[static_cast<std::size_t>(x)] = ahead.mean(x, frames[i]);
            }
            (void)fillGaps(pristine);
            columns = fitColumns(kymograph, frames, centre, direction, sigmaEdge, pristine);
        }
        for (std::size_t i = 0; i < n; ++i) {
            FrameData d;
            const int t = frames[i];
            const int c = static_cast<int>(std::lround(centre[i]));
            const int lo = std::max(0, direction > 0 ? c - kBehindCols - 2 : c - kAheadCols - 2);
            const int hi =
                std::min(cols - 1, direction > 0 ? c + kAheadCols + 2 : c + kBehindCols + 2);
            const float* row = kymograph.ptr<float>(t);
            for (int x = lo; x <= hi; ++x) {
                d.x.push_back(x);
                d.values.push_back(row[x]);
                d.ahead.push_back(ahead.mean(x, t));
                if (columnModels)
                    d.columns.push_back(&columns[static_cast<std::size_t>(x)]);
            }
            // columns never seen ahead of the front (where a track starts): the pristine level
            // of the nearest column that has one
            if (!fillGaps(d.ahead))
                d = FrameData{};
            if (columnModels)
                for (const ColumnModel* m : d.columns)
                    if (std::isnan(m->reacted))
                        d = FrameData{};
            data[i] = std::move(d);
        }

        // edge width: best total fit (free ratio per frame) over a subsample of frames
        const std::size_t stride = std::max<std::size_t>(1, n / 100);
        if (iteration > 0) {
            double bestTotal = kInf;
            for (double sigma : {0.75, 1.0, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0}) {
                double total = 0;
                for (std::size_t i = 0; i < n; i += stride) {
                    if (!data[i].valid())
                        continue;
                    double f = 0;
                    (void)gridMinimum(
                        [&](double s) {
                            return data[i].sseFreeRatio(s, sigma, direction, nullptr);
                        },
                        centre[i] - 1.5, centre[i] + 1.5, 0.25, &f);
                    total += f;
                }
                if (total < bestTotal) {
                    bestTotal = total;
                    sigmaEdge = sigma;
                }
            }
        }

        // behind/ahead ratio per frame (free fit), then its running median: particles that
        // appear behind the front now and then do not move the level the front is fitted with
        std::vector<double> ratio(n, kNaN);
        for (std::size_t i = 0; i < n; ++i) {
            if (!data[i].valid() || !data[i].columns.empty())
                continue;
            const double s = gridMinimum(
                [&](double p) { return data[i].sseFreeRatio(p, sigmaEdge, direction, nullptr); },
                centre[i] - kSearchCols, centre[i] + kSearchCols, 0.25);
            (void)data[i].sseFreeRatio(s, sigmaEdge, direction, &ratio[i]);
        }
        std::vector<double> ratioSmooth(n, kNaN);
        for (std::size_t i = 0; i < n; ++i) {
            std::vector<double> window;
            const std::size_t lo = i >= kRatioHalfFrames ? i - kRatioHalfFrames : 0;
            const std::size_t hi = std::min(n - 1, i + kRatioHalfFrames);
            for (std::size_t j = lo; j <= hi; ++j)
                if (!std::isnan(ratio[j]))
                    window.push_back(ratio[j]);
            ratioSmooth[i] = median(window);
        }

        // per-frame position with the smoothed ratio (the column models after the first pass)
        const std::vector<bool> edgeless =
            edgelessEnds(edgeContrastZ(kymograph, frames, centre, fixed, direction));
        std::fill(frameSse.begin(), frameSse.end(), kNaN);
        std::fill(frameInformation.begin(), frameInformation.end(), 0.0);
        for (std::size_t i = 0; i < n; ++i) {
            valid[i] = false;
            if (fixed[i]) {
                perFrame[i] = pinAt[frames[i]];
                valid[i] = true;
                continue;
            }
            if (!data[i].valid() || edgeless[i])
                continue;
            if (!data[i].columns.empty()) {
                perFrame[i] = gridMinimum(
                    [&](double p) { return data[i].sseColumns(p, sigmaEdge, direction); },
                    centre[i] - kSearchCols, centre[i] + kSearchCols, 0.25, &frameSse[i]);
                frameInformation[i] = data[i].sensitivityColumns(perFrame[i], sigmaEdge, direction);
                valid[i] = true;
                continue;
            }
            if (std::isnan(ratioSmooth[i]))
                continue;
            const double rho = ratioSmooth[i];
            perFrame[i] =
                gridMinimum([&](double p) { return data[i].sse(p, sigmaEdge, direction, rho); },
                            centre[i] - kSearchCols, centre[i] + kSearchCols, 0.25, &frameSse[i]);
            frameInformation[i] = data[i].sensitivityRatio(perFrame[i], sigmaEdge, direction, rho);
            valid[i] = true;
        }
        std::vector<double> stdSmooth;
        smooth = robustSmooth(perFrame, valid, fixed, smoothHalf, stdSmooth, &leverage);
        for (std::size_t i = 0; i < n; ++i) {
            if (!std::isnan(smooth[i]))
                centre[i] = std::clamp(smooth[i], 0.0, static_cast<double>(cols - 1));
            out.stdCol[i] = std::isnan(smooth[i]) ? kInf : stdSmooth[i];
        }
    }
    out.positionsCol = centre;
    out.edgeSigmaCol = sigmaEdge;
    frameEstimates(perFrame, valid, fixed, frameSse, frameInformation, data, smooth, leverage, out);

    out.contrastZ = edgeContrastZ(kymograph, frames, centre, fixed, direction);
    for (std::size_t i = 0; i < n; ++i)
        out.confidence[i] =
            std::isfinite(out.stdCol[i]) ? 1.0 / (1.0 + out.stdCol[i] * out.stdCol[i]) : 0.0;
    return out;
}

} // namespace insitu
