// followOutlines: forward and backward passes from the keyframes, blended between keyframes.

#include "insitu/area/area_tracker.h"

#include "particle_step.h"
#include "polar_outline.h"

#include "insitu/error.h"
#include "insitu/thread_budget.h"

#include <algorithm>
#include <cmath>
#include <future>
#include <map>
#include <numbers>
#include <optional>
#include <string>

namespace insitu {

using area_detail::StarOutline;

std::vector<PointPx> roiOutlinePx(const Roi& roi)
{
    if (roi.shape == RoiShape::Polygon) {
        if (roi.points.size() < 3)
            throw Error("area: a polygon ROI needs at least 3 vertices");
        return roi.points;
    }
    if (roi.shape == RoiShape::Ellipse && roi.points.size() == 2) {
        const double cx = (roi.points[0].x + roi.points[1].x) / 2;
        const double cy = (roi.points[0].y + roi.points[1].y) / 2;
        const double ax = std::abs(roi.points[1].x - roi.points[0].x) / 2;
        const double ay = std::abs(roi.points[1].y - roi.points[0].y) / 2;
        if (!(ax > 0.5 && ay > 0.5))
            throw Error("area: the ellipse ROI is too small");
        std::vector<PointPx> polygon;
        for (int i = 0; i < 72; ++i) {
            const double a = 2 * std::numbers::pi * i / 72;
            polygon.push_back({cx + ax * std::cos(a), cy + ay * std::sin(a)});
        }
        return polygon;
    }
    throw Error("area: particles are drawn as polygon or ellipse ROIs");
}

PolygonMeasures measurePolygon(const std::vector<PointPx>& polygon)
{
    PolygonMeasures m;
    const std::size_t n = polygon.size();
    double a2 = 0, cx = 0, cy = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const PointPx& p = polygon[i];
        const PointPx& q = polygon[(i + 1) % n];
        const double cross = p.x * q.y - q.x * p.y;
        a2 += cross;
        cx += (p.x + q.x) * cross;
        cy += (p.y + q.y) * cross;
        m.perimeterPx += std::hypot(q.x - p.x, q.y - p.y);
    }
    m.areaPx = std::abs(a2) / 2;
    if (std::abs(a2) > 1e-12)
        m.centroidPx = {cx / (3 * a2), cy / (3 * a2)};
    return m;
}

