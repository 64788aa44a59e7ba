// One frame of outline following for all particles: motion search, edge search, separation.

#include "particle_step.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <numeric>

namespace insitu::area_detail {

namespace {

double meanOf(const std::vector<double>& v)
{
    return v.empty() ? 0 : std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size());
}

double maxOf(const std::vector<double>& v)
{
    return v.empty() ? 0 : *std::max_element(v.begin(), v.end());
}

/// Re-centres an outline on its polygon's centroid.
StarOutline recentred(const StarOutline& outline)
{
    const std::vector<PointPx> polygon = toPolygon(outline);
    double a2 = 0, cx = 0, cy = 0;
    for (std::size_t i = 0; i < polygon.size(); ++i) {
        const PointPx& p = polygon[i];
        const PointPx& q = polygon[(i + 1) % polygon.size()];
        const double cross = p.x * q.y - q.x * p.y;
        a2 += cross;
        cx += (p.x + q.x) * cross;
        cy += (p.y + q.y) * cross;
    }
    if (std::abs(a2) < 1e-9)
        return outline;
    StarOutline out;
    out.centre = {cx / (3 * a2), cy / (3 * a2)};
    out.radiiPx = radiiAbout(polygon, out.centre, static_cast<int>(outline.radiiPx.size()));
    return out;
}

/// The template (smoothed, × polarity) around the outline's centre.
void storeTemplate(ParticleState& state, const cv::Mat& frame, const AreaOptions& options)
{
    const double radius = maxOf(state.current.outer.radiiPx) + 4;
    Patch patch = cropPatch(frame, state.current.outer.centre, radius, state.polarity,
                            options.smoothingSigmaPx);
    state.templ = patch.smooth;
    state.templCentre = {state.current.outer.centre.x - patch.origin.x,
                         state.current.outer.centre.y - patch.origin.y};
}

/// Parabolic sub-pixel offset of a peak from its two neighbours.
double parabolicOffset(double left, double centre, double right)
{
    const double d = left - 2 * centre + right;
    return std::abs(d) > 1e-12 ? std::clamp(0.5 * (left - right) / d, -0.5, 0.5) : 0.0;
}

/// Where the template best matches around predicted (frame px), or predicted itself.
PointPx searchMotion(const cv::Mat& frame, const ParticleState& state, PointPx predicted,
                     double searchPx, const AreaOptions& options)
{
    const cv::Mat& templ = state.templ;
    if (templ.cols < 8 || templ.rows < 8 || searchPx <= 0)
        return predicted;
    const int level = searchPx > 12 ? 2 : 1; // downsampling factor
    const double tlX = predicted.x - state.templCentre.x;
    const double tlY = predicted.y - state.templCentre.y;
    const int s = static_cast<int>(std::ceil(searchPx));
    cv::Rect box(static_cast<int>(std::floor(tlX)) - s, static_cast<int>(std::floor(tlY)) - s,
                 templ.cols + 2 * s, templ.rows + 2 * s);
    box &= cv::Rect(0, 0, frame.cols, frame.rows);
    if (box.width < templ.cols + 2 || box.height < templ.rows + 2)
        return predicted;
    cv::Mat region;
    frame(box).convertTo(region, CV_32F, state.polarity);
    cv::GaussianBlur(region, region, cv::Size(), options.smoothingSigmaPx, options.smoothingSigmaPx,
                     cv::BORDER_REPLICATE);
    cv::Mat t = templ;
    if (level == 2) {
        cv::resize(region, region, cv::Size(), 0.5, 0.5, cv::INTER_AREA);
        cv::resize(templ, t, cv::Size(), 0.5, 0.5, cv::INTER_AREA);
    }
    if (region.cols <= t.cols || region.rows <= t.rows)
        return predicted;
    cv::Mat score;
    cv::matchTemplate(region, t, score, cv::TM_CCOEFF_NORMED);
    cv::Point best;
    double bestScore = 0;
    cv::minMaxLoc(score, nullptr, &bestScore, nullptr, &best);
    if (!(bestScore > 0.2))
        return predicted;
    double bx = best.x, by = best.y;
    if (best.x > 0 && best.x + 1 < score.cols)
        bx += parabolicOffset(score.at<float>(best.y, best.x - 1), score.at<float>(best),
                              score.at<float>(best.y, best.x + 1));
    if (best.y > 0 && best.y + 1 < score.rows)
        by += parabolicOffset(score.at<float>(best.y - 1, best.x), score.at<float>(best),
                              score.at<float>(best.y + 1, best.x));
    return {box.x + bx * level + state.templCentre.x, box.y + by * level + state.templCentre.y};
}

/// Per-ray limits of the outer edge: around the prior, stopped short of the neighbours.
RayLimits outerLimits(const StarOutline& prior, const std::vector<StarOutline>& neighbours,
                      const AreaOptions& options)
{
    const int n = static_cast<int>(prior.radiiPx.size());
    RayLimits limits;
    limits.priorPx = prior.radiiPx;
    limits.minPx.resize(prior.radiiPx.size());
    limits.maxPx.resize(prior.radiiPx.size());
    for (int j = 0; j < n; ++j) {
        const std::size_t js = static_cast<std::size_t>(j);
        const double r = prior.radiiPx[js];
        limits.minPx[js] = std::max(1.0, options.innerRadiusFactor * r);
        limits.maxPx[js] = options.outerRadiusFactor * r + 3;
        const double a = 2 * std::numbers::pi * j / n;
        const double c = std::cos(a), s = std::sin(a);
        for (const StarOutline& q : neighbours) {
            const double dist =
                std::hypot(q.centre.x - prior.centre.x, q.centre.y - prior.centre.y);
            if (dist > limits.maxPx[js] + maxOf(q.radiiPx) + 1)
                continue;
            for (double rr = limits.minPx[js]; rr <= limits.maxPx[js]; rr += 0.25)
                if (insideStar(q, {prior.centre.x + rr * c, prior.centre.y + rr * s}, 0)) {
                    limits.maxPx[js] = std::max(limits.minPx[js] + 0.5, rr - 0.5 * options.gapPx);
                    break;
                }
        }
    }
    return limits;
}

/// The core/shell boundary inside the outer outline (same centre).
StarOutline findCore(const Patch& patch, const StarOutline& outer, const StarOutline* prior,
                     const AreaOptions& options)
{
    RayLimits limits;
    const std::size_t n = outer.radiiPx.size();
    limits.minPx.resize(n);
    limits.maxPx.resize(n);
    for (std::size_t j = 0; j < n; ++j) {
        limits.minPx[j] = std::max(1.0, 0.15 * outer.radiiPx[j]);
        // Clear of the outer edge: the edge score looks 1 px out, the level window hw + 1.5 px.
        limits.maxPx[j] =
            std::max(limits.minPx[j] + 0.5, outer.radiiPx[j] - 2 * options.edgeHalfWindowPx - 2);
    }
    if (prior && prior->radiiPx.size() == n)
        limits.priorPx = radiiAbout(toPolygon(*prior), outer.centre, static_cast<int>(n));
    AreaOptions coreOptions = options;
    coreOptions.gapPx = 0;
    StarOutline core{outer.centre, findStarEdge(patch, outer.centre, limits, coreOptions).radiiPx};
    for (std::size_t j = 0; j < n; ++j)
        core.radiiPx[j] = std::min(core.radiiPx[j], outer.radiiPx[j]);
    return core;
}

/// Pulls the vertices of a that lie inside b (grown by half the gap) back onto b's side.
void separate(StarOutline& a, const StarOutline& b, double gapPx)
{
    const int n = static_cast<int>(a.radiiPx.size());
    for (int j = 0; j < n; ++j) {
        const double ang = 2 * std::numbers::pi * j / n;
        const double c = std::cos(ang), s = std::sin(ang);
        double& r = a.radiiPx[static_cast<std::size_t>(j)];
        while (r > 1 && insideStar(b, {a.centre.x + r * c, a.centre.y + r * s}, 0.5 * gapPx))
            r -= 0.1;
    }
}

} // namespace

