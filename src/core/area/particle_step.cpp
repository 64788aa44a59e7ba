// One frame of outline following for all particles: motion search, edge search, separation.

#include "particle_step.h"

#include "insitu/thread_budget.h"

#include <opencv2/core/utility.hpp>
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

/// The mean step of a coating's inner edge, in its standard errors, that is taken as seen.
constexpr double kCoreClearZ = 6;
/// The shell's level above the core's, in standard errors of the difference, that is taken as a
/// shell seen.
constexpr double kShellZ = 4;

/// The motion search's least normalised correlation that is taken as a match.
constexpr double kMinMatchScore = 0.2;
/// Outlines at least this elongated (elongation(): 1.5:1 ≈ 0.3, 2:1 ≈ 0.4) are searched as
/// their shape, turned …
constexpr double kTurnElongation = 0.3;
/// … in steps of this many degrees up to ±kMaxTurnDeg between two frames.
constexpr double kTurnStepDeg = 6;
constexpr double kMaxTurnDeg = 30;

/// Runs body(i) for i in [0, count): on OpenCV's threads when the thread budget allows more
/// than one, else on this thread. Each i must touch only its own data.
template <class Body> void forEachIndex(int count, const Body& body)
{
    if (count > 1 && budgetedThreads(2) > 1)
        cv::parallel_for_(cv::Range(0, count), [&](const cv::Range& range) {
            for (int i = range.start; i < range.end; ++i)
                body(i);
        });
    else
        for (int i = 0; i < count; ++i)
            body(i);
}

