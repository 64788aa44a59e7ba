#pragma once
// Private to src/core/front: the models refineFront fits (pristine levels ahead of the front,
// the column model behind it, one frame's profile) and its passes, one file each:
// front_refine_columns.cpp (column models), front_refine_estimates.cpp (per-frame estimates and
// their standard errors), front_refine.cpp (the trajectory iterations).

#include "insitu/front/front_refine.h"

#include <opencv2/core.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <vector>

namespace insitu::refine_detail {

inline constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
inline constexpr double kInf = std::numeric_limits<double>::infinity();
inline constexpr int kGapCols = 3; // a column is "ahead" when the front is ≥ this far from it
inline constexpr int kMinAheadFrames = 5; // frames averaged at least for a column's pristine level
inline constexpr int kAheadHalfFrames =
    32;                               // pristine level: ahead frames within ± this (grown if few)
inline constexpr int kBehindCols = 2; // columns fitted behind the front (particles appear further)
inline constexpr int kAheadCols = 6;  // columns fitted ahead of the front
inline constexpr double kSearchCols = 2.5; // per-frame search half range around the current centre
inline constexpr int kRatioHalfFrames = 2; // running median of the behind/ahead ratio
inline constexpr int kIterations = 4; // the first with one behind/ahead ratio, then column models
inline constexpr double kMinEndContrastZ = 3.0; // edge contrast a frame at a track's end needs (σ)
inline constexpr double kDarkeningGainVar =
    12;                                 // a column's darkening must cut its SSE by this × σ²
inline constexpr double kPriorDof = 12; // per-frame noise variance: pseudo-values of the median
inline constexpr std::size_t kMinCalibrationFrames = 8;
inline constexpr double kOutlierZ = 5; // per-frame SE scale: residuals beyond this many σ are left
                                       // out // frames needed to scale the per-frame SEs
// Column models need many frames per column near the front (their window spans 34 columns):
// above this speed (columns per frame) a column is seen in too few frames, its free levels and
// lags absorb a shift of the front, and the trajectory lags (6 px/frame: 2 px RMS against 0.3 px
// with the behind/ahead ratio model, measured on nanowire scenes); faster fronts keep that model
inline constexpr double kMaxColumnModelSpeedCols = 1.0;

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

inline const NormalCdf& normalCdf()
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

    /// Mean of column x over the ahead frames nearest t (window grown until enough frames);
    /// countOut, when given, receives how many frames were averaged.
    [[nodiscard]] double mean(int x, int t, int* countOut = nullptr) const
    {
        for (int half = kAheadHalfFrames;; half *= 2) {
            const int lo = std::max(0, t - half);
            const int hi = std::min(m_frames - 1, t + half);
            const int n = m_count[index(hi + 1, x)] - m_count[index(lo, x)];
            if (n >= kMinAheadFrames || (lo == 0 && hi == m_frames - 1)) {
                if (countOut)
                    *countOut = n;
                return n > 0 ? (m_sum[index(hi + 1, x)] - m_sum[index(lo, x)]) / n : kNaN;
            }
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

inline constexpr double kColumnFirstCols = -4; // column fit: from the front this far before it
inline constexpr double kColumnLastCols = 30;  // ... to this far past it
inline constexpr double kColumnEdgeCols = 2;   // ... except while the edge itself is on it
inline constexpr int kMinLag = -3;             // darkening lags tried (columns past the crossing)
inline constexpr int kMaxLag = 24;

/// Fits every column's ColumnModel over the frames in which the front (trajectory centre) is
/// between kColumnFirstCols and kColumnLastCols past it: R and D by least squares for each lag
/// on a 1-column grid, the darkening kept only where it explains clearly more than noise.
/// Columns with too few frames behind the front get the median reacted/pristine ratio.
std::vector<ColumnModel> fitColumns(const cv::Mat& kymograph, const std::vector<int>& frames,
                                    const std::vector<double>& centre, int direction, double sigma,
                                    const std::vector<double>& pristine);

/// Edge contrast at positions centre (mean of columns c+2..c+5 minus mean of c−5..c−2, NaN at
/// pinned frames), averaged over ±4 frames, in noise σ.
std::vector<double> edgeContrastZ(const cv::Mat& kymograph, const std::vector<int>& frames,
                                  const std::vector<double>& centre, const std::vector<bool>& fixed,
                                  int direction);

/// Frames at the track's ends where the data hold no edge of the track's contrast sign
/// (|z| below kMinEndContrastZ or of the other sign): the search's temporal lags reach a few
/// frames beyond a front's life, and those frames must not pull the trajectory fit.
std::vector<bool> edgelessEnds(const std::vector<double>& contrastZ);

/// Median |Δposition| between consecutive frames (columns per frame).
double medianSpeedCols(const std::vector<double>& centre);

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
                    RefinedFront& out);

} // namespace insitu::refine_detail
