#include "insitu/front/front_tracker.h"

#include "front_extend.h"
#include "insitu/error.h"
#include "insitu/front/edge_score.h"
#include "insitu/front/front_path.h"
#include "insitu/front/front_refine.h"
#include "speed_scales.h"

#include <opencv2/core/utility.hpp>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <optional>

namespace insitu {

namespace {

constexpr double kMinEdgeContrastZ = 3.0;  // edge contrast a frame needs at a track's ends (σ)
constexpr double kMinFrameContrastZ = 2.0; // ... in that frame alone (σ)
constexpr float kOffCorridor = -1e4f;      // full-resolution trace: score outside its corridor
constexpr double kRetryTimeScale = 2.0;    // temporal smoothing factor of the second search
constexpr double kSameFrontPx = 5.0;       // tracks this close in a common frame: one front
constexpr double kStallCols = 3.0; // a path standing still this much behind the front's pace
constexpr std::size_t kStallSpeedFrames = 20; // ... measured over this many frames next to it

/// The edge scores of one speed scale: binned gradients searched, full-resolution ones (made
/// when a front found on binned columns is traced again at full resolution).
struct ScaleScores
{
    SpeedScale scale;
    FrontOptions options; ///< options with the scale's smoothing
    cv::Mat values;       ///< the (flicker-free) kymograph, full resolution
    EdgeGradients binned;
    std::optional<EdgeGradients> full; ///< at the scale's temporal smoothing, unbinned
};

/// One contrast/direction hypothesis at one speed scale and its score map (binned columns,
/// suppressed where fronts were found).
struct Hypothesis
{
    int contrastSign = 1;  ///< +1: the side towards the path end is brighter
    int direction = 1;     ///< +1 forward, −1 backward, 0 either
    std::size_t scale = 0; ///< index into the scales
    cv::Mat score;
};

/// A front as found by the path search, before refinement (path in kymograph columns).
struct CoarseFront
{
    FrontPath path;
    int contrastSign = 1;
    int direction = 1;
    std::vector<FrontPin> pinsPx;
};

std::vector<ScaleScores> makeScales(const cv::Mat& values, const FrontOptions& options,
                                    double stepPx)
{
    std::vector<ScaleScores> out;
    for (const SpeedScale& scale : speedScales(options, stepPx)) {
        ScaleScores s{scale, scaleOptions(options, scale), values, {}, std::nullopt};
        s.binned = edgeGradients(binColumns(values, scale.binCols), s.options, scale.maxLagFrames,
                                 scale.textureFreeNoise);
        if (scale.binCols == 1)
            s.full = s.binned;
        out.push_back(std::move(s));
    }
    return out;
}

std::vector<Hypothesis> makeHypotheses(const std::vector<ScaleScores>& scales,
                                       const FrontOptions& options)
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
    for (std::size_t k = 0; k < scales.size(); ++k)
        for (int dir : directions) {
            const int ahead = dir == 0 ? 1 : dir; // either way: "ahead" taken as towards the end
            std::vector<int> signs;
            if (options.brighterSide == BrighterSide::Ahead)
                signs = {ahead};
            else if (options.brighterSide == BrighterSide::Behind)
                signs = {-ahead};
            else
                signs = {1, -1};
            for (int c : signs)
                out.push_back({c, dir, k, motionEdgeScore(scales[k].binned, c, dir)});
        }
    return out;
}

/// Column of bin b's centre, and bin coordinate of column x (binCols columns per bin).
double binCentreCol(double b, int binCols)
{
    return b * binCols + 0.5 * (binCols - 1);
}
double colToBin(double x, int binCols)
{
    return (x - 0.5 * (binCols - 1)) / binCols;
}

/// Zeroes the score band around a found front (path in columns) so the next search finds
/// another one. The band grows with the front's speed times each scale's temporal smoothing:
/// a fast front's edge is smeared over that much on a score smoothed in time.
void suppress(std::vector<Hypothesis>& hypotheses, const std::vector<ScaleScores>& scales,
              const FrontPath& path, double edgeSigmaCols)
{
    const std::size_t n = path.frames.size();
    std::vector<double> speed(n, 0.0); // columns per frame, over ±2 frames
    for (std::size_t i = 0; i < n; ++i) {
        const std::size_t a = i >= 2 ? i - 2 : 0;
        const std::size_t b = std::min(n - 1, i + 2);
        if (b > a)
            speed[i] = std::abs(path.positions[b] - path.positions[a]) / static_cast<double>(b - a);
    }
    for (auto& h : hypotheses) {
        const SpeedScale& scale = scales[h.scale].scale;
        for (std::size_t i = 0; i < n; ++i) {
            const double radius = 3 + 2 * edgeSigmaCols + 2 * scale.timeSigmaFrames * speed[i];
            float* row = h.score.ptr<float>(path.frames[i]);
            const int lo = std::max(0, static_cast<int>(std::floor(
                                           colToBin(path.positions[i] - radius, scale.binCols))));
            const int hi = std::min(
                h.score.cols - 1,
                static_cast<int>(std::ceil(colToBin(path.positions[i] + radius, scale.binCols))));
            if (hi >= lo)
                std::fill(row + lo, row + hi + 1, 0.0f);
        }
    }
}

FrontPathOptions pathOptions(const FrontOptions& options, int direction, int maxStep)
{
    FrontPathOptions p;
    p.maxStepPx = std::max(1, maxStep);
    p.direction = direction;
    p.stepChangePenalty = options.stepChangePenalty;
    p.presenceThreshold = options.presenceThreshold;
    return p;
}

/// Traces a path found on binned columns again at full resolution, within a corridor of
/// ±(1.5 bins + 1) columns around it, on the full-resolution score of the same hypothesis and
/// scale, over every frame of the binned path (a fast front's full-resolution score can fall
/// below the presence threshold in many frames: the binned search has already decided where
/// the front exists); pins (columns) stay forced.
FrontPath traceAtFullResolution(const FrontPath& binned, const Hypothesis& h, ScaleScores& scale,
                                const FrontOptions& options, const std::vector<FrontPin>& pinsCol)
{
    const int bin = scale.scale.binCols;
    if (!scale.full) {
        FrontOptions fullOptions = scale.options;
        fullOptions.edgeSigmaPx = options.edgeSigmaPx;
        scale.full = edgeGradients(scale.values, fullOptions, scale.scale.maxLagFrames,
                                   scale.scale.textureFreeNoise);
    }
    const cv::Mat full = motionEdgeScore(*scale.full, h.contrastSign, h.direction);
    const int f0 = binned.frames.front();
    const int rows = static_cast<int>(binned.frames.size());
    const double half = 1.5 * bin + 1;
    // outside the corridor a frame costs kOffCorridor; inside it earns its score: the trace
    // keeps every frame of the binned path (whose search decided where the front exists)
    cv::Mat corridor(rows, full.cols, CV_32F, cv::Scalar(kOffCorridor));
    int maxStepBins = 0;
    for (int i = 0; i < rows; ++i) {
        const auto u = static_cast<std::size_t>(i);
        if (i > 0)
            maxStepBins =
                std::max(maxStepBins, std::abs(binned.positions[u] - binned.positions[u - 1]));
        const double centre = binCentreCol(binned.positions[u], bin);
        const int lo = std::max(0, static_cast<int>(std::floor(centre - half)));
        const int hi = std::min(full.cols - 1, static_cast<int>(std::ceil(centre + half)));
        full.row(f0 + i).colRange(lo, hi + 1).copyTo(corridor.row(i).colRange(lo, hi + 1));
    }
    std::vector<FrontPin> pinsLocal;
    for (const auto& pin : pinsCol)
        if (pin.frame >= f0 && pin.frame < f0 + rows)
            pinsLocal.push_back({pin.frame - f0, pin.positionPx});
    FrontPathOptions traceOptions = pathOptions(options, h.direction, bin * (maxStepBins + 1) + 1);
    traceOptions.presenceThreshold = 0.5 * kOffCorridor;
    FrontPath path = findFrontPath(corridor, traceOptions, pinsLocal);
    if (path.empty()) { // no full-resolution path passes the pins: the binned path itself
        path.frames = binned.frames;
        for (int p : binned.positions)
            path.positions.push_back(static_cast<int>(std::lround(binCentreCol(p, bin))));
        path.score = binned.score;
        return path;
    }
    for (int& f : path.frames)
        f += f0;
    path.score = binned.score; // comparisons between hypotheses use the search's score
    return path;
}

/// Best path over the hypotheses (all, or only those matching `only`'s contrast and
/// direction), in kymograph columns.
CoarseFront bestFront(const std::vector<Hypothesis>& hypotheses, std::vector<ScaleScores>& scales,
                      const FrontOptions& options, double stepPx,
                      const std::vector<FrontPin>& pinsPx, const CoarseFront* only)
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
            const SpeedScale& scale = scales[h.scale].scale;
            std::vector<FrontPin> pinsBin;
            for (const auto& pin : pinsCol)
                pinsBin.push_back({pin.frame, colToBin(pin.positionPx, scale.binCols)});
            paths[static_cast<std::size_t>(i)] = findFrontPath(
                h.score, pathOptions(options, h.direction, scale.maxStepBins), pinsBin);
        }
    });
    // strongest path; on a tie the slower scale (hypotheses are ordered slowest scale first)
    std::size_t best = hypotheses.size();
    for (std::size_t i = 0; i < hypotheses.size(); ++i)
        if (!paths[i].empty() && (best == hypotheses.size() || paths[i].score > paths[best].score))
            best = i;
    if (best == hypotheses.size())
        return {};
    const Hypothesis& h = hypotheses[best];
    CoarseFront front{std::move(paths[best]), h.contrastSign, h.direction, pinsPx};
    if (scales[h.scale].scale.binCols > 1)
        front.path = traceAtFullResolution(front.path, h, scales[h.scale], options, pinsCol);
    return front;
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
    const auto speed = [&](std::size_t a, std::size_t b) { // columns per frame over [a, b]
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

FrontResult trackFrontsAtScale(const Kymograph& kymograph, const Kymograph& search,
                               const FrontOptions& options,
                               const std::vector<std::vector<FrontPin>>& pins, Progress& progress);

} // namespace

