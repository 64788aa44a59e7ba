#include "insitu/front/edge_score.h"

#include "insitu/error.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>

namespace insitu {

namespace {

constexpr float kSpatialSaturation = 5.0f;   // σ units
constexpr float kTemporalNoiseFloor = 1.5f;  // σ units
constexpr float kTemporalSaturation = 10.0f; // σ units
constexpr float kHalfChangeFactor = 4.0f;    // temporal change ≤ this × its smaller half

/// Divides every row of map by the robust noise σ (1.4826 × median |value|) of the same row of
/// noiseFrom (map itself by default): rows near the ends of the movie and frames with flicker
/// have their own noise level.
void normaliseRows(cv::Mat& map, const cv::Mat& noiseFrom)
{
    const double maxAbs = cv::norm(noiseFrom, cv::NORM_INF);
    // noise-free input: fall back to a fraction of the strongest response
    const double floor = std::max(1e-3 * maxAbs, 1e-12);
    // the median of at most ~128 evenly spread columns is plenty for a noise level
    const int stride = std::max(1, map.cols / 128);
    std::vector<float> values;
    values.reserve(static_cast<std::size_t>(map.cols / stride + 1));
    for (int t = 0; t < map.rows; ++t) {
        const float* noise = noiseFrom.ptr<float>(t);
        values.clear();
        for (int x = 0; x < map.cols; x += stride)
            values.push_back(std::abs(noise[x]));
        auto mid = values.begin() + static_cast<std::ptrdiff_t>(values.size() / 2);
        std::nth_element(values.begin(), mid, values.end());
        const double sigma = std::max(1.4826 * *mid, floor);
        const auto scale = static_cast<float>(1.0 / sigma);
        float* row = map.ptr<float>(t);
        for (int x = 0; x < map.cols; ++x)
            row[x] *= scale;
    }
}

void normaliseRows(cv::Mat& map)
{
    normaliseRows(map, map); // each row's σ is taken before that row is scaled
}

} // namespace

EdgeGradients edgeGradients(const cv::Mat& kymograph, const FrontOptions& options, int maxLagFrames,
                            bool textureFreeNoise)
{
    if (kymograph.empty() || kymograph.type() != CV_32F)
        throw Error("front: the kymograph must be a non-empty float32 image");
    const int rows = kymograph.rows;
    const int cols = kymograph.cols;
    cv::Mat smooth;
    cv::GaussianBlur(kymograph, smooth, cv::Size(0, 0), std::max(options.edgeSigmaPx, 0.3),
                     std::max(options.timeSigmaFrames, 0.3), cv::BORDER_REPLICATE);
    EdgeGradients g;
    g.gx = cv::Mat::zeros(rows, cols, CV_32F);
    for (int t = 0; t < rows; ++t) {
        const float* s = smooth.ptr<float>(t);
        float* out = g.gx.ptr<float>(t);
        for (int x = 1; x + 1 < cols; ++x)
            out[x] = 0.5f * (s[x + 1] - s[x - 1]);
    }
    // noise of gx from its change over a lag beyond the temporal smoothing: static texture
    // (particles, the reacted wire's structure) cancels there, so it does not count as noise
    const int k = std::min(rows - 1, static_cast<int>(std::ceil(3 * options.timeSigmaFrames)) + 1);
    if (textureFreeNoise && k >= 1) {
        cv::Mat noise(rows, cols, CV_32F);
        for (int t = 0; t < rows; ++t) {
            const int u = t >= k ? t - k : std::min(t + k, rows - 1);
            const float* a = g.gx.ptr<float>(t);
            const float* b = g.gx.ptr<float>(u);
            float* n = noise.ptr<float>(t);
            for (int x = 0; x < cols; ++x)
                n[x] = (a[x] - b[x]) * static_cast<float>(M_SQRT1_2);
        }
        normaliseRows(g.gx, noise);
    } else {
        normaliseRows(g.gx);
    }
    for (int lag : {1, 4, 16}) {
        if (lag > 1 && (2 * lag >= rows || lag > maxLagFrames))
            break;
        cv::Mat change(rows, cols, CV_32F);
        cv::Mat gt(rows, cols, CV_32F);
        for (int t = 0; t < rows; ++t) {
            // symmetric lag, shortened at the movie's ends: a clamped end row would make the
            // differences of h consecutive frames share one noise sample
            const int l = std::min({lag, t, rows - 1 - t});
            const float* after = smooth.ptr<float>(t + l);
            const float* now = smooth.ptr<float>(t);
            const float* before = smooth.ptr<float>(t - l);
            float* c = change.ptr<float>(t);
            float* out = gt.ptr<float>(t);
            if (l == 0) { // the first and last frame: the one-frame difference into the movie
                const float* next = smooth.ptr<float>(t == 0 ? std::min(1, rows - 1) : t);
                const float* previous = smooth.ptr<float>(t == 0 ? 0 : std::max(0, t - 1));
                for (int x = 0; x < cols; ++x)
                    c[x] = out[x] = next[x] - previous[x];
                continue;
            }
            for (int x = 0; x < cols; ++x) {
                // a front passing x at t: half of the change happens before t, half after; an
                // edge that appears (a particle behind a front) changes all at once and would
                // light up the static edge for a whole lag: the change counts up to
                // kHalfChangeFactor × its smaller half (of the same sign)
                const float d = after[x] - before[x];
                const float sign = d >= 0 ? 1.0f : -1.0f;
                const float halves =
                    std::min(sign * (after[x] - now[x]), sign * (now[x] - before[x]));
                c[x] = d;
                out[x] =
                    lag == 1 ? d : sign * std::clamp(kHalfChangeFactor * halves, 0.0f, sign * d);
            }
        }
        // noise σ from the plain change (the limited one is not symmetric in noise)
        normaliseRows(gt, change);
        g.gt.push_back(std::move(gt));
    }
    return g;
}

cv::Mat removeFlicker(const cv::Mat& kymograph, int halfWindowFrames)
{
    if (kymograph.empty() || kymograph.type() != CV_32F)
        throw Error("front: the kymograph must be a non-empty float32 image");
    const int rows = kymograph.rows;
    const int cols = kymograph.cols;
    cv::Mat cumulative = cv::Mat::zeros(rows + 1, cols, CV_64F);
    for (int t = 0; t < rows; ++t) {
        const float* k = kymograph.ptr<float>(t);
        const double* c0 = cumulative.ptr<double>(t);
        double* c1 = cumulative.ptr<double>(t + 1);
        for (int x = 0; x < cols; ++x)
            c1[x] = c0[x] + k[x];
    }
    double maxAbs = 0;
    cv::minMaxLoc(cv::abs(kymograph), nullptr, &maxAbs);
    cv::Mat out = kymograph.clone();
    std::vector<double> ratios;
    ratios.reserve(static_cast<std::size_t>(cols));
    for (int t = 0; t < rows; ++t) {
        const int lo = std::max(0, t - halfWindowFrames);
        const int hi = std::min(rows - 1, t + halfWindowFrames);
        const double* c0 = cumulative.ptr<double>(lo);
        const double* c1 = cumulative.ptr<double>(hi + 1);
        const float* k = kymograph.ptr<float>(t);
        ratios.clear();
        for (int x = 0; x < cols; ++x) {
            const double local = (c1[x] - c0[x]) / (hi - lo + 1);
            if (local > 1e-3 * maxAbs)
                ratios.push_back(k[x] / local);
        }
        if (ratios.size() < 3)
            continue;
        auto mid = ratios.begin() + static_cast<std::ptrdiff_t>(ratios.size() / 2);
        std::nth_element(ratios.begin(), mid, ratios.end());
        if (*mid > 0) {
            const auto gain = static_cast<float>(1.0 / *mid);
            float* o = out.ptr<float>(t);
            for (int x = 0; x < cols; ++x)
                o[x] *= gain;
        }
    }
    return out;
}

cv::Mat motionEdgeScore(const EdgeGradients& gradients, int contrastSign, int direction)
{
    const int rows = gradients.gx.rows;
    const int cols = gradients.gx.cols;
    const float c = contrastSign >= 0 ? 1.0f : -1.0f;
    const float sign = -c * static_cast<float>(direction);
    cv::Mat score(rows, cols, CV_32F);
    std::vector<float> temporalRow(static_cast<std::size_t>(cols));
    for (int t = 0; t < rows; ++t) {
        const float* gx = gradients.gx.ptr<float>(t);
        float* out = score.ptr<float>(t);
        float* temporalMax = temporalRow.data();
        std::fill(temporalRow.begin(), temporalRow.end(), 0.0f);
        for (const auto& gt : gradients.gt) {
            const float* g = gt.ptr<float>(t);
            if (direction == 0)
                for (int x = 0; x < cols; ++x)
                    temporalMax[x] = std::max(temporalMax[x], std::abs(g[x]));
            else
                for (int x = 0; x < cols; ++x)
                    temporalMax[x] = std::max(temporalMax[x], sign * g[x]);
        }
        for (int x = 0; x < cols; ++x) {
            // saturate the spatial term so a strong static edge times temporal noise stays
            // small; the temporal term counts only beyond 1 σ of noise
            const float spatial = std::max(0.0f, c * gx[x]);
            const float temporal = std::max(0.0f, temporalMax[x] - kTemporalNoiseFloor);
            out[x] = spatial / (1.0f + spatial / kSpatialSaturation) * temporal /
                     (1.0f + temporal / kTemporalSaturation);
        }
    }
    return score;
}

} // namespace insitu