/// The particles whose edge searches can touch each other (directly or through a chain), each
/// group in index order. A search reaches at most outerRadiusFactor × the largest radius + 3 px
/// from its centre (and the neighbour's found outline no further), so two particles farther
/// apart than both reaches and the gap never see each other: their groups run in any order
/// with the same result as one after the other.
std::vector<std::vector<std::size_t>> interactingGroups(const std::vector<StarOutline>& predicted,
                                                        const std::vector<bool>& present,
                                                        const AreaOptions& options)
{
    const std::size_t count = predicted.size();
    std::vector<std::size_t> root(count);
    std::iota(root.begin(), root.end(), std::size_t{0});
    auto find = [&](std::size_t i) {
        while (root[i] != i)
            i = root[i] = root[root[i]];
        return i;
    };
    std::vector<double> reach(count, 0.0);
    for (std::size_t p = 0; p < count; ++p)
        if (present[p]) {
            const double r = maxOf(predicted[p].radiiPx);
            reach[p] = std::max(r, options.outerRadiusFactor * r + 3) + options.gapPx;
        }
    for (std::size_t p = 0; p < count; ++p)
        for (std::size_t q = p + 1; q < count; ++q)
            if (present[p] && present[q] &&
                std::hypot(predicted[p].centre.x - predicted[q].centre.x,
                           predicted[p].centre.y - predicted[q].centre.y) <=
                    reach[p] + reach[q] + options.gapPx + 1)
                root[find(q)] = find(p);
    std::vector<std::vector<std::size_t>> groups;
    std::vector<int> groupOf(count, -1);
    for (std::size_t p = 0; p < count; ++p) {
        if (!present[p])
            continue;
        const std::size_t r = find(p);
        if (groupOf[r] < 0) {
            groupOf[r] = static_cast<int>(groups.size());
            groups.emplace_back();
        }
        groups[static_cast<std::size_t>(groupOf[r])].push_back(p);
    }
    return groups;
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

/// The outline's shape as a template like storeTemplate's (same size and centre): 0 inside,
/// 1 outside (the particle darker, as in the polarity-normalised frame), blurred like the frame.
/// A model of the particle, not a noisy copy of the last frame: a wrong position does not
/// carry over into the next frame's template, and it can be turned.
cv::Mat shapeTemplate(const StarOutline& outline, cv::Size size, PointPx centreInTemplate,
                      double sigmaPx)
{
    constexpr int kShift = 4;
    std::vector<cv::Point> points;
    const int n = static_cast<int>(outline.radiiPx.size());
    for (int j = 0; j < n; ++j) {
        const double a = 2 * std::numbers::pi * j / n;
        const double r = outline.radiiPx[static_cast<std::size_t>(j)];
        points.emplace_back(
            static_cast<int>(std::lround((centreInTemplate.x + r * std::cos(a)) * (1 << kShift))),
            static_cast<int>(std::lround((centreInTemplate.y + r * std::sin(a)) * (1 << kShift))));
    }
    cv::Mat mask(size, CV_8U, cv::Scalar(0));
    cv::fillPoly(mask, std::vector<std::vector<cv::Point>>{points}, cv::Scalar(1), cv::LINE_AA,
                 kShift);
    cv::Mat t;
    mask.convertTo(t, CV_32F, -1.0, 1.0);
    cv::GaussianBlur(t, t, cv::Size(), sigmaPx, sigmaPx, cv::BORDER_REPLICATE);
    return t;
}

/// The outline turned by shift rays (2π·shift/rayCount).
StarOutline turned(const StarOutline& outline, int shift)
{
    StarOutline out = outline;
    const int n = static_cast<int>(outline.radiiPx.size());
    for (int j = 0; j < n; ++j)
        out.radiiPx[static_cast<std::size_t>(j)] =
            outline.radiiPx[static_cast<std::size_t>(((j - shift) % n + n) % n)];
    return out;
}

/// How elongated an outline is: the amplitude of its radii's second harmonic over their mean
/// (0 for a circle, about 0.4 for a 2:1 ellipse).
double elongation(const std::vector<double>& radii)
{
    const int n = static_cast<int>(radii.size());
    double c = 0, s = 0;
    for (int j = 0; j < n; ++j) {
        const double a = 4 * std::numbers::pi * j / n;
        c += radii[static_cast<std::size_t>(j)] * std::cos(a);
        s += radii[static_cast<std::size_t>(j)] * std::sin(a);
    }
    const double mean = meanOf(radii);
    return mean > 0 ? 2 * std::hypot(c, s) / n / mean : 0;
}

/// The found motion: the centre and the turn (in rays) of the outline.
struct Motion
{
    PointPx centre;
    int turnRays = 0;
};

/// The crop box of frame (any depth) as float32 × polarity, smoothed by σ; where the box
/// leaves the frame, the frame's border is repeated (a particle at the border can still be
/// matched by a template that reaches outside).
cv::Mat smoothedCrop(const cv::Mat& frame, cv::Rect box, double polarity, double sigmaPx)
{
    const cv::Rect inside = box & cv::Rect(0, 0, frame.cols, frame.rows);
    cv::Mat region;
    if (inside.width < 1 || inside.height < 1)
        return region;
    frame(inside).convertTo(region, CV_32F, polarity);
    if (inside != box)
        cv::copyMakeBorder(region, region, inside.y - box.y, box.br().y - inside.br().y,
                           inside.x - box.x, box.br().x - inside.br().x, cv::BORDER_REPLICATE);
    cv::GaussianBlur(region, region, cv::Size(), sigmaPx, sigmaPx, cv::BORDER_REPLICATE);
    return region;
}

/// The best normalised correlation of template t in region: its value and the sub-pixel
/// top-left position (parabolic peak).
std::pair<double, cv::Point2d> bestMatch(const cv::Mat& region, const cv::Mat& t)
{
    cv::Mat score;
    cv::matchTemplate(region, t, score, cv::TM_CCOEFF_NORMED);
    cv::Point best;
    double value = 0;
    cv::minMaxLoc(score, nullptr, &value, nullptr, &best);
    double bx = best.x, by = best.y;
    if (best.x > 0 && best.x + 1 < score.cols)
        bx += parabolicOffset(score.at<float>(best.y, best.x - 1), score.at<float>(best),
                              score.at<float>(best.y, best.x + 1));
    if (best.y > 0 && best.y + 1 < score.rows)
        by += parabolicOffset(score.at<float>(best.y - 1, best.x), score.at<float>(best),
                              score.at<float>(best.y + 1, best.x));
    return {value, {bx, by}};
}

/// Where the particle's shape (turned by up to ±30° when it is elongated enough for a turn to
/// show) best matches around predicted (frame px); predicted itself when nothing matches. A
/// search wider than 12 px runs at half resolution and is refined at full resolution within
/// ±2 px.
Motion searchMotion(const cv::Mat& frame, const ParticleState& state, PointPx predicted,
                    double searchPx, const AreaOptions& options)
{
    const cv::Size templ = state.templ.size();
    if (templ.width < 8 || templ.height < 8 || searchPx <= 0)
        return {predicted, 0};
    const int level = searchPx > 12 ? 2 : 1; // downsampling factor
    const double tlX = predicted.x - state.templCentre.x;
    const double tlY = predicted.y - state.templCentre.y;
    const int s = static_cast<int>(std::ceil(searchPx));
    // An elongated particle is searched as its outline's shape, turned; a round one as the
    // last frame's patch, which also holds its neighbours and so pins it among them.
    const bool byShape = elongation(state.current.outer.radiiPx) > kTurnElongation;
    cv::Rect box(static_cast<int>(std::floor(tlX)) - s, static_cast<int>(std::floor(tlY)) - s,
                 templ.width + 2 * s, templ.height + 2 * s);
    if (!byShape) { // the patch search stays inside the frame
        box &= cv::Rect(0, 0, frame.cols, frame.rows);
        if (box.width < templ.width + 2 || box.height < templ.height + 2)
            return {predicted, 0};
    }
    cv::Mat region = smoothedCrop(frame, box, state.polarity, options.smoothingSigmaPx);
    if (region.empty())
        return {predicted, 0};
    if (level == 2)
        cv::resize(region, region, cv::Size(), 0.5, 0.5, cv::INTER_AREA);
    const int rays = static_cast<int>(state.current.outer.radiiPx.size());
    std::vector<int> turns{0};
    if (byShape) {
        const int stepRays =
            std::max(1, static_cast<int>(std::lround(rays * kTurnStepDeg / 360.0)));
        for (int k = 1; k * stepRays * 360.0 / rays <= kMaxTurnDeg + 1e-9; ++k) {
            turns.push_back(k * stepRays);
            turns.push_back(-k * stepRays);
        }
    }
    double bestScore = -2;
    cv::Point2d bestAt;
    int bestTurn = 0;
    cv::Mat bestTemplate;
    const std::size_t coarseTurns = turns.size();
    for (std::size_t i = 0; i < turns.size(); ++i) {
        const int turn = turns[i];
        const cv::Mat full = byShape ? shapeTemplate(turned(state.current.outer, turn), templ,
                                                     state.templCentre, options.smoothingSigmaPx)
                                     : state.templ;
        cv::Mat t = full;
        if (level == 2)
            cv::resize(full, t, cv::Size(), 0.5, 0.5, cv::INTER_AREA);
        if (region.cols <= t.cols || region.rows <= t.rows)
            return {predicted, 0};
        const auto [value, at] = bestMatch(region, t);
        if (value > bestScore) {
            bestScore = value;
            bestAt = at * level;
            bestTurn = turn;
            bestTemplate = full;
        }
        // After the coarse turns: every ray's turn between the best one's neighbours.
        if (i + 1 == coarseTurns && coarseTurns > 1) {
            const int stepRays = std::abs(turns[1]);
            for (int d = 1; d < stepRays; ++d) {
                turns.push_back(bestTurn + d);
                turns.push_back(bestTurn - d);
            }
        }
    }
    if (!(bestScore > kMinMatchScore))
        return {predicted, 0};
    if (level == 2 && byShape) {
        constexpr int kRefinePx = 2;
        const cv::Rect fine(box.x + static_cast<int>(std::lround(bestAt.x)) - kRefinePx,
                            box.y + static_cast<int>(std::lround(bestAt.y)) - kRefinePx,
                            templ.width + 2 * kRefinePx, templ.height + 2 * kRefinePx);
        const cv::Mat near = smoothedCrop(frame, fine, state.polarity, options.smoothingSigmaPx);
        if (!near.empty()) {
            const auto [value, at] = bestMatch(near, bestTemplate);
            if (value > kMinMatchScore)
                return {{fine.x + at.x + state.templCentre.x, fine.y + at.y + state.templCentre.y},
                        bestTurn};
        }
    }
    return {{box.x + bestAt.x + state.templCentre.x, box.y + bestAt.y + state.templCentre.y},
            bestTurn};
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

/// The same patch with the sign flipped: an edge darker outside becomes darker inside.
Patch negated(const Patch& patch)
{
    return {-patch.raw, -patch.smooth, patch.origin};
}

/// Per-ray limits inside an outer outline: from max(1, minFraction × its radius) to maxPx(j)
/// (at least 0.5 px beyond the minimum).
template <typename MaxPx>
RayLimits limitsInside(const StarOutline& outer, double minFraction, MaxPx maxPx)
{
    RayLimits limits;
    const std::size_t n = outer.radiiPx.size();
    limits.minPx.resize(n);
    limits.maxPx.resize(n);
    for (std::size_t j = 0; j < n; ++j) {
        limits.minPx[j] = std::max(1.0, minFraction * outer.radiiPx[j]);
        limits.maxPx[j] = std::max(limits.minPx[j] + 0.5, maxPx(j));
    }
    return limits;
}

/// An outline with the outer's centre and radii, no ray beyond the outer's.
StarOutline clippedTo(const StarOutline& outer, std::vector<double> radiiPx)
{
    for (std::size_t j = 0; j < radiiPx.size() && j < outer.radiiPx.size(); ++j)
        radiiPx[j] = std::min(radiiPx[j], outer.radiiPx[j]);
    return {outer.centre, std::move(radiiPx)};
}

/// The inner edge of the coating (same centre as outer): inside the outer edge, the closed edge
/// where the profile turns darker outward, since the coating absorbs more than what it holds.
/// Empty radii when that edge does not clear the noise (no coating to see).
StarOutline findCoatingInner(const Patch& patch, const StarOutline& outer,
                             const AreaOptions& options)
{
    const RayLimits limits =
        limitsInside(outer, 0.3, [&](std::size_t j) { return outer.radiiPx[j] - 1; });
    AreaOptions o = options;
    o.gapPx = 0;
    const EdgeFit edge = findStarEdge(negated(patch), outer.centre, limits, o);
    if (!(edge.contrastZ > kCoreClearZ))
        return {outer.centre, {}};
    return clippedTo(outer, edge.radiiPx);
}

/// The core/shell boundary by its edge alone (no coating seen to bound it): the darker-inside
/// edge between 0.15 × the outer radius and clear of the outer edge.
StarOutline coreByEdge(const Patch& patch, const StarOutline& outer, const StarOutline* prior,
                       const AreaOptions& options)
{
    const std::size_t n = outer.radiiPx.size();
    // Clear of the outer edge: the edge score looks 1 px out, the level window hw + 1.5 px.
    RayLimits limits = limitsInside(outer, 0.15, [&](std::size_t j) {
        return outer.radiiPx[j] - 2 * options.edgeHalfWindowPx - 2;
    });
    if (prior && prior->radiiPx.size() == n)
        limits.priorPx = radiiAbout(toPolygon(*prior), outer.centre, static_cast<int>(n));
    AreaOptions coreOptions = options;
    coreOptions.gapPx = 0;
    return clippedTo(outer, findStarEdge(patch, outer.centre, limits, coreOptions).radiiPx);
}

/// The core/shell boundary inside the outer outline (same centre): a second search between
/// the centre and the coating's inner edge, on the levels of the core and of the lighter shell
/// only (a region cost, findLevelBoundary). Until the shell's level first clears the core's by
/// kShellZ standard errors (the first frames have no shell) the core fills the coating; the
/// first boundary is searched without a temporal prior (re-seeded), the later ones with it.
FrameOutline withCore(FrameOutline next, const Patch& patch, const FrameOutline* previous,
                      const AreaOptions& options)
{
    const StarOutline& outer = next.outer;
    const std::size_t n = outer.radiiPx.size();
    const int rays = static_cast<int>(n);
    const bool hadCore = previous && previous->core.radiiPx.size() == n;
    const std::optional<std::vector<double>> previousCore =
        hadCore ? std::optional(radiiAbout(toPolygon(previous->core), outer.centre, rays))
                : std::nullopt;
    const StarOutline inner = findCoatingInner(patch, outer, options);
    if (inner.radiiPx.empty()) {
        next.core = coreByEdge(patch, outer, hadCore ? &previous->core : nullptr, options);
        return next;
    }
    const std::vector<double>& fill = inner.radiiPx;
    const std::vector<double>& guess = previousCore ? *previousCore : fill;
    // Levels: the core well inside the last boundary, the shell in the band between it and the
    // coating (at least the 2 px just inside the coating), both 1 px clear of any edge.
    std::vector<double> zero(n, 0.0), coreTo(n), shellFrom(n), shellTo(n);
    for (std::size_t j = 0; j < n; ++j) {
        coreTo[j] = std::max(1.0, std::min(0.7 * guess[j], fill[j] - 4));
        shellTo[j] = fill[j] - 1;
        shellFrom[j] = std::max(coreTo[j] + 1, std::min(fill[j] - 3, guess[j] + 1.5));
    }
    const BandMean coreBand = bandMean(patch, outer.centre, zero, coreTo);
    const BandMean shellBand = bandMean(patch, outer.centre, shellFrom, shellTo);
    RegionLevels levels{coreBand.mean, shellBand.mean, std::hypot(coreBand.se, shellBand.se)};
    const double z =
        levels.differenceSe > 0 ? (levels.outside - levels.inside) / levels.differenceSe : 0;
    const bool seen = previous && previous->coreSeen && previousCore;
    if (!(levels.outside > levels.inside) || (!seen && !(z > kShellZ))) {
        next.core = inner; // no shell seen: the core fills the coating
        next.coreSeen = seen;
        return next;
    }
    RayLimits limits = limitsInside(
        outer, 0.15, [&](std::size_t j) { return fill[j] - options.edgeHalfWindowPx - 1; });
    if (seen)
        limits.priorPx = *previousCore;
    next.core = {outer.centre, findLevelBoundary(patch, outer.centre, limits, levels, options)};
    // Once more with the levels on either side of the boundary just found (1.5 px clear).
    for (std::size_t j = 0; j < n; ++j) {
        coreTo[j] = std::max(1.0, next.core.radiiPx[j] - 1.5);
        shellFrom[j] = std::min(fill[j] - 3, next.core.radiiPx[j] + 1.5);
    }
    const BandMean coreAgain = bandMean(patch, outer.centre, zero, coreTo);
    const BandMean shellAgain = bandMean(patch, outer.centre, shellFrom, shellTo);
    if (shellAgain.mean > coreAgain.mean) {
        levels = {coreAgain.mean, shellAgain.mean, std::hypot(coreAgain.se, shellAgain.se)};
        next.core = {outer.centre, findLevelBoundary(patch, outer.centre, limits, levels, options)};
    }
    next.coreSeen = true;
    return next;
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
        state.current = withCore(state.current, p, nullptr, options);
    }
    storeTemplate(state, frame, options);
    return state;
}

void followFrame(const cv::Mat& frame, PointPx driftStepPx, const std::vector<bool>& isKey,
                 std::vector<std::optional<ParticleState>>& states, const AreaOptions& options)
{
    const std::size_t count = states.size();
    // Predictions: the previous outline moved by the drift step and the template search (each
    // particle on its own, in parallel).
    std::vector<StarOutline> predicted(count);
    std::vector<bool> present(count, false);
    for (std::size_t p = 0; p < count; ++p)
        if (states[p]) {
            predicted[p] = states[p]->current.outer;
            present[p] = true;
        }
    forEachIndex(static_cast<int>(count), [&](int i) {
        const std::size_t p = static_cast<std::size_t>(i);
        if (!states[p] || isKey[p])
            return;
        const ParticleState& s = *states[p];
        const PointPx guess{s.current.outer.centre.x + driftStepPx.x,
                            s.current.outer.centre.y + driftStepPx.y};
        const double searchPx =
            std::max(options.minSearchRadiusPx,
                     options.searchRadiusFactor * meanOf(s.current.outer.radiiPx));
        if (options.searchRadiusFactor > 0) {
            const Motion motion = searchMotion(frame, s, guess, searchPx, options);
            predicted[p] = turned(predicted[p], motion.turnRays);
            predicted[p].centre = motion.centre;
        } else {
            predicted[p].centre = guess;
        }
    });
    // Edge searches: within a group of particles that can touch, one after the other in index
    // order (later particles see the new outlines); separate groups in parallel.
    const auto groups = interactingGroups(predicted, present, options);
    forEachIndex(static_cast<int>(groups.size()), [&](int g) {
        const std::vector<std::size_t>& group = groups[static_cast<std::size_t>(g)];
        for (std::size_t p : group) {
            if (isKey[p])
                continue;
            ParticleState& s = *states[p];
            std::vector<StarOutline> neighbours;
            for (std::size_t q : group)
                if (q != p)
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
                next = withCore(next, patch, &s.current, options);
            s.current = next;
            storeTemplate(s, frame, options);
        }
    });
}

} // namespace insitu::area_detail
