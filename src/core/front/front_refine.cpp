#include "insitu/front/front_refine.h"

#include "insitu/error.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

namespace insitu {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr int kGapCols = 3;       // a column is "in a phase" when the front is ≥ this far away
constexpr int kMinPhaseFrames = 5;

/// Locally linear smoothing (±radius samples) of an integer path: the prior centre.
std::vector<double> smoothPath(const std::vector<double>& positions, int radius)
{
    const int n = static_cast<int>(positions.size());
    std::vector<double> out(positions.size());
    for (int i = 0; i < n; ++i) {
        const int lo = std::max(0, i - radius);
        const int hi = std::min(n - 1, i + radius);
        double sw = 0, st = 0, sy = 0, stt = 0, sty = 0;
        for (int j = lo; j <= hi; ++j) {
            const double t = j - i;
            const double y = positions[static_cast<std::size_t>(j)];
            sw += 1;
            st += t;
            sy += y;
            stt += t * t;
            sty += t * y;
        }
        const double det = sw * stt - st * st;
        // value of the local line at t = 0
        out[static_cast<std::size_t>(i)] = det > 1e-12 ? (sy * stt - st * sty) / det : sy / sw;
    }
    return out;
}

/// Per-column prefix sums of the kymograph over frames in which the column is on one side.
class PhaseSums
{
public:
    PhaseSums(const cv::Mat& kymograph, const std::vector<double>& positionOfFrame)
        : m_frames(kymograph.rows), m_cols(kymograph.cols)
    {
        const auto size = static_cast<std::size_t>(m_frames + 1) * static_cast<std::size_t>(m_cols);
        m_sumLeft.assign(size, 0.0);
        m_sumRight.assign(size, 0.0);
        m_countLeft.assign(size, 0);
        m_countRight.assign(size, 0);
        for (int t = 0; t < m_frames; ++t) {
            const float* row = kymograph.ptr<float>(t);
            const double s = positionOfFrame[static_cast<std::size_t>(t)];
            for (int x = 0; x < m_cols; ++x) {
                const std::size_t i0 = index(t, x);
                const std::size_t i1 = index(t + 1, x);
                const bool left = !std::isnan(s) && s >= x + kGapCols;   // front beyond x
                const bool right = !std::isnan(s) && s <= x - kGapCols;  // front passed x
                m_sumLeft[i1] = m_sumLeft[i0] + (left ? row[x] : 0.0);
                m_countLeft[i1] = m_countLeft[i0] + (left ? 1 : 0);
                m_sumRight[i1] = m_sumRight[i0] + (right ? row[x] : 0.0);
                m_countRight[i1] = m_countRight[i0] + (right ? 1 : 0);
            }
        }
    }

