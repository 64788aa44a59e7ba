// Star-shaped outlines: polar dynamic programming for the edge and its sub-pixel position.

#include "polar_outline.h"

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <numbers>

namespace insitu::area_detail {

namespace {

constexpr double kTwoPi = 2 * std::numbers::pi;

double rayAngle(int j, int rayCount)
{
    return kTwoPi * j / rayCount;
}

/// Median of a copy of values (NaN-free input).
double median(std::vector<double> values)
{
    if (values.empty())
        return 0;
    const auto mid = values.begin() + static_cast<std::ptrdiff_t>(values.size() / 2);
    std::nth_element(values.begin(), mid, values.end());
    return *mid;
}

/// Circular running median over ±half rays (the upper median of the 2·half + 1 values).
std::vector<double> circularMedian(const std::vector<double>& values, int half)
{
    const int n = static_cast<int>(values.size());
    std::vector<double> out(values.size());
    std::vector<double> window(static_cast<std::size_t>(2 * half + 1));
    const auto mid = window.begin() + half;
    for (int j = 0; j < n; ++j) {
        for (int d = -half; d <= half; ++d)
            window[static_cast<std::size_t>(d + half)] =
                values[static_cast<std::size_t>(((j + d) % n + n) % n)];
        std::nth_element(window.begin(), mid, window.end());
        out[static_cast<std::size_t>(j)] = *mid;
    }
    return out;
}

/// A region boundary's shape is kept to one harmonic per this many px of its arc.
constexpr double kBoundaryArcPerHarmonicPx = 8;

/// The closed outline radii kept to their harmonics of period ≥ arcPerHarmonicPx of arc (at
/// least the first 4): the noise of the rays, which would inflate the area by its variance,
/// is averaged over that arc; the outline's shape to that scale is kept.
std::vector<double> lowHarmonics(const std::vector<double>& radii, double arcPerHarmonicPx)
{
    const int n = static_cast<int>(radii.size());
    double mean = 0;
    for (double r : radii)
        mean += r / n;
    const int keep = std::min(
        n / 2 - 1,
        std::max(4, static_cast<int>(std::lround(2 * std::numbers::pi * mean / arcPerHarmonicPx))));
    cv::Mat signal(1, n, CV_64F), spectrum;
    for (int j = 0; j < n; ++j)
        signal.at<double>(0, j) = radii[static_cast<std::size_t>(j)];
    cv::dft(signal, spectrum, cv::DFT_COMPLEX_OUTPUT);
    for (int k = keep + 1; k <= n - keep - 1; ++k)
        spectrum.at<cv::Vec2d>(0, k) = cv::Vec2d(0, 0);
    cv::Mat back;
    cv::dft(spectrum, back, cv::DFT_INVERSE | cv::DFT_SCALE | cv::DFT_REAL_OUTPUT);
    std::vector<double> out(radii.size());
    for (int j = 0; j < n; ++j)
        out[static_cast<std::size_t>(j)] = back.at<double>(0, j);
    return out;
}

/// The largest radius change (in radial steps) from ray j − 1 to ray j: maxSlopePxPerRay, or
/// 1.5 × the prior outline's own change there (its shape to one harmonic per 8 px of arc) when
/// that is steeper: the tips of an elongated particle, whose radius changes by several px from
/// one ray to the next.
std::vector<int> slopeLimits(const RayLimits& limits, const AreaOptions& options)
{
    const int rays = static_cast<int>(limits.minPx.size());
    const double step = options.radialStepPx;
    const int base = std::max(1, static_cast<int>(std::lround(options.maxSlopePxPerRay / step)));
    std::vector<int> steps(static_cast<std::size_t>(rays), base);
    if (limits.priorPx.size() != static_cast<std::size_t>(rays) || rays < 16)
        return steps;
    // The prior's shape without its ray-to-ray noise (which would widen its own limits).
    const std::vector<double> shape = lowHarmonics(limits.priorPx, kBoundaryArcPerHarmonicPx);
    for (int j = 0; j < rays; ++j) {
        const double change = std::abs(shape[static_cast<std::size_t>(j)] -
                                       shape[static_cast<std::size_t>((j + rays - 1) % rays)]);
        steps[static_cast<std::size_t>(j)] =
            std::max(base, static_cast<int>(std::ceil(1.5 * change / step)));
    }
    return steps;
}

/// The DP path: one radius index per ray, circular (unrolled 1.5 turns, middle turn kept).
std::vector<int> dynamicPath(const std::vector<float>& cost, int rays, int states,
                             const std::vector<int>& maxSteps)
{
    const int maxStep = *std::max_element(maxSteps.begin(), maxSteps.end());
    const int turns = rays + rays / 2;
    constexpr float kInf = std::numeric_limits<float>::infinity();
    std::vector<float> acc(static_cast<std::size_t>(states));
    std::vector<float> next(static_cast<std::size_t>(states));
    std::vector<std::int16_t> from(static_cast<std::size_t>(turns) * states);
    for (int i = 0; i < states; ++i)
        acc[static_cast<std::size_t>(i)] = cost[static_cast<std::size_t>(i)];
    std::vector<float> stepPenalty(static_cast<std::size_t>(2 * maxStep + 1));
    for (int d = -maxStep; d <= maxStep; ++d)
        stepPenalty[static_cast<std::size_t>(d + maxStep)] =
            0.01f * static_cast<float>(std::abs(d));
    for (int t = 1; t < turns; ++t) {
        const int j = t % rays;
        const float* c = &cost[static_cast<std::size_t>(j) * states];
        const float* a = acc.data();
        std::int16_t* back = &from[static_cast<std::size_t>(t) * states];
        for (int i = 0; i < states; ++i) {
            float best = kInf;
            int arg = i;
            const int reach = maxSteps[static_cast<std::size_t>(j)]; // from ray j − 1 to j
            const int lo = std::max(0, i - reach), hi = std::min(states - 1, i + reach);
            for (int p = lo; p <= hi; ++p) { // same order as d = −maxStep … maxStep
                const float v = a[p] + stepPenalty[static_cast<std::size_t>(p - i + maxStep)];
                if (v < best) {
                    best = v;
                    arg = p;
                }
            }
            next[static_cast<std::size_t>(i)] = best + c[i];
            back[i] = static_cast<std::int16_t>(arg);
        }
        std::swap(acc, next);
    }
    int state = static_cast<int>(std::min_element(acc.begin(), acc.end()) - acc.begin());
    std::vector<int> path(static_cast<std::size_t>(rays));
    for (int t = turns - 1; t >= 0; --t) {
        if (t >= rays / 2 && t < rays / 2 + rays)
            path[static_cast<std::size_t>(t % rays)] = state;
        if (t > 0)
            state = from[static_cast<std::size_t>(t) * states + state];
    }
    return path;
}

} // namespace

Patch cropPatch(const cv::Mat& frame, PointPx centre, double radiusPx, double polarity,
                double sigmaPx)
{
    const int margin = static_cast<int>(std::ceil(radiusPx + 3 * sigmaPx + 2));
    cv::Rect box(static_cast<int>(std::floor(centre.x)) - margin,
                 static_cast<int>(std::floor(centre.y)) - margin, 2 * margin + 1, 2 * margin + 1);
    box &= cv::Rect(0, 0, frame.cols, frame.rows);
    Patch patch;
    patch.origin = box.tl();
    if (box.width < 2 || box.height < 2) {
        patch.raw = cv::Mat(2, 2, CV_32F, cv::Scalar(0));
        patch.smooth = patch.raw.clone();
        return patch;
    }
    frame(box).convertTo(patch.raw, CV_32F, polarity);
    cv::GaussianBlur(patch.raw, patch.smooth, cv::Size(), sigmaPx, sigmaPx, cv::BORDER_REPLICATE);
    return patch;
}

std::vector<double> radiiAbout(const std::vector<PointPx>& polygon, PointPx centre, int rayCount)
{
    // Densify to ≤ 0.5 px segments, then interpolate the distance in angle.
    std::vector<std::pair<double, double>> polar; // angle, distance
    const std::size_t n = polygon.size();
    for (std::size_t i = 0; i < n; ++i) {
        const PointPx a = polygon[i];
        const PointPx b = polygon[(i + 1) % n];
        const int steps =
            std::max(1, static_cast<int>(std::ceil(std::hypot(b.x - a.x, b.y - a.y) / 0.5)));
        for (int s = 0; s < steps; ++s) {
            const double f = static_cast<double>(s) / steps;
            const double x = a.x + f * (b.x - a.x) - centre.x;
            const double y = a.y + f * (b.y - a.y) - centre.y;
            double angle = std::atan2(y, x);
            if (angle < 0)
                angle += kTwoPi;
            polar.emplace_back(angle, std::hypot(x, y));
        }
    }
    std::sort(polar.begin(), polar.end());
    std::vector<double> radii(static_cast<std::size_t>(rayCount), 0.0);
    if (polar.empty())
        return radii;
    std::size_t k = 0;
    for (int j = 0; j < rayCount; ++j) {
        const double angle = rayAngle(j, rayCount);
        while (k < polar.size() && polar[k].first < angle)
            ++k;
        const auto& hi = k < polar.size() ? polar[k] : polar.front();
        const auto& lo = k > 0 ? polar[k - 1] : polar.back();
        const double hiAngle = k < polar.size() ? hi.first : hi.first + kTwoPi;
        const double loAngle = k > 0 ? lo.first : lo.first - kTwoPi;
        const double span = hiAngle - loAngle;
        const double f = span > 1e-12 ? (angle - loAngle) / span : 0.5;
        radii[static_cast<std::size_t>(j)] = lo.second + f * (hi.second - lo.second);
    }
    return radii;
}

std::vector<PointPx> toPolygon(const StarOutline& outline)
{
    const int n = static_cast<int>(outline.radiiPx.size());
    std::vector<PointPx> polygon;
    polygon.reserve(outline.radiiPx.size());
    for (int j = 0; j < n; ++j) {
        const double a = rayAngle(j, n);
        const double r = outline.radiiPx[static_cast<std::size_t>(j)];
        polygon.push_back({outline.centre.x + r * std::cos(a), outline.centre.y + r * std::sin(a)});
    }
    return polygon;
}

bool insideStar(const StarOutline& outline, PointPx point, double marginPx)
{
    const int n = static_cast<int>(outline.radiiPx.size());
    if (n == 0)
        return false;
    const double dx = point.x - outline.centre.x;
    const double dy = point.y - outline.centre.y;
    double angle = std::atan2(dy, dx);
    if (angle < 0)
        angle += kTwoPi;
    const double pos = angle / kTwoPi * n;
    const int j0 = static_cast<int>(pos) % n;
    const int j1 = (j0 + 1) % n;
    const double f = pos - std::floor(pos);
    const double r = (1 - f) * outline.radiiPx[static_cast<std::size_t>(j0)] +
                     f * outline.radiiPx[static_cast<std::size_t>(j1)];
    return std::hypot(dx, dy) < r + marginPx;
}

namespace {

/// The radial search grid of a star-shaped outline: rays, radii r0..r1 in steps (states per
/// ray), the centre in patch coordinates and each ray's direction.
struct RayGrid
{
    int rays = 0;
    double step = 0;
    double r0 = 0;
    double r1 = 0;
    int states = 0;
    double cx = 0;
    double cy = 0;
    std::vector<double> cosA;
    std::vector<double> sinA;
};

RayGrid rayGrid(const Patch& patch, PointPx centre, const RayLimits& limits,
                const AreaOptions& options)
{
    RayGrid g;
    g.rays = static_cast<int>(limits.minPx.size());
    g.step = options.radialStepPx;
    g.r0 = std::max(0.5, *std::min_element(limits.minPx.begin(), limits.minPx.end()));
    g.r1 = std::max(g.r0 + g.step, *std::max_element(limits.maxPx.begin(), limits.maxPx.end()));
    g.states = std::min(30000, static_cast<int>(std::ceil((g.r1 - g.r0) / g.step)) + 1);
    g.cx = centre.x - patch.origin.x;
    g.cy = centre.y - patch.origin.y;
    g.cosA.resize(static_cast<std::size_t>(g.rays));
    g.sinA.resize(static_cast<std::size_t>(g.rays));
    for (int j = 0; j < g.rays; ++j) {
        g.cosA[static_cast<std::size_t>(j)] = std::cos(rayAngle(j, g.rays));
        g.sinA[static_cast<std::size_t>(j)] = std::sin(rayAngle(j, g.rays));
    }
    return g;
}

} // namespace

EdgeFit findStarEdge(const Patch& patch, PointPx centre, const RayLimits& limits,
                     const AreaOptions& options)
{
    const auto [rays, step, r0, r1, states, cx, cy, cosA, sinA] =
        rayGrid(patch, centre, limits, options);

    // Edge score: the smoothed profile's rise across ±1 px (dark inside → positive). When 1 px
    // is a whole number of radial steps, each ray's profile is sampled once on the step grid
    // from r0 − 1 and the score is the difference of two of its samples.
    const double stepsPerPx = 1 / step;
    const int shift = static_cast<int>(std::lround(stepsPerPx));
    const bool onGrid = shift >= 1 && std::abs(stepsPerPx - shift) < 1e-9;
    std::vector<float> gradient(static_cast<std::size_t>(rays) * states);
    std::vector<double> rayMax(static_cast<std::size_t>(rays), 0.0);
    std::vector<float> profile(onGrid ? static_cast<std::size_t>(states + 2 * shift) : 0);
    for (int j = 0; j < rays; ++j) {
        const double c = cosA[static_cast<std::size_t>(j)];
        const double s = sinA[static_cast<std::size_t>(j)];
        if (onGrid)
            for (std::size_t m = 0; m < profile.size(); ++m) {
                const double r = r0 - 1 + static_cast<double>(m) * step;
                profile[m] = sampleBilinear(patch.smooth, cx + r * c, cy + r * s);
            }
        for (int i = 0; i < states; ++i) {
            const double r = r0 + i * step;
            const float g =
                onGrid ? profile[static_cast<std::size_t>(i + 2 * shift)] -
                             profile[static_cast<std::size_t>(i)]
                       : sampleBilinear(patch.smooth, cx + (r + 1) * c, cy + (r + 1) * s) -
                             sampleBilinear(patch.smooth, cx + (r - 1) * c, cy + (r - 1) * s);
            gradient[static_cast<std::size_t>(j) * states + i] = g;
            if (r >= limits.minPx[static_cast<std::size_t>(j)] &&
                r <= limits.maxPx[static_cast<std::size_t>(j)])
                rayMax[static_cast<std::size_t>(j)] =
                    std::max(rayMax[static_cast<std::size_t>(j)], static_cast<double>(g));
        }
    }
    const double scale = std::max(1e-12, median(rayMax));
    std::vector<float> cost(gradient.size());
    for (int j = 0; j < rays; ++j)
        for (int i = 0; i < states; ++i) {
            const double r = r0 + i * step;
            const std::size_t at = static_cast<std::size_t>(j) * states + i;
            if (r < limits.minPx[static_cast<std::size_t>(j)] ||
                r > limits.maxPx[static_cast<std::size_t>(j)]) {
                cost[at] = 1e6f;
                continue;
            }
            double v = -gradient[at] / scale;
            if (!limits.priorPx.empty()) {
                const double d = r - limits.priorPx[static_cast<std::size_t>(j)];
                v += options.priorWeight * d * d;
            }
            cost[at] = static_cast<float>(v);
        }
    const std::vector<int> path = dynamicPath(cost, rays, states, slopeLimits(limits, options));

    // Sub-pixel: local inside / outside levels, then the balancing position on each ray.
    const double hw = options.edgeHalfWindowPx;
    constexpr double kSub = 0.25;
    const int windowSamples = static_cast<int>(std::lround(2 * hw / kSub));
    const int levelSamples = 6; // 1.5 px
    std::vector<double> inside(static_cast<std::size_t>(rays)),
        outside(static_cast<std::size_t>(rays));
    std::vector<double> levelSe(static_cast<std::size_t>(rays));
    std::vector<double> dpRadius(static_cast<std::size_t>(rays));
    auto profileAt = [&](int j, double r) {
        // Mean over the ray and its two neighbours (same radius).
        double sum = 0;
        for (int d = -1; d <= 1; ++d) {
            const std::size_t k = static_cast<std::size_t>(((j + d) % rays + rays) % rays);
            sum += sampleBilinear(patch.raw, cx + r * cosA[k], cy + r * sinA[k]);
        }
        return sum / 3;
    };
    for (int j = 0; j < rays; ++j) {
        const std::size_t js = static_cast<std::size_t>(j);
        const double rd = r0 + path[js] * step;
        dpRadius[js] = rd;
        double si = 0, sii = 0, so = 0, soo = 0;
        int no = 0;
        for (int k = 0; k < levelSamples; ++k) {
            const double a = profileAt(j, std::max(0.0, rd - hw - kSub * (k + 0.5)));
            si += a;
            sii += a * a;
            const double ro = rd + hw + kSub * (k + 0.5);
            if (ro <= limits.maxPx[js] + hw) {
                const double b = profileAt(j, ro);
                so += b;
                soo += b * b;
                ++no;
            }
        }
        inside[js] = si / levelSamples;
        outside[js] = no > 0 ? so / no : std::numeric_limits<double>::quiet_NaN();
        const double vi = std::max(0.0, sii / levelSamples - inside[js] * inside[js]);
        const double vo = no > 0 ? std::max(0.0, soo / no - outside[js] * outside[js]) : vi;
        // Samples 0.25 px apart on 3 rays: about 4.5 px² of independent pixels per level.
        levelSe[js] = std::sqrt((vi + vo) / 4.5);
    }
    // Rays whose outside window is cut by a neighbour take the outside level of the others.
    std::vector<double> outsideFilled = outside;
    {
        std::vector<double> valid;
        for (double v : outside)
            if (std::isfinite(v))
                valid.push_back(v);
        const double fallback = valid.empty() ? 0 : median(valid);
        for (double& v : outsideFilled)
            if (!std::isfinite(v))
                v = fallback;
    }
    const int half = std::max(2, rays / 24);
    const std::vector<double> inLevel = circularMedian(inside, half);
    const std::vector<double> outLevel = circularMedian(outsideFilled, half);

    EdgeFit fit;
    fit.radiiPx.resize(static_cast<std::size_t>(rays));
    int clear = 0;
    double stepSum = 0, seSquares = 0;
    for (int j = 0; j < rays; ++j) {
        const std::size_t js = static_cast<std::size_t>(j);
        const double rd = dpRadius[js];
        const double contrast = outLevel[js] - inLevel[js];
        if (outsideFilled[js] - inside[js] > 3 * levelSe[js])
            ++clear;
        stepSum += outsideFilled[js] - inside[js];
        seSquares += levelSe[js] * levelSe[js];
        if (!(contrast > 0)) {
            fit.radiiPx[js] = rd;
            continue;
        }
        const double start = std::max(0.0, rd - hw);
        const double end = std::min(rd + hw, limits.maxPx[js] + 0.5 * options.gapPx);
        double inner = 0;
        for (int k = 0; k < windowSamples; ++k) {
            const double r = start + kSub * (k + 0.5);
            if (r > end)
                break;
            inner += (outLevel[js] - profileAt(j, r)) / contrast * kSub;
        }
        fit.radiiPx[js] = std::clamp(start + inner, rd - hw, rd + hw);
    }
    // Light smoothing along the outline ([1 2 1]/4).
    std::vector<double> smoothRadii(fit.radiiPx.size());
    for (int j = 0; j < rays; ++j)
        smoothRadii[static_cast<std::size_t>(j)] =
            0.25 * fit.radiiPx[static_cast<std::size_t>((j + rays - 1) % rays)] +
            0.5 * fit.radiiPx[static_cast<std::size_t>(j)] +
            0.25 * fit.radiiPx[static_cast<std::size_t>((j + 1) % rays)];
    for (int j = 0; j < rays; ++j)
        fit.radiiPx[static_cast<std::size_t>(j)] =
            std::clamp(smoothRadii[static_cast<std::size_t>(j)], 0.5,
                       limits.maxPx[static_cast<std::size_t>(j)] + 0.5 * options.gapPx);
    fit.confidence = static_cast<double>(clear) / rays;
    // SE of the mean step: the rms per-ray SE over √(rays / 3) independent rays.
    const double meanSe = std::sqrt(seSquares / rays) / std::sqrt(std::max(1.0, rays / 3.0));
    fit.contrastZ = meanSe > 0 ? stepSum / rays / meanSe : 0;
    return fit;
}

BandMean bandMean(const Patch& patch, PointPx centre, const std::vector<double>& fromPx,
                  const std::vector<double>& toPx)
{
    const int rays = static_cast<int>(fromPx.size());
    const double cx = centre.x - patch.origin.x;
    const double cy = centre.y - patch.origin.y;
    constexpr double kStep = 0.5;
    double sum = 0, squares = 0, area = 0;
    long count = 0;
    for (int j = 0; j < rays; ++j) {
        const std::size_t js = static_cast<std::size_t>(j);
        const double a = rayAngle(j, rays);
        const double c = std::cos(a), s = std::sin(a);
        const double from = std::max(0.0, fromPx[js]);
        if (!(toPx[js] > from))
            continue;
        area += kTwoPi / rays * (toPx[js] * toPx[js] - from * from) / 2;
        for (double r = from; r <= toPx[js]; r += kStep) {
            const double v = sampleBilinear(patch.raw, cx + r * c, cy + r * s);
            sum += v;
            squares += v * v;
            ++count;
        }
    }
    BandMean band;
    if (count < 2)
        return band;
    band.mean = sum / static_cast<double>(count);
    const double variance =
        std::max(0.0, squares / static_cast<double>(count) - band.mean * band.mean);
    band.areaPx = area;
    // A bilinear sample at a uniform sub-pixel offset averages 4 pixels with E[Σw²] = (2/3)²
    // of one pixel's variance: the pixels' own variance is the samples' ÷ 4/9.
    band.se = std::sqrt(variance / (4.0 / 9.0) / std::max(1.0, area));
    return band;
}

std::vector<double> findLevelBoundary(const Patch& patch, PointPx centre, const RayLimits& limits,
                                      const RegionLevels& levels, const AreaOptions& options)
{
    const auto [rays, step, r0, r1, states, cx, cy, cosA, sinA] =
        rayGrid(patch, centre, limits, options);
    const double delta = levels.outside - levels.inside;
    const double mid = (levels.inside + levels.outside) / 2;
    auto profileAt = [&](int j, double r) { // mean over the ray and its two neighbours
        double sum = 0;
        for (int d = -1; d <= 1; ++d) {
            const std::size_t k = static_cast<std::size_t>(((j + d) % rays + rays) % rays);
            sum += sampleBilinear(patch.raw, cx + r * cosA[k], cy + r * sinA[k]);
        }
        return sum / 3;
    };
    // Region cost of the boundary at r: the radial steps inside it counted by how much closer
    // to the outer level than to the inner one they are, in px (+1 per px of pure outer level
    // inside, −1 per px of inner level), so the sum is least at the half-level crossing.
    std::vector<float> cost(static_cast<std::size_t>(rays) * states);
    for (int j = 0; j < rays; ++j) {
        const std::size_t js = static_cast<std::size_t>(j);
        double inside = 0;
        for (double r = 0; r < r0; r += step)
            inside += (sampleBilinear(patch.raw, cx + r * cosA[js], cy + r * sinA[js]) - mid) /
                      (delta / 2) * step;
        for (int i = 0; i < states; ++i) {
            const double r = r0 + i * step;
            double v = inside;
            if (r < limits.minPx[js] || r > limits.maxPx[js])
                v = 1e6;
            else if (!limits.priorPx.empty()) {
                const double d = r - limits.priorPx[js];
                v += options.priorWeight * d * d;
            }
            cost[js * static_cast<std::size_t>(states) + static_cast<std::size_t>(i)] =
                static_cast<float>(v);
            inside += (sampleBilinear(patch.raw, cx + r * cosA[js], cy + r * sinA[js]) - mid) /
                      (delta / 2) * step;
        }
    }
    const std::vector<int> path = dynamicPath(cost, rays, states, slopeLimits(limits, options));
    // Sub-pixel: where the 3-ray profile balances between the two levels over ±hw.
    const double hw = options.edgeHalfWindowPx;
    constexpr double kSub = 0.25;
    std::vector<double> radii(static_cast<std::size_t>(rays));
    for (int j = 0; j < rays; ++j) {
        const std::size_t js = static_cast<std::size_t>(j);
        const double rd = r0 + path[js] * step;
        const double start = std::max(0.0, rd - hw);
        double inner = 0;
        for (double r = start + kSub / 2; r < rd + hw; r += kSub)
            inner += (levels.outside - profileAt(j, r)) / delta * kSub; // unclamped: unbiased
        radii[js] = std::clamp(std::clamp(start + inner, rd - hw, rd + hw), limits.minPx[js],
                               limits.maxPx[js]);
    }
    return lowHarmonics(radii, kBoundaryArcPerHarmonicPx);
}

} // namespace insitu::area_detail