FrontResult trackFronts(const Kymograph& kymograph, const FrontOptions& options, Progress& progress)
{
    return trackFronts(kymograph, options, {}, progress);
}

FrontResult trackFronts(const Kymograph& kymograph, const FrontOptions& options,
                        const std::vector<std::vector<FrontPin>>& pins, Progress& progress)
{
    return trackFronts(kymograph, kymograph, options, pins, progress);
}

FrontResult trackFronts(const Kymograph& kymograph, const Kymograph& search,
                        const FrontOptions& options, const std::vector<std::vector<FrontPin>>& pins,
                        Progress& progress)
{
    if (search.values.size() != kymograph.values.size() || search.stepPx != kymograph.stepPx)
        throw Error("front: the search kymograph must have the kymograph's frames and samples");
    FrontResult result = trackFrontsAtScale(kymograph, search, options, pins, progress);
    // fewer fronts than asked: a faint slow front (low dose) may show only on a score smoothed
    // longer in time; search again at twice the temporal scale and keep whichever finds more
    if (pins.empty() && static_cast<int>(result.fronts.size()) < options.frontCount &&
        options.timeSigmaFrames > 0) {
        FrontOptions coarser = options;
        coarser.timeSigmaFrames = kRetryTimeScale * options.timeSigmaFrames;
        const FrontResult retry = trackFrontsAtScale(kymograph, search, coarser, pins, progress);
        // add the fronts the first search did not find (none of its tracks near them)
        for (const FrontTrack& extra : retry.fronts) {
            if (static_cast<int>(result.fronts.size()) >= options.frontCount)
                break;
            const bool known =
                std::any_of(result.fronts.begin(), result.fronts.end(), [&](const FrontTrack& t) {
                    return tracksOverlap(t, extra, kSameFrontPx);
                });
            if (!known)
                result.fronts.push_back(extra);
        }
        orderAlongLine(result.fronts);
    }
    return result;
}

