#include "insitu/front/front_tracker.h"

#include "insitu/error.h"
#include "insitu/front/edge_score.h"
#include "insitu/front/front_path.h"
#include "insitu/front/front_refine.h"

#include <opencv2/core/utility.hpp>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace insitu {

namespace {

constexpr double kMinEdgeContrastZ = 3.0;  // edge contrast a frame needs at a track's ends (σ)
constexpr double kRetryTimeScale = 2.0;  // temporal smoothing factor of the second search
constexpr double kSameFrontPx = 5.0;     // tracks this close in a common frame: one front
constexpr double kStallCols = 3.0;       // a path standing still this much behind the front's pace
constexpr std::size_t kStallSpeedFrames = 20;  // ... measured over this many frames next to it

/// One contrast/direction hypothesis and its score map (suppressed where fronts were found).
struct Hypothesis
{
    int contrastSign = 1;  ///< +1: the side towards the path end is brighter
    int direction = 1;     ///< +1 forward, −1 backward, 0 either
    cv::Mat score;
};

/// A front as found by the path search, before refinement.
struct CoarseFront
{
    FrontPath path;
    int contrastSign = 1;
    int direction = 1;
    std::vector<FrontPin> pinsPx;
};

std::vector<Hypothesis> makeHypotheses(const EdgeGradients& gradients, const FrontOptions& options)
{
    std::vector<int> directions;
    if (!options.monotonic)
        directions = {0};
    else if (options.direction == FrontDirection::Forward)
        directions = {1};
    else if (options.direction == FrontDirection::Backward)
        directions = {-1};
    else
        directions = {1, -1};
    std::vector<Hypothesis> out;
    for (int dir : directions) {
        const int ahead = dir == 0 ? 1 : dir;  // either way: "ahead" taken as towards the end
        std::vector<int> signs;
        if (options.brighterSide == BrighterSide::Ahead)
            signs = {ahead};
        else if (options.brighterSide == BrighterSide::Behind)
            signs = {-ahead};
        else
            signs = {1, -1};
        for (int c : signs)
            out.push_back({c, dir, motionEdgeScore(gradients, c, dir)});
    }
    return out;
}

/// Zeroes the score band around a found front so the next search finds another one.
void suppress(std::vector<Hypothesis>& hypotheses, const FrontPath& path, int radius)
{
    for (auto& h : hypotheses)
        for (std::size_t i = 0; i < path.frames.size(); ++i) {
            float* row = h.score.ptr<float>(path.frames[i]);
            const int lo = std::max(0, path.positions[i] - radius);
            const int hi = std::min(h.score.cols - 1, path.positions[i] + radius);
            std::fill(row + lo, row + hi + 1, 0.0f);
        }
}

FrontPathOptions pathOptions(const FrontOptions& options, int direction, double stepPx)
{
    FrontPathOptions p;
    p.maxStepPx = std::max(1, static_cast<int>(std::ceil(options.maxStepPxPerFrame / stepPx)));
    p.direction = direction;
    p.stepChangePenalty = options.stepChangePenalty;
    p.presenceThreshold = options.presenceThreshold;
    return p;
}

/// Best path over the hypotheses (all, or only the one matching `only`).
CoarseFront bestFront(const std::vector<Hypothesis>& hypotheses, const FrontOptions& options,
                      double stepPx, const std::vector<FrontPin>& pinsPx,
                      const CoarseFront* only)
{
    std::vector<FrontPin> pinsCol;
    for (const auto& pin : pinsPx)
        pinsCol.push_back({pin.frame, pin.positionPx / stepPx});
    // the hypotheses' path searches are independent: run them on the cores at hand
    std::vector<FrontPath> paths(hypotheses.size());
    cv::parallel_for_(cv::Range(0, static_cast<int>(hypotheses.size())), [&](const cv::Range& r) {
        for (int i = r.start; i < r.end; ++i) {
            const Hypothesis& h = hypotheses[static_cast<std::size_t>(i)];
            if (only && (h.contrastSign != only->contrastSign || h.direction != only->direction))
                continue;
            paths[static_cast<std::size_t>(i)] =
                findFrontPath(h.score, pathOptions(options, h.direction, stepPx), pinsCol);
        }
    });
    CoarseFront best;
    bool found = false;
    for (std::size_t i = 0; i < hypotheses.size(); ++i) {
        const Hypothesis& h = hypotheses[i];
        FrontPath& path = paths[i];
        if (path.empty())
            continue;
        if (!found || path.score > best.path.score) {
            best = {std::move(path), h.contrastSign, h.direction, pinsPx};
            found = true;
        }
    }
    return best;
}

/// Narrows [first, last) by a run of frames at either end where the path stands still while
/// the front moved before (after) it at a speed that would have carried it kStallCols or more
/// over the run: the path has stuck to a static edge (a particle, the border of a bright patch)
/// where the front itself faded out of the data, and those positions would be invented.
void trimStalledEnds(const std::vector<int>& path, const std::vector<double>& refinedCol,
                     std::size_t& first, std::size_t& last)
{
    if (last <= first + 2)
        return;
    const auto speed = [&](std::size_t a, std::size_t b) {  // columns per frame over [a, b]
        return b > a ? std::abs(refinedCol[b] - refinedCol[a]) / static_cast<double>(b - a) : 0.0;
    };
    // tail: frames r..last−1 on the column of the last frame
    std::size_t r = last - 1;
    while (r > first && path[r - 1] == path[last - 1])
        --r;
    if (r > first) {
        const std::size_t from = r - std::min<std::size_t>(r - first, kStallSpeedFrames);
        if (static_cast<double>(last - r) * speed(from, r - 1) >= kStallCols && last - r >= 3)
            last = r;
    }
    // head: frames first..r−1 on the column of the first frame
    r = first + 1;
    while (r < last && path[r] == path[first])
        ++r;
    if (r < last) {
        const std::size_t to = r + std::min<std::size_t>(last - 1 - r, kStallSpeedFrames);
        if (static_cast<double>(r - first) * speed(r, to) >= kStallCols && r - first >= 3)
            first = r;
    }
}

double meanPosition(const std::vector<double>& positions)
{
    return positions.empty() ? 0.0
                             : std::accumulate(positions.begin(), positions.end(), 0.0) /
                                   static_cast<double>(positions.size());
}

/// Sorts tracks by mean position along the line and numbers them in that order.
void orderAlongLine(std::vector<FrontTrack>& tracks)
{
    std::stable_sort(tracks.begin(), tracks.end(), [](const FrontTrack& a, const FrontTrack& b) {
        return meanPosition(a.positionsPx) < meanPosition(b.positionsPx);
    });
    for (std::size_t i = 0; i < tracks.size(); ++i)
        tracks[i].index = static_cast<int>(i);
}

/// True when a and b come within nearPx of each other in any common frame.
bool tracksOverlap(const FrontTrack& a, const FrontTrack& b, double nearPx)
{
    std::size_t j = 0;
    for (std::size_t i = 0; i < a.frames.size(); ++i) {
        while (j < b.frames.size() && b.frames[j] < a.frames[i])
            ++j;
        if (j < b.frames.size() && b.frames[j] == a.frames[i] &&
            std::abs(a.positionsPx[i] - b.positionsPx[j]) < nearPx)
            return true;
    }
    return false;
}

FrontResult trackFrontsAtScale(const Kymograph& kymograph, const FrontOptions& options,
                               const std::vector<std::vector<FrontPin>>& pins,
                               Progress& progress);

} // namespace