namespace {

/// One particle's outlines found by one pass, per frame (nullopt: not reached).
using PassOutlines = std::vector<std::optional<area_detail::FrameOutline>>;

std::map<int, std::vector<const AreaKeyframe*>>
keyframesByParticle(const std::vector<AreaKeyframe>& keyframes, int frameCount)
{
    std::map<int, std::vector<const AreaKeyframe*>> byParticle;
    for (const AreaKeyframe& k : keyframes) {
        if (k.particle < 0)
            throw Error("area: a keyframe names particle " + std::to_string(k.particle));
        if (k.frame < 0 || k.frame >= frameCount)
            throw Error("area: keyframe frame " + std::to_string(k.frame) +
                        " is outside the movie (" + std::to_string(frameCount) + " frames)");
        if (k.outlinePx.size() < 3)
            throw Error("area: a keyframe outline needs at least 3 vertices");
        if (measurePolygon(k.outlinePx).areaPx < 4)
            throw Error("area: the outline of particle " + std::to_string(k.particle) +
                        " at frame " + std::to_string(k.frame) + " is smaller than 4 px²");
        auto& list = byParticle[k.particle];
        std::erase_if(list, [&](const AreaKeyframe* o) { return o->frame == k.frame; });
        list.push_back(&k);
    }
    for (auto& [particle, list] : byParticle)
        std::sort(list.begin(), list.end(),
                  [](const AreaKeyframe* a, const AreaKeyframe* b) { return a->frame < b->frame; });
    int expected = 0;
    for (const auto& [particle, list] : byParticle)
        if (particle != expected++)
            throw Error("area: particles are numbered 0, 1, … without gaps (particle " +
                        std::to_string(expected - 1) + " has no outline)");
    return byParticle;
}

/// One pass through frames [first, last] (step ±1): keyframes reset a particle, the others
/// are followed from their previous outline.
std::vector<PassOutlines> runPass(const Movie& movie, const DriftResult* drift,
                                  const std::map<int, std::vector<const AreaKeyframe*>>& byParticle,
                                  int first, int last, const AreaOptions& options,
                                  Progress& progress)
{
    const int n = movie.frameCount();
    const int step = last >= first ? 1 : -1;
    const int particles = static_cast<int>(byParticle.size());
    std::vector<PassOutlines> out(static_cast<std::size_t>(particles),
                                  PassOutlines(static_cast<std::size_t>(n)));
    std::vector<std::optional<area_detail::ParticleState>> states(
        static_cast<std::size_t>(particles));
    int previousFrame = -1;
    // The next frame is read while this one is followed (on this thread alone when the thread
    // budget is one).
    const bool readAhead = budgetedThreads(2) > 1;
    std::future<Frame> ahead;
    for (int k = first;; k += step) {
        const Frame current = ahead.valid() ? ahead.get() : movie.frame(k);
        if (readAhead && k != last)
            ahead =
                std::async(std::launch::async, [&movie, k, step] { return movie.frame(k + step); });
        const cv::Mat frame = current.mat();
        PointPx driftStep{0, 0};
        if (drift && previousFrame >= 0 && k < drift->frameCount() &&
            previousFrame < drift->frameCount())
            driftStep = {drift->dxPx[static_cast<std::size_t>(k)] -
                             drift->dxPx[static_cast<std::size_t>(previousFrame)],
                         drift->dyPx[static_cast<std::size_t>(k)] -
                             drift->dyPx[static_cast<std::size_t>(previousFrame)]};
        // Keyframes first: they are the neighbours' constraints too.
        std::vector<bool> isKey(static_cast<std::size_t>(particles), false);
        std::vector<bool> refine(static_cast<std::size_t>(particles), false);
        for (const auto& [p, list] : byParticle)
            for (const AreaKeyframe* key : list)
                if (key->frame == k) {
                    states[static_cast<std::size_t>(p)] =
                        area_detail::stateFromOutline(frame, key->outlinePx, options);
                    isKey[static_cast<std::size_t>(p)] = true;
                    refine[static_cast<std::size_t>(p)] = key->refine;
                }
        area_detail::followFrame(frame, driftStep, isKey, states, options);
        if (std::find(refine.begin(), refine.end(), true) != refine.end()) {
            // Seeds drawn by hand: twice the edge search at their own frame, the others fixed.
            std::vector<bool> fixed(refine.size());
            for (std::size_t p = 0; p < refine.size(); ++p)
                fixed[p] = !refine[p];
            for (int pass = 0; pass < 2; ++pass)
                area_detail::followFrame(frame, {0, 0}, fixed, states, options);
        }
        for (int p = 0; p < particles; ++p)
            if (const auto& s = states[static_cast<std::size_t>(p)])
                out[static_cast<std::size_t>(p)][static_cast<std::size_t>(k)] = s->current;
        previousFrame = k;
        progress.advance();
        if (k == last)
            break;
    }
    return out;
}

/// Weighted blend of two outlines of the same particle at the same frame.
area_detail::FrameOutline blend(const area_detail::FrameOutline& a, double wa,
                                const area_detail::FrameOutline& b, int rayCount)
{
    const double wb = 1 - wa;
    area_detail::FrameOutline m;
    m.outer.centre = {wa * a.outer.centre.x + wb * b.outer.centre.x,
                      wa * a.outer.centre.y + wb * b.outer.centre.y};
    const auto ra =
        area_detail::radiiAbout(area_detail::toPolygon(a.outer), m.outer.centre, rayCount);
    const auto rb =
        area_detail::radiiAbout(area_detail::toPolygon(b.outer), m.outer.centre, rayCount);
    m.outer.radiiPx.resize(ra.size());
    for (std::size_t j = 0; j < ra.size(); ++j)
        m.outer.radiiPx[j] = wa * ra[j] + wb * rb[j];
    if (!a.core.radiiPx.empty() && !b.core.radiiPx.empty()) {
        m.core.centre = m.outer.centre;
        const auto ca =
            area_detail::radiiAbout(area_detail::toPolygon(a.core), m.core.centre, rayCount);
        const auto cb =
            area_detail::radiiAbout(area_detail::toPolygon(b.core), m.core.centre, rayCount);
        m.core.radiiPx.resize(ca.size());
        for (std::size_t j = 0; j < ca.size(); ++j)
            m.core.radiiPx[j] = wa * ca[j] + wb * cb[j];
    }
    m.confidence = wa * a.confidence + wb * b.confidence;
    return m;
}

void appendFrame(AreaTrack& track, int frame, const area_detail::FrameOutline& o, bool core)
{
    const std::vector<PointPx> polygon = area_detail::toPolygon(o.outer);
    const PolygonMeasures m = measurePolygon(polygon);
    track.frames.push_back(frame);
    track.outlinesPx.push_back(polygon);
    track.areaPx.push_back(m.areaPx);
    track.perimeterPx.push_back(m.perimeterPx);
    track.centroidPx.push_back(m.centroidPx);
    track.edgeConfidence.push_back(o.confidence);
    if (core) {
        const std::vector<PointPx> corePolygon =
            o.core.radiiPx.empty() ? std::vector<PointPx>{} : area_detail::toPolygon(o.core);
        track.coreOutlinesPx.push_back(corePolygon);
        track.coreAreaPx.push_back(corePolygon.empty() ? 0.0 : measurePolygon(corePolygon).areaPx);
    }
}

} // namespace