ParticleState stateFromOutline(const cv::Mat& frame, const std::vector<PointPx>& outlinePx,
                               const AreaOptions& options)
{
    ParticleState state;
    StarOutline outline;
    double a2 = 0, cx = 0, cy = 0;
    for (std::size_t i = 0; i < outlinePx.size(); ++i) {
        const PointPx& p = outlinePx[i];
        const PointPx& q = outlinePx[(i + 1) % outlinePx.size()];
        const double cross = p.x * q.y - q.x * p.y;
        a2 += cross;
        cx += (p.x + q.x) * cross;
        cy += (p.y + q.y) * cross;
    }
    outline.centre = {cx / (3 * a2), cy / (3 * a2)};
    outline.radiiPx = radiiAbout(outlinePx, outline.centre, options.rayCount);
    state.current.outer = outline;
    state.current.confidence = 1;
    // Polarity: the inside (up to 0.8 r) against a ring at 1.15–1.4 r.
    Patch patch = cropPatch(frame, outline.centre, 1.5 * maxOf(outline.radiiPx) + 2, 1.0,
                            options.smoothingSigmaPx);
    double in = 0, out = 0;
    int count = 0;
    for (int j = 0; j < options.rayCount; ++j) {
        const double a = 2 * std::numbers::pi * j / options.rayCount;
        const double r = outline.radiiPx[static_cast<std::size_t>(j)];
        for (double f : {0.3, 0.55, 0.8}) {
            in += sampleBilinear(patch.smooth,
                                 outline.centre.x - patch.origin.x + f * r * std::cos(a),
                                 outline.centre.y - patch.origin.y + f * r * std::sin(a));
            ++count;
        }
        for (double f : {1.15, 1.25, 1.4})
            out += sampleBilinear(patch.smooth,
                                  outline.centre.x - patch.origin.x + f * r * std::cos(a),
                                  outline.centre.y - patch.origin.y + f * r * std::sin(a));
    }
    state.polarity = in <= out ? 1.0 : -1.0;
    (void)count;
    if (options.core) {
        Patch p =
            cropPatch(frame, outline.centre, maxOf(outline.radiiPx) + options.edgeHalfWindowPx + 3,
                      state.polarity, options.smoothingSigmaPx);
        state.current.core = findCore(p, outline, nullptr, options);
    }
    storeTemplate(state, frame, options);
    return state;
}