FrontResult trackFronts(const Kymograph& kymograph, const FrontOptions& options,
                        Progress& progress)
{
    return trackFronts(kymograph, options, {}, progress);
}

FrontResult trackFronts(const Kymograph& kymograph, const FrontOptions& options,
                        const std::vector<std::vector<FrontPin>>& pins, Progress& progress)
{
    FrontResult result = trackFrontsAtScale(kymograph, options, pins, progress);
    // fewer fronts than asked: a faint slow front (low dose) may show only on a score smoothed
    // longer in time; search again at twice the temporal scale and keep whichever finds more
    if (pins.empty() && static_cast<int>(result.fronts.size()) < options.frontCount &&
        options.timeSigmaFrames > 0) {
        FrontOptions coarser = options;
        coarser.timeSigmaFrames = kRetryTimeScale * options.timeSigmaFrames;
        const FrontResult retry = trackFrontsAtScale(kymograph, coarser, pins, progress);
        // add the fronts the first search did not find (none of its tracks near them)
        for (const FrontTrack& extra : retry.fronts) {
            if (static_cast<int>(result.fronts.size()) >= options.frontCount)
                break;
            const bool known = std::any_of(
                result.fronts.begin(), result.fronts.end(),
                [&](const FrontTrack& t) { return tracksOverlap(t, extra, kSameFrontPx); });
            if (!known)
                result.fronts.push_back(extra);
        }
        orderAlongLine(result.fronts);
    }
    return result;
}