namespace {

/// One search at the options' scales (trackFronts may run it twice).
FrontResult trackFrontsAtScale(const Kymograph& kymograph, const Kymograph& search,
                               const FrontOptions& options,
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
    // the path search runs on the search kymograph (a wide band: its noise is lower), the
    // refinement on the kymograph itself
    const cv::Mat searchValues =
        &search == &kymograph ? values : cv::Mat(removeFlicker(search.values));
    std::vector<ScaleScores> scales = makeScales(searchValues, options, stepPx);
    const double edgeSigmaCols = options.edgeSigmaPx / stepPx;
    progress.advance();

    // 1. automatic search over all speed scales, strongest first
    std::vector<CoarseFront> fronts;
    {
        auto hypotheses = makeHypotheses(scales, options);
        for (int k = 0; k < options.frontCount; ++k) {
            CoarseFront front = bestFront(hypotheses, scales, options, stepPx, {}, nullptr);
            progress.advance();
            if (front.path.empty() ||
                static_cast<int>(front.path.frames.size()) < std::max(1, options.minFrames))
                break;
            suppress(hypotheses, scales, front.path, edgeSigmaCols);
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
        auto hypotheses = makeHypotheses(scales, options);
        for (std::size_t j = 0; j < fronts.size(); ++j)
            if (j != i)
                suppress(hypotheses, scales, fronts[j].path, edgeSigmaCols);
        const CoarseFront* previous = i < fronts.size() ? &fronts[i] : nullptr;
        CoarseFront front = bestFront(hypotheses, scales, options, stepPx, pins[i], previous);
        if (front.path.empty() && previous) // the detected hypothesis cannot pass the pins
            front = bestFront(hypotheses, scales, options, stepPx, pins[i], nullptr);
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
    for (auto& front : fronts) {
        std::vector<FrontPin> pinsCol;
        for (const auto& pin : front.pinsPx)
            pinsCol.push_back({pin.frame, pin.positionPx / stepPx});
        RefinedFront refined =
            refineFront(values, front.path.frames, front.path.positions, options, pinsCol);
        if (front.pinsPx.empty()) {
            // a slow front's search path stops before the front does: carry the refined track
            // on while its edge shows, and refine again
            std::vector<int> frames = front.path.frames;
            std::vector<double> positions = refined.positionsCol;
            const front_detail::AddedFrames added = front_detail::extendSlowEnds(
                frames, positions, values, front.contrastSign, kMinEdgeContrastZ);
            if (added.any()) {
                front.path.frames = frames;
                front.path.positions.clear();
                for (double x : positions)
                    front.path.positions.push_back(static_cast<int>(std::lround(x)));
                refined = front_detail::refineExtended(
                    values, front.path.frames, front.path.positions, options, refined, added);
            }
        }
        // the score's temporal lags reach a few frames beyond a front's life: trim the ends
        // where the data hold no edge
        std::size_t first = 0;
        std::size_t last = refined.positionsCol.size();
        std::vector<int> frames = front.path.frames;
        const auto trimEdgeless = [&]() {
            const auto hasEdge = [&](std::size_t i) {
                const double z = refined.contrastZ[i];
                if (std::isnan(z)) // pinned
                    return true;
                if (front.contrastSign * z < kMinEdgeContrastZ)
                    return false;
                // the edge must also be in that frame's own data (the refinement's contrast is
                // measured on a running mean, which shows a front a few frames before it appears)
                return front.contrastSign * refined.frameContrastZ[i] >= kMinFrameContrastZ;
            };
            while (first < last && !hasEdge(first))
                ++first;
            while (last > first && !hasEdge(last - 1))
                --last;
        };
        trimEdgeless();
        if (front.pinsPx.empty()) {
            const std::size_t before = first, after = last;
            // standing still: the refined track's column, not the search path's (whose integer
            // steps lag a slow front's)
            std::vector<int> refinedColumn;
            for (double x : refined.positionsCol)
                refinedColumn.push_back(static_cast<int>(std::lround(x)));
            trimStalledEnds(refinedColumn, refined.positionsCol, first, last);
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
            continue; // too short, or an edge that does not move: not a front
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
