#pragma once
// bench_front: one synthetic nanowire scene tracked as the tool does, and the found fronts
// scored against the scene's truth (matching, position errors, velocity and its interval).

#include "insitu/front/front_fit.h"
#include "insitu/front/front_tracker.h"
#include "insitu/front/kymograph.h"
#include "insitu/front/search_band.h"
#include "insitu/io/movie.h"
#include "insitu/registration/drift.h"
#include "insitu/synth/nanowire_front.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace insitu::bench {

/// Figures of one truth front in one run.
struct FrontFigures
{
    int truthFrames = 0; ///< frames where the front exists
    int found = 0;       ///< of those, frames where its matched track has a position
    int outside = 0;     ///< frames of the matched track where the front does not exist
    double rmsPx = NAN;
    double maxAbsPx = NAN;
    double velocityErrorPct = NAN; ///< linear fit vs truth
    double velocityNmPerS = NAN;
    double ciLowNmPerS = NAN; ///< the fit's reported 95 % interval of v
    double ciHighNmPerS = NAN;
    bool velocityInCi = false;
    int positionsChecked = 0; ///< per-frame estimates with a standard error
    int positionsCovered = 0; ///< of those, within 1.96 standard errors of the truth
    int trackIndex = -1;      ///< FrontTrack::index of the matched track, −1 when missing
};

/// One tracked scene.
struct SceneRun
{
    std::vector<FrontFigures> fronts; ///< per truth front, in the truth's order along the line
    int extraTracks = 0;              ///< tracks matched to no truth front
    double driftRmsPx = NAN;          ///< drift used vs true drift (2-D RMS over frames)
    std::string ciMethod;             ///< what the reported interval of v is
};

/// Per-frame position estimates of a track and their standard errors: framePositionsPx and
/// frameStdPx where the tracker provides them, else positionsPx with σ from the confidence
/// (confidence = 1 / (1 + σ²)). A template so that the bench builds with and without them.
template <typename Track>
std::pair<std::vector<double>, std::vector<double>> perFrameEstimates(const Track& track)
{
    if constexpr (requires {
                      track.framePositionsPx;
                      track.frameStdPx;
                  }) {
        if (!track.frameStdPx.empty() && track.framePositionsPx.size() == track.frames.size())
            return {track.framePositionsPx, track.frameStdPx};
    }
    std::vector<double> sd;
    for (double c : track.confidence)
        sd.push_back(c > 0 ? std::sqrt(std::max(1 / c - 1, 0.0)) : NAN);
    return {track.positionsPx, sd};
}

/// The fit's name for its interval (FitResult::ciMethod where it exists; before that the
/// interval was the t interval of the least-squares fit).
template <typename Fit> std::string ciMethodOf(const Fit& fit)
{
    if constexpr (requires { fit.ciMethod; })
        return fit.ciMethod.empty() ? std::string("t") : fit.ciMethod;
    else
        return "t";
}

/// A track is taken for a truth front only when its median distance to it over their common
/// frames is at most this (px); farther tracks are spurious, not that front's error.
inline constexpr double kMatchGatePx = 10;

/// Truth positions closer than this to either end of the path are not scored (found, RMS):
/// there a front cannot be told from the contact's or the wire end's edge.
inline constexpr double kInsidePx = 2;

/// Each truth front gets the found track nearest to it (median distance) over their common
/// frames (≥ 10, within kMatchGatePx; each track used once, closest pairs first): a missing
/// front is reported as missing, not as the error of another one. Returns the track index into
/// result.fronts per truth front, or −1.
inline std::vector<int> matchTracks(const FrontResult& result, const SceneTruth& truth)
{
    const std::size_t truthCount = truth.fronts.size();
    struct Pair
    {
        double medianAbs;
        std::size_t truth, track;
    };
    std::vector<Pair> pairs;
    for (std::size_t f = 0; f < truthCount; ++f) {
        std::map<int, double> at;
        for (std::size_t i = 0; i < truth.fronts[f].frames.size(); ++i)
            at[truth.fronts[f].frames[i]] = truth.fronts[f].positionsPx[i];
        for (std::size_t t = 0; t < result.fronts.size(); ++t) {
            const FrontTrack& track = result.fronts[t];
            std::vector<double> distances;
            for (std::size_t i = 0; i < track.frames.size(); ++i)
                if (const auto it = at.find(track.frames[i]); it != at.end())
                    distances.push_back(std::abs(track.positionsPx[i] - it->second));
            if (distances.size() < 10)
                continue;
            const auto mid = distances.begin() + static_cast<std::ptrdiff_t>(distances.size() / 2);
            std::nth_element(distances.begin(), mid, distances.end());
            if (*mid <= kMatchGatePx)
                pairs.push_back({*mid, f, t});
        }
    }
    std::sort(pairs.begin(), pairs.end(),
              [](const Pair& a, const Pair& b) { return a.medianAbs < b.medianAbs; });
    std::vector<int> trackOf(truthCount, -1);
    std::vector<bool> used(result.fronts.size(), false);
    for (const Pair& p : pairs)
        if (trackOf[p.truth] < 0 && !used[p.track]) {
            trackOf[p.truth] = static_cast<int>(p.track);
            used[p.track] = true;
        }
    return trackOf;
}