void followFrame(const cv::Mat& frame, PointPx driftStepPx, const std::vector<bool>& isKey,
                 std::vector<std::optional<ParticleState>>& states, const AreaOptions& options)
{
    const std::size_t count = states.size();
    // Predictions: the previous outline moved by the drift step and the template search.
    std::vector<StarOutline> predicted(count);
    for (std::size_t p = 0; p < count; ++p) {
        if (!states[p])
            continue;
        ParticleState& s = *states[p];
        predicted[p] = s.current.outer;
        if (isKey[p])
            continue;
        const PointPx guess{s.current.outer.centre.x + driftStepPx.x,
                            s.current.outer.centre.y + driftStepPx.y};
        const double searchPx =
            std::max(options.minSearchRadiusPx,
                     options.searchRadiusFactor * meanOf(s.current.outer.radiiPx));
        predicted[p].centre = options.searchRadiusFactor > 0
                                  ? searchMotion(frame, s, guess, searchPx, options)
                                  : guess;
    }
    for (std::size_t p = 0; p < count; ++p) {
        if (!states[p] || isKey[p])
            continue;
        ParticleState& s = *states[p];
        std::vector<StarOutline> neighbours;
        for (std::size_t q = 0; q < count; ++q)
            if (q != p && states[q])
                neighbours.push_back(predicted[q]);
        const RayLimits limits = outerLimits(predicted[p], neighbours, options);
        const Patch patch = cropPatch(frame, predicted[p].centre,
                                      maxOf(limits.maxPx) + options.edgeHalfWindowPx + 2,
                                      s.polarity, options.smoothingSigmaPx);
        const EdgeFit edge = findStarEdge(patch, predicted[p].centre, limits, options);
        StarOutline outer{predicted[p].centre, edge.radiiPx};
        for (const StarOutline& q : neighbours)
            separate(outer, q, options.gapPx);
        predicted[p] = outer; // later particles see the new outline
        FrameOutline next;
        next.outer = recentred(outer);
        next.confidence = edge.confidence;
        if (options.core)
            next.core =
                findCore(patch, next.outer,
                         s.current.core.radiiPx.empty() ? nullptr : &s.current.core, options);
        s.current = next;
        storeTemplate(s, frame, options);
    }
}

} // namespace insitu::area_detail