    /// Mean of column x on one side in the frames nearest t (window grown until enough frames).
    [[nodiscard]] double mean(int x, int t, bool left) const
    {
        const auto& sum = left ? m_sumLeft : m_sumRight;
        const auto& count = left ? m_countLeft : m_countRight;
        for (int half = 15;; half *= 2) {
            const int lo = std::max(0, t - half);
            const int hi = std::min(m_frames - 1, t + half);
            const int n = count[index(hi + 1, x)] - count[index(lo, x)];
            if (n >= kMinPhaseFrames || (lo == 0 && hi == m_frames - 1))
                return n > 0 ? (sum[index(hi + 1, x)] - sum[index(lo, x)]) / n : kNaN;
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
    std::vector<double> m_sumLeft, m_sumRight;
    std::vector<int> m_countLeft, m_countRight;
};

/// The data of one frame for the fit: columns, running-mean values, phase levels.
struct FrameModel
{
    std::vector<int> cols;
    std::vector<double> values;
    std::vector<double> left;
    std::vector<double> right;
    [[nodiscard]] bool valid() const { return !cols.empty(); }

    [[nodiscard]] double sse(double s, double sigma) const
    {
        double sum = 0;
        const double k = 1.0 / (sigma * std::sqrt(2.0));
        for (std::size_t i = 0; i < cols.size(); ++i) {
            const double phi = 0.5 * (1.0 + std::erf((cols[i] - s) * k));
            const double r = values[i] - (left[i] + (right[i] - left[i]) * phi);
            sum += r * r;
        }
        return sum;
    }
};

/// Fills NaN phase levels from the nearest column that has one; false when a side has none.
bool fillGaps(std::vector<double>& levels)
{
    const int n = static_cast<int>(levels.size());
    std::vector<double> filled = levels;
    bool any = false;
    for (int i = 0; i < n; ++i) {
        if (!std::isnan(levels[static_cast<std::size_t>(i)])) {
            any = true;
            continue;
        }
        for (int d = 1; d < n; ++d) {
            if (i - d >= 0 && !std::isnan(levels[static_cast<std::size_t>(i - d)])) {
                filled[static_cast<std::size_t>(i)] = levels[static_cast<std::size_t>(i - d)];
                break;
            }
            if (i + d < n && !std::isnan(levels[static_cast<std::size_t>(i + d)])) {
                filled[static_cast<std::size_t>(i)] = levels[static_cast<std::size_t>(i + d)];
                break;
            }
        }
    }
    levels = std::move(filled);
    return any;
}

/// Minimum of f over [lo, hi] on a grid of step h, refined by a parabola through the neighbours.
template <typename F>
double gridMinimum(F&& f, double lo, double hi, double h)
{
    const int n = std::max(2, static_cast<int>(std::ceil((hi - lo) / h)));
    double bestS = lo;
    double bestF = std::numeric_limits<double>::infinity();
    int bestI = 0;
    std::vector<double> values(static_cast<std::size_t>(n + 1));
    for (int i = 0; i <= n; ++i) {
        const double s = lo + i * h;
        values[static_cast<std::size_t>(i)] = f(s);
        if (values[static_cast<std::size_t>(i)] < bestF) {
            bestF = values[static_cast<std::size_t>(i)];
            bestS = s;
            bestI = i;
        }
    }
    if (bestI > 0 && bestI < n) {
        const double a = values[static_cast<std::size_t>(bestI - 1)];
        const double c = values[static_cast<std::size_t>(bestI + 1)];
        const double denom = a - 2 * bestF + c;
        if (denom > 0)
            bestS += 0.5 * h * (a - c) / denom;
    }
    return bestS;
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
    out.stdCol.assign(n, std::numeric_limits<double>::infinity());
    out.confidence.assign(n, 0.0);
    out.contrastZ.assign(n, 0.0);
    if (n == 0)
        return out;
    const int rows = kymograph.rows;
    const int cols = kymograph.cols;

    std::vector<double> prior = smoothPath(std::vector<double>(coarseCol.begin(), coarseCol.end()), 4);
    std::map<int, double> pinAt;
    for (const auto& pin : pinsInColumns)
        pinAt[pin.frame] = pin.positionPx;

    // running mean in time, short enough that the front moves < 1 column inside it
    std::vector<double> steps;
    for (std::size_t i = 1; i < n; ++i)
        steps.push_back(std::abs(prior[i] - prior[i - 1]));
    double speed = 0;
    if (!steps.empty()) {
        std::nth_element(steps.begin(), steps.begin() + static_cast<std::ptrdiff_t>(steps.size() / 2),
                         steps.end());
        speed = steps[steps.size() / 2];
    }
    int window = std::max(1, std::min(options.refineWindowFrames,
                                      static_cast<int>(std::floor(1.0 / std::max(speed, 1e-6)))));
    if (window % 2 == 0)
        --window;
    const int half = window / 2;
    cv::Mat cumulative = cv::Mat::zeros(rows + 1, cols, CV_64F);
    for (int t = 0; t < rows; ++t) {
        const float* k = kymograph.ptr<float>(t);
        const double* c0 = cumulative.ptr<double>(t);
        double* c1 = cumulative.ptr<double>(t + 1);
        for (int x = 0; x < cols; ++x)
            c1[x] = c0[x] + k[x];
    }
    auto runningMean = [&](int t, int x) {
        const int lo = std::max(0, t - half);
        const int hi = std::min(rows - 1, t + half);
        return (cumulative.ptr<double>(hi + 1)[x] - cumulative.ptr<double>(lo)[x]) / (hi - lo + 1);
    };

    std::vector<double> positionOfFrame(static_cast<std::size_t>(rows), kNaN);
    for (std::size_t i = 0; i < n; ++i)
        positionOfFrame[static_cast<std::size_t>(frames[i])] = prior[i];

    double sigmaEdge = 1.5;
    const double priorVar = std::max(options.priorSigmaPx, 0.05) * std::max(options.priorSigmaPx, 0.05);
    for (int iteration = 0; iteration < 3; ++iteration) {
        const PhaseSums phases(kymograph, positionOfFrame);
        const int halfCols = 6;
        auto buildModel = [&](std::size_t i) {
            FrameModel m;
            const int t = frames[i];
            const double centre = positionOfFrame[static_cast<std::size_t>(t)];
            const int lo = std::max(0, static_cast<int>(std::floor(centre)) - halfCols);
            const int hi = std::min(cols - 1, static_cast<int>(std::ceil(centre)) + halfCols);
            for (int x = lo; x <= hi; ++x) {
                m.cols.push_back(x);
                m.values.push_back(runningMean(t, x));
                m.left.push_back(phases.mean(x, t, true));
                m.right.push_back(phases.mean(x, t, false));
            }
            if (m.cols.size() < 3 || !fillGaps(m.left) || !fillGaps(m.right))
                return FrameModel{};
            return m;
        };
        std::vector<FrameModel> models(n);
        for (std::size_t i = 0; i < n; ++i)
            models[i] = buildModel(i);

        // edge width: the best fit over a subsample of frames
        const std::size_t stride = std::max<std::size_t>(1, n / 150);
        double bestTotal = std::numeric_limits<double>::infinity();
        for (double sigma : {0.5, 0.75, 1.0, 1.25, 1.5, 2.0, 2.5, 3.0, 4.0}) {
            double total = 0;
            for (std::size_t i = 0; i < n; i += stride) {
                if (!models[i].valid())
                    continue;
                const double c = positionOfFrame[static_cast<std::size_t>(frames[i])];
                const auto f = [&](double s) { return models[i].sse(s, sigma); };
                total += f(gridMinimum(f, c - 3, c + 3, 0.25));
            }
            if (total < bestTotal) {
                bestTotal = total;
                sigmaEdge = sigma;
            }
        }
        // noise variance of the running mean: median residual per column at the best fit
        std::vector<double> residuals;
        for (std::size_t i = 0; i < n; i += stride) {
            if (!models[i].valid())
                continue;
            const double c = positionOfFrame[static_cast<std::size_t>(frames[i])];
            const auto f = [&](double s) { return models[i].sse(s, sigmaEdge); };
            residuals.push_back(f(gridMinimum(f, c - 3, c + 3, 0.1)) /
                                static_cast<double>(models[i].cols.size()));
        }
        double noiseVar = 1.0;
        if (!residuals.empty()) {
            std::nth_element(residuals.begin(),
                             residuals.begin() + static_cast<std::ptrdiff_t>(residuals.size() / 2),
                             residuals.end());
            noiseVar = std::max(residuals[residuals.size() / 2], 1e-12);
        }

        const auto contrastZ = [&](int t, double s) {
            double sumL = 0, sumR = 0;
            int nL = 0, nR = 0;
            const int c = static_cast<int>(std::lround(s));
            for (int d = 2; d <= 5; ++d) {
                if (c - d >= 0) {
                    sumL += runningMean(t, c - d);
                    ++nL;
                }
                if (c + d < cols) {
                    sumR += runningMean(t, c + d);
                    ++nR;
                }
            }
            if (nL < 2 || nR < 2)
                return 0.0;
            return (sumR / nR - sumL / nL) / std::sqrt(noiseVar * (1.0 / nL + 1.0 / nR));
        };
        std::vector<double> refined(n);
        for (std::size_t i = 0; i < n; ++i) {
            const auto pin = pinAt.find(frames[i]);
            if (pin != pinAt.end()) {
                refined[i] = pin->second;
                out.stdCol[i] = 0;
                out.contrastZ[i] = std::numeric_limits<double>::quiet_NaN();
                continue;
            }
            const FrameModel& m = models[i];
            const int t = frames[i];
            if (!m.valid()) {
                refined[i] = prior[i];
                out.stdCol[i] = std::numeric_limits<double>::infinity();
                continue;
            }
            const auto data = [&](double s) { return m.sse(s, sigmaEdge) / noiseVar; };
            const auto chi2 = [&](double s) {
                return data(s) + (s - prior[i]) * (s - prior[i]) / priorVar;
            };
            const double s = std::clamp(gridMinimum(chi2, prior[i] - 3.5, prior[i] + 3.5, 0.05),
                                        0.0, static_cast<double>(cols - 1));
            const double h = 0.1;
            const double curvature = (data(s + h) - 2 * data(s) + data(s - h)) / (h * h);
            refined[i] = s;
            out.contrastZ[i] = contrastZ(t, s);
            out.stdCol[i] = curvature > 0 ? std::sqrt(2.0 / curvature)
                                          : std::numeric_limits<double>::infinity();
        }
        for (std::size_t i = 0; i < n; ++i)
            positionOfFrame[static_cast<std::size_t>(frames[i])] = refined[i];
        out.positionsCol = refined;
        // the next prior follows the refined positions, so a coarse path that stuck to a
        // static edge for a few frames no longer pulls the front back
        prior = smoothPath(refined, 4);
    }
    out.edgeSigmaCol = sigmaEdge;
    for (std::size_t i = 0; i < n; ++i)
        out.confidence[i] = std::isfinite(out.stdCol[i]) ? 1.0 / (1.0 + out.stdCol[i] * out.stdCol[i])
                                                         : 0.0;
    return out;
}

} // namespace insitu