namespace {

/// One search at the options' scales (trackFronts may run it twice).
FrontResult trackFrontsAtScale(const Kymograph& kymograph, const FrontOptions& options,
                               const std::vector<std::vector<FrontPin>>& pins, Progress& progress)
{
    if (kymograph.values.empty() || kymograph.values.type() != CV_32F)
        throw Error("front: empty kymograph");
    if (options.frontCount < 0)
        throw Error("front: the number of fronts must be ≥ 0");
    const double stepPx = kymograph.stepPx > 0 ? kymograph.stepPx : 1.0;
    const int extraFronts = static_cast<int>(pins.size());
    progress.start(2 * options.frontCount + 2 * extraFronts + 2, "Tracking fronts");

    const cv::Mat values = removeFlicker(kymograph.values);
    const EdgeGradients gradients = edgeGradients(values, options);
    const int radius = 3 + static_cast<int>(std::ceil(2 * options.edgeSigmaPx / stepPx));
    progress.advance();

    // 1. automatic search, strongest first
    std::vector<CoarseFront> fronts;
    {
        auto hypotheses = makeHypotheses(gradients, options);
        for (int k = 0; k < options.frontCount; ++k) {
            CoarseFront front = bestFront(hypotheses, options, stepPx, {}, nullptr);
            progress.advance();
            if (front.path.empty() ||
                static_cast<int>(front.path.frames.size()) < std::max(1, options.minFrames))
                break;
            suppress(hypotheses, front.path, radius);
            fronts.push_back(std::move(front));
        }
    }
    std::sort(fronts.begin(), fronts.end(), [](const CoarseFront& a, const CoarseFront& b) {
        const auto mean = [](const FrontPath& p) {
            return std::accumulate(p.positions.begin(), p.positions.end(), 0.0) /
                   static_cast<double>(p.positions.size());
        };
        return mean(a.path) < mean(b.path);
    });

    // 2. hand corrections: recompute pinned fronts with the other fronts removed
    for (std::size_t i = 0; i < pins.size(); ++i) {
        if (pins[i].empty())
            continue;
        auto hypotheses = makeHypotheses(gradients, options);
        for (std::size_t j = 0; j < fronts.size(); ++j)
            if (j != i)
                suppress(hypotheses, fronts[j].path, radius);
        const CoarseFront* previous = i < fronts.size() ? &fronts[i] : nullptr;
        CoarseFront front = bestFront(hypotheses, options, stepPx, pins[i], previous);
        if (front.path.empty() && previous)  // the detected hypothesis cannot pass the pins
            front = bestFront(hypotheses, options, stepPx, pins[i], nullptr);
        progress.advance();
        if (front.path.empty())
            throw Error("front: no path passes through the pins of front " + std::to_string(i));
        if (i < fronts.size())
            fronts[i] = std::move(front);
        else
            fronts.push_back(std::move(front));
    }

    // 3. sub-pixel refinement
    FrontResult result;
    result.options = options;
    for (const auto& front : fronts) {
        std::vector<FrontPin> pinsCol;
        for (const auto& pin : front.pinsPx)
            pinsCol.push_back({pin.frame, pin.positionPx / stepPx});
        RefinedFront refined = refineFront(values, front.path.frames, front.path.positions,
                                           options, pinsCol);
        // the score's temporal lags reach a few frames beyond a front's life: trim the ends
        // where the data hold no edge
        std::size_t first = 0;
        std::size_t last = refined.positionsCol.size();
        const auto trimEdgeless = [&]() {
            const auto hasEdge = [&](std::size_t i) {
                const double z = refined.contrastZ[i];
                return std::isnan(z) || front.contrastSign * z >= kMinEdgeContrastZ;  // pinned
            };
            while (first < last && !hasEdge(first))
                ++first;
            while (last > first && !hasEdge(last - 1))
                --last;
        };
        trimEdgeless();
        std::vector<int> frames = front.path.frames;
        if (front.pinsPx.empty()) {
            const std::size_t before = first, after = last;
            trimStalledEnds(front.path.positions, refined.positionsCol, first, last);
            if ((first != before || last != after) && last > first + 2) {
                // refine again without the stalled frames: they pulled the trajectory fit
                const auto lo = static_cast<std::ptrdiff_t>(first);
                const auto hi = static_cast<std::ptrdiff_t>(last);
                frames.assign(front.path.frames.begin() + lo, front.path.frames.begin() + hi);
                const std::vector<int> positions(front.path.positions.begin() + lo,
                                                 front.path.positions.begin() + hi);
                refined = refineFront(values, frames, positions, options, pinsCol);
                first = 0;
                last = frames.size();
                trimEdgeless();
            }
        }
        progress.advance();
        if (front.pinsPx.empty() &&
            (static_cast<int>(last - first) < std::max(1, options.minFrames) ||
             std::abs(refined.positionsCol[last - 1] - refined.positionsCol[first]) * stepPx <
                 options.minTravelPx))
            continue;  // too short, or an edge that does not move: not a front
        FrontTrack track;
        for (std::size_t i = first; i < last; ++i) {
            track.frames.push_back(frames[i]);
            track.positionsPx.push_back(refined.positionsCol[i] * stepPx);
            track.confidence.push_back(refined.confidence[i]);
            track.framePositionsPx.push_back(refined.framePositionsCol[i] * stepPx);
            track.frameStdPx.push_back(refined.frameStdCol[i] * stepPx);
        }
        track.pins = front.pinsPx;
        int direction = front.direction;
        if (direction == 0)
            direction = track.positionsPx.back() >= track.positionsPx.front() ? 1 : -1;
        track.direction = direction;
        track.brighterAhead = front.contrastSign == direction;
        result.fronts.push_back(std::move(track));
    }
    orderAlongLine(result.fronts);
    return result;
}

} // namespace

} // namespace insitu
