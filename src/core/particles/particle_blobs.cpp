// Blob detector for small particles on a lumpy support: maxima of the scale-normalised LoG over
// space and scale, significant against the local noise at a false-alarm rate (methods-2.md §2).

#include "particle_steps.h"

#include "block_grid.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <tuple>
#include <vector>

namespace insitu::particles {

namespace {

/// A maximum of the normalised response: strength in units of its scale's level.
struct Blob
{
    float strength = 0;
    int scale = 0;
    int x = 0, y = 0;
    double radiusPx = 0;
};

/// The significance level u at which the scale-normalised LoG (σ px) of white noise has
/// falseAlarms maxima above u in areaPx: the Euler-characteristic density of a smooth 2-D Gaussian
/// field, areaPx · √det Λ / (2π)^{3/2} · u · e^{−u²/2}, with √det Λ = 1.5 / σ² for a LoG filter.
double significanceLevel(double areaPx, double sigmaPx, double falseAlarms)
{
    const double density = areaPx * 1.5 / (sigmaPx * sigmaPx) / std::pow(2 * CV_PI, 1.5);
    auto expected = [density](double u) { return density * u * std::exp(-u * u / 2); };
    double lo = 1, hi = 40; // expected() falls monotonically above u = 1
    if (expected(lo) <= falseAlarms)
        return lo;
    for (int i = 0; i < 60; ++i) {
        const double mid = (lo + hi) / 2;
        (expected(mid) > falseAlarms ? lo : hi) = mid;
    }
    return hi;
}

/// The median of values (reordered), or NaN when there are fewer than ten.
float medianOrNan(std::vector<float>& values)
{
    if (values.size() < 10)
        return std::numeric_limits<float>::quiet_NaN();
    const auto mid = values.begin() + static_cast<std::ptrdiff_t>(values.size() / 2);
    std::nth_element(values.begin(), mid, values.end());
    return *mid;
}

/// One estimate of the local noise of response on blocks of side px: 1.4826 × the median
/// |response| of each block over the pixels within 3 × previous (all pixels when previous is
/// empty), smoothed over neighbouring blocks, not below the median block (a flat, noiseless
/// vacuum would otherwise make any speck significant), read back bilinearly at every pixel.
cv::Mat blockNoise(const cv::Mat& response, int sidePx, const cv::Mat& previous)
{
    const BlockGrid blocks(response.size(), sidePx);
    const cv::Size g = blocks.gridSize();
    cv::Mat grid(g, CV_32F);
    cv::parallel_for_(cv::Range(0, g.height), [&](const cv::Range& range) {
        std::vector<float> values;
        for (int j = range.start; j < range.end; ++j)
            for (int i = 0; i < g.width; ++i) {
                values.clear();
                for (int y = j * sidePx; y < std::min(response.rows, (j + 1) * sidePx); ++y) {
                    const float* r = response.ptr<float>(y);
                    const float* p = previous.empty() ? nullptr : previous.ptr<float>(y);
                    for (int x = i * sidePx; x < std::min(response.cols, (i + 1) * sidePx); ++x)
                        if (!p || std::abs(r[x]) <= 3 * p[x])
                            values.push_back(std::abs(r[x]));
                }
                grid.at<float>(j, i) = 1.4826f * medianOrNan(values);
            }
    });
    std::vector<float> known;
    for (auto it = grid.begin<float>(); it != grid.end<float>(); ++it)
        if (!std::isnan(*it))
            known.push_back(*it);
    const float typical = known.empty() ? 1.0f : std::max(medianOrNan(known), 1e-12f);
    cv::patchNaNs(grid, typical); // blocks without enough values: the typical block
    cv::GaussianBlur(grid, grid, cv::Size(), 1.0, 0, cv::BORDER_REPLICATE);
    grid = cv::max(grid, typical);
    cv::Mat out(response.size(), CV_32F);
    blocks.forEachRow(grid, [&](int y, const float* row) {
        std::copy(row, row + response.cols, out.ptr<float>(y));
    });
    return out;
}

/// Robust local SD of response (blocks of side px): blockNoise, then twice again without the
/// pixels beyond 3 SD (the particles themselves), so that crowded particles do not hide each other.
cv::Mat localNoise(const cv::Mat& response, int sidePx)
{
    cv::Mat noise = blockNoise(response, sidePx, cv::Mat());
    for (int iteration = 0; iteration < 2; ++iteration)
        noise = blockNoise(response, sidePx, noise);
    return noise;
}

/// The response at σ in units of its significance level: −σ² ∇²(G_σ ∗ image) over the local
/// noise × u(σ). Maxima above 1 are detections.
cv::Mat normalisedResponse(const cv::Mat& image, double sigmaPx, double level, int noiseSidePx)
{
    cv::Mat smooth, laplacian;
    cv::GaussianBlur(image, smooth, cv::Size(), sigmaPx, sigmaPx, cv::BORDER_REFLECT);
    cv::Laplacian(smooth, laplacian, CV_32F, 1, -sigmaPx * sigmaPx, 0, cv::BORDER_REFLECT);
    const cv::Mat noise = localNoise(laplacian, noiseSidePx);
    return laplacian / (noise * level);
}

/// Greedy non-maximum suppression, the strongest first: a blob closer to a kept one than the
/// larger of their radii is dropped. Returns the kept blobs.
std::vector<Blob> suppressOverlaps(std::vector<Blob> blobs, double maxRadiusPx, cv::Size size)
{
    std::sort(blobs.begin(), blobs.end(), [](const Blob& a, const Blob& b) {
        return std::tie(b.strength, a.scale, a.y, a.x) < std::tie(a.strength, b.scale, b.y, b.x);
    });
    const double cell = std::max(1.0, maxRadiusPx);
    const int cols = static_cast<int>(size.width / cell) + 1;
    const int rows = static_cast<int>(size.height / cell) + 1;
    std::vector<std::vector<int>> cells(static_cast<std::size_t>(cols * rows));
    std::vector<Blob> kept;
    for (const Blob& b : blobs) {
        const int cx = static_cast<int>(b.x / cell), cy = static_cast<int>(b.y / cell);
        bool free = true;
        for (int j = std::max(0, cy - 1); free && j <= std::min(rows - 1, cy + 1); ++j)
            for (int i = std::max(0, cx - 1); free && i <= std::min(cols - 1, cx + 1); ++i)
                for (const int k : cells[static_cast<std::size_t>(j * cols + i)]) {
                    const Blob& o = kept[static_cast<std::size_t>(k)];
                    if (std::hypot(b.x - o.x, b.y - o.y) < std::max(b.radiusPx, o.radiusPx)) {
                        free = false;
                        break;
                    }
                }
        if (!free)
            continue;
        cells[static_cast<std::size_t>(cy * cols + cx)].push_back(static_cast<int>(kept.size()));
        kept.push_back(b);
    }
    return kept;
}

} // namespace

cv::Mat detectBlobs(const cv::Mat& image, double minDiameterPx, double maxDiameterPx,
                    double falseAlarmsPerMpx, double& level)
{
    // blob radius r = √2 σ; scales 1.25 apart from the smallest to the largest diameter
    std::vector<double> sigmas;
    for (double s = minDiameterPx / (2 * std::sqrt(2.0));
         s <= maxDiameterPx / (2 * std::sqrt(2.0)) * 1.0001; s *= 1.25)
        sigmas.push_back(s);
    if (sigmas.empty())
        sigmas.push_back(minDiameterPx / (2 * std::sqrt(2.0)));
    const auto area = static_cast<double>(image.total());
    const double falseAlarms =
        std::max(1e-9, falseAlarmsPerMpx * area / 1e6 / static_cast<double>(sigmas.size()));
    std::vector<double> levels;
    for (double s : sigmas)
        levels.push_back(significanceLevel(area, s, falseAlarms));
    level = levels.front();

    // a rolling window of three scales: responses and their 3 × 3 maxima
    const int n = static_cast<int>(sigmas.size());
    std::array<cv::Mat, 3> response, spatialMax;
    auto compute = [&](int k) {
        cv::Mat& r = response[static_cast<std::size_t>(k % 3)];
        const auto side = static_cast<int>(
            std::ceil(std::max(6 * sigmas[static_cast<std::size_t>(k)], 2 * maxDiameterPx)));
        r = normalisedResponse(image, sigmas[static_cast<std::size_t>(k)],
                               levels[static_cast<std::size_t>(k)], side);
        cv::dilate(r, spatialMax[static_cast<std::size_t>(k % 3)], cv::Mat());
    };
    std::vector<Blob> blobs;
    compute(0);
    for (int k = 0; k < n; ++k) {
        if (k + 1 < n)
            compute(k + 1);
        const cv::Mat& r = response[static_cast<std::size_t>(k % 3)];
        cv::Mat neighbourhood = spatialMax[static_cast<std::size_t>(k % 3)].clone();
        if (k > 0)
            neighbourhood =
                cv::max(neighbourhood, spatialMax[static_cast<std::size_t>((k - 1) % 3)]);
        if (k + 1 < n)
            neighbourhood =
                cv::max(neighbourhood, spatialMax[static_cast<std::size_t>((k + 1) % 3)]);
        const double radius = std::sqrt(2.0) * sigmas[static_cast<std::size_t>(k)];
        for (int y = 0; y < r.rows; ++y) {
            const float* v = r.ptr<float>(y);
            const float* m = neighbourhood.ptr<float>(y);
            for (int x = 0; x < r.cols; ++x)
                if (v[x] > 1 && v[x] >= m[x])
                    blobs.push_back({v[x], k, x, y, radius});
        }
    }
    std::vector<Blob> kept =
        suppressOverlaps(std::move(blobs), std::sqrt(2.0) * sigmas.back(), image.size());
    // disks labelled in raster order of their centres; a pixel claimed by two goes to the stronger
    std::vector<std::size_t> order(kept.size());
    for (std::size_t i = 0; i < order.size(); ++i)
        order[i] = i;
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return std::tie(kept[a].y, kept[a].x) < std::tie(kept[b].y, kept[b].x);
    });
    std::vector<int> labelOf(kept.size());
    for (std::size_t i = 0; i < order.size(); ++i)
        labelOf[order[i]] = static_cast<int>(i) + 1;
    cv::Mat labels = cv::Mat::zeros(image.size(), CV_32S);
    for (std::size_t i = 0; i < kept.size(); ++i) { // strongest first
        const Blob& b = kept[i];
        const int r = static_cast<int>(std::floor(b.radiusPx));
        for (int y = std::max(0, b.y - r); y <= std::min(image.rows - 1, b.y + r); ++y) {
            int* l = labels.ptr<int>(y);
            for (int x = std::max(0, b.x - r); x <= std::min(image.cols - 1, b.x + r); ++x)
                if (l[x] == 0 &&
                    (x - b.x) * (x - b.x) + (y - b.y) * (y - b.y) <= b.radiusPx * b.radiusPx)
                    l[x] = labelOf[i];
        }
    }
    return labels;
}

} // namespace insitu::particles