/// Scores the linear-fitted result against the truth (linear law: velocities).
inline SceneRun scoreRun(const FrontResult& linear, const SceneTruth& truth)
{
    SceneRun run;
    const std::vector<int> trackOf = matchTracks(linear, truth);
    run.extraTracks = static_cast<int>(linear.fronts.size()) -
                      static_cast<int>(std::count_if(trackOf.begin(), trackOf.end(),
                                                     [](int t) { return t >= 0; }));
    // a front counts where it lies on the path, ≥ kInsidePx from its ends (at the path's first
    // pixels it is not apart from the contact's edge)
    const auto& l = *truth.lineX0Y0X1Y1;
    const double pathLengthPx = std::hypot(l[2] - l[0], l[3] - l[1]);
    const auto inside = [&](double s) { return s >= kInsidePx && s <= pathLengthPx - kInsidePx; };
    for (std::size_t f = 0; f < truth.fronts.size(); ++f) {
        const FrontTruth& tf = truth.fronts[f];
        FrontFigures fig;
        fig.truthFrames =
            static_cast<int>(std::count_if(tf.positionsPx.begin(), tf.positionsPx.end(), inside));
        if (trackOf[f] >= 0) {
            const FrontTrack& track = linear.fronts[static_cast<std::size_t>(trackOf[f])];
            fig.trackIndex = track.index;
            std::map<int, double> at;
            for (std::size_t i = 0; i < tf.frames.size(); ++i)
                at[tf.frames[i]] = tf.positionsPx[i];
            const auto [estimates, sd] = perFrameEstimates(track);
            double sum = 0, maxAbs = 0;
            for (std::size_t i = 0; i < track.frames.size(); ++i) {
                const auto it = at.find(track.frames[i]);
                if (it == at.end()) {
                    ++fig.outside;
                    continue;
                }
                if (!inside(it->second))
                    continue;
                const double d = track.positionsPx[i] - it->second;
                sum += d * d;
                maxAbs = std::max(maxAbs, std::abs(d));
                ++fig.found;
                if (i < sd.size() && std::isfinite(sd[i]) && sd[i] > 0) {
                    ++fig.positionsChecked;
                    fig.positionsCovered += std::abs(estimates[i] - it->second) <= 1.96 * sd[i];
                }
            }
            fig.rmsPx = fig.found ? std::sqrt(sum / fig.found) : NAN;
            fig.maxAbsPx = fig.found ? maxAbs : NAN;
            if (track.fit && tf.law == "linear") {
                if (const FitParameter* v = track.fit->param("v_nm_per_s")) {
                    fig.velocityNmPerS = v->value;
                    fig.velocityErrorPct =
                        100.0 * (v->value - tf.velocityNmPerS) / tf.velocityNmPerS;
                    fig.ciLowNmPerS = v->ci95Low;
                    fig.ciHighNmPerS = v->ci95High;
                    fig.velocityInCi =
                        v->ci95Low <= tf.velocityNmPerS && tf.velocityNmPerS <= v->ci95High;
                    run.ciMethod = ciMethodOf(*track.fit);
                }
            }
        }
        run.fronts.push_back(fig);
    }
    return run;
}

/// Where the drift given to the kymograph comes from.
enum class DriftSource {
    Truth,    ///< the scene's true drift: the tracker alone
    Estimated ///< estimateDrift with default options: the tool as a user runs it
};

/// Renders the scene, corrects drift, builds the kymograph along the truth line (band bandPx),
/// tracks with default FrontOptions (frontCount = the scene's fronts) and fits L(t) linearly.
/// alongWire: tracks as `insitu front --width` does (trackFrontsAlongWire: the path search on
/// the wire's default band when bandPx is narrower); else on bandPx alone. resultOut and
/// truthOut, when given, receive the fitted tracks and the scene's truth.
inline SceneRun runScene(const NanowireFrontScene& scene, double bandPx, DriftSource source,
                         bool alongWire = false, FrontResult* resultOut = nullptr,
                         SceneTruth* truthOut = nullptr)
{
    const SynthMovie synth = renderNanowireFront(scene);
    const Movie movie(synth.reader());
    DriftResult drift;
    if (source == DriftSource::Estimated) {
        drift = estimateDrift(movie, DriftOptions{}, Progress::none());
    } else {
        drift.dxPx = synth.truth.dxPx;
        drift.dyPx = synth.truth.dyPx;
    }
    Roi roi;
    const auto& l = *synth.truth.lineX0Y0X1Y1;
    roi.points = {{l[0], l[1]}, {l[2], l[3]}};
    roi.widthPx = bandPx;
    const Kymograph kymograph = buildKymograph(movie, roi, &drift, Progress::none());
    FrontOptions options;
    options.frontCount = scene.fronts;
    FrontResult result = alongWire ? trackFrontsAlongWire(movie, roi, &drift, kymograph, options,
                                                          {}, Progress::none())
                                   : trackFronts(kymograph, options, Progress::none());
    fitFronts(result, kymograph, "linear");
    SceneRun run = scoreRun(result, synth.truth);
    double sum = 0;
    for (std::size_t k = 0; k < drift.dxPx.size(); ++k)
        sum += std::pow(drift.dxPx[k] - synth.truth.dxPx[k], 2) +
               std::pow(drift.dyPx[k] - synth.truth.dyPx[k], 2);
    run.driftRmsPx = std::sqrt(sum / static_cast<double>(drift.dxPx.size()));
    if (resultOut)
        *resultOut = std::move(result);
    if (truthOut)
        *truthOut = synth.truth;
    return run;
}

} // namespace insitu::bench