AreaResult followOutlines(const Movie& movie, const DriftResult* drift,
                          const std::vector<AreaKeyframe>& keyframes, const AreaOptions& options,
                          Progress& progress)
{
    if (options.rayCount < 16 || options.rayCount > 4096)
        throw Error("area: the ray count must be 16…4096");
    if (!(options.radialStepPx > 0.05) || !(options.smoothingSigmaPx >= 0.3))
        throw Error("area: radial step > 0.05 px and smoothing σ ≥ 0.3 px");
    const int n = movie.frameCount();
    if (keyframes.empty())
        throw Error(movie.info().path.string() + ": area: draw at least one particle outline");
    const auto byParticle = keyframesByParticle(keyframes, n);
    int firstKey = n, lastKey = 0;
    for (const auto& [p, list] : byParticle) {
        firstKey = std::min(firstKey, list.front()->frame);
        lastKey = std::max(lastKey, list.back()->frame);
    }
    const bool backward = lastKey > 0;
    progress.start((n - firstKey) + (backward ? lastKey + 1 : 0), "Following outlines");
    const auto forward = runPass(movie, drift, byParticle, firstKey, n - 1, options, progress);
    std::vector<PassOutlines> back;
    if (backward)
        back = runPass(movie, drift, byParticle, lastKey, 0, options, progress);

    AreaResult result;
    result.options = options;
    result.keyframes = keyframes;
    for (const auto& [p, list] : byParticle) {
        AreaTrack track;
        track.index = p;
        for (int k = 0; k < n; ++k) {
            const AreaKeyframe* before = nullptr;
            const AreaKeyframe* after = nullptr;
            for (const AreaKeyframe* key : list) {
                if (key->frame <= k)
                    before = key;
                if (key->frame >= k && !after)
                    after = key;
            }
            const auto& f = forward[static_cast<std::size_t>(p)][static_cast<std::size_t>(k)];
            const std::optional<area_detail::FrameOutline>* b =
                backward ? &back[static_cast<std::size_t>(p)][static_cast<std::size_t>(k)]
                         : nullptr;
            if (before && after && before != after && f && b && *b) {
                const double wf =
                    static_cast<double>(after->frame - k) / (after->frame - before->frame);
                appendFrame(track, k, blend(*f, wf, **b, options.rayCount), options.core);
            } else if (before && f) {
                appendFrame(track, k, *f, options.core);
            } else if (after && b && *b) {
                appendFrame(track, k, **b, options.core);
            }
        }
        result.particles.push_back(std::move(track));
    }
    return result;
}

} // namespace insitu
