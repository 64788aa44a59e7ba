#pragma once
// bench_front --grid: the issue-14 grid of nanowire-front scenes (speeds × doses × one or two
// fronts) tracked as the tool does, pooled over seeds into one docs/performance.md row each.

#include "front_truth_match.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

namespace insitu::bench {

/// What bench_front --grid runs.
struct GridSettings
{
    int seeds = 1;
    std::string caseFilter;                     ///< rows whose name contains this
    DriftSource drift = DriftSource::Estimated; ///< --true-drift: the tracker alone
    bool trace = false;                         ///< --trace: every track vs the truth, to stderr
};

/// Prints (stderr) each truth front's frame range and each track's frames, mean error against
/// the nearest truth front and error in its first and last frames: where a track starts wrong.
inline void traceRun(const std::string& name, const FrontResult& result, const SceneTruth& truth)
{
    std::fprintf(stderr, "%s\n", name.c_str());
    for (std::size_t f = 0; f < truth.fronts.size(); ++f) {
        const FrontTruth& tf = truth.fronts[f];
        if (!tf.frames.empty())
            std::fprintf(stderr, "  truth %zu: frames %d..%d, %.1f..%.1f px\n", f,
                         tf.frames.front(), tf.frames.back(), tf.positionsPx.front(),
                         tf.positionsPx.back());
    }
    for (const FrontTrack& track : result.fronts) {
        if (track.frames.empty())
            continue;
        std::fprintf(stderr,
                     "  track %d: frames %d..%d (%zu), %.1f..%.1f px; error vs truth:", track.index,
                     track.frames.front(), track.frames.back(), track.frames.size(),
                     track.positionsPx.front(), track.positionsPx.back());
        for (std::size_t f = 0; f < truth.fronts.size(); ++f) {
            const FrontTruth& tf = truth.fronts[f];
            std::string errors;
            for (std::size_t i = 0; i < track.frames.size(); i += track.frames.size() / 12 + 1) {
                const auto it = std::find(tf.frames.begin(), tf.frames.end(), track.frames[i]);
                char text[32];
                if (it == tf.frames.end())
                    std::snprintf(text, sizeof text, " %d:–", track.frames[i]);
                else
                    std::snprintf(
                        text, sizeof text, " %d:%+.1f", track.frames[i],
                        track.positionsPx[i] -
                            tf.positionsPx[static_cast<std::size_t>(it - tf.frames.begin())]);
                errors += text;
            }
            std::fprintf(stderr, "\n    [%zu]%s", f, errors.c_str());
        }
        std::fprintf(stderr, "\n");
    }
}

/// One grid row: the leading front's speed, the dose, and one front (ratio 1) or two fronts with
/// the trailing one `ratio` times slower.
struct GridRow
{
    double speedPxPerFrame = 1;
    double dose = 20;
    int ratio = 1;

    [[nodiscard]] std::string name() const
    {
        char text[64];
        std::snprintf(text, sizeof text, "v%g_dose%g_%s", speedPxPerFrame, dose,
                      ratio == 1   ? "one"
                      : ratio == 3 ? "two3x"
                                   : "two10x");
        return text;
    }
};

/// Movie length for a leading front at this speed: it travels ≈ 360 px (it leaves the 400 px
/// wire near the end of the fastest movies), within 40 to 400 frames.
inline int gridFrames(double speedPxPerFrame)
{
    return std::clamp(static_cast<int>(std::lround(360 / speedPxPerFrame)), 40, 400);
}

/// A 400 px wire across a 448 × 112 frame (0.5 nm/px, 1 s/frame: 1 px/frame = 0.5 nm/s), the
/// default scene's particle density, swelling, flicker, drift and Poisson noise. The leading
/// front starts at 12 px at t = 0; a trailing front starts at the contact end after 15 % of
/// the movie, ratio times slower.
inline NanowireFrontScene gridScene(const GridRow& row, std::uint64_t seed)
{
    NanowireFrontScene scene;
    scene.imaging.frames = gridFrames(row.speedPxPerFrame);
    scene.imaging.width = 448;
    scene.imaging.height = 112;
    scene.imaging.nmPerPixel = 0.5;
    scene.imaging.frameIntervalS = 1;
    scene.imaging.dosePerPx = row.dose;
    scene.imaging.seed = seed;
    scene.contactXPx = 24;
    scene.contactYPx = 45;
    scene.angleDeg = 3;
    scene.lengthPx = 400;
    scene.particleCount = 80;
    const double nmPerSPerPxPerFrame = scene.imaging.nmPerPixel / scene.imaging.frameIntervalS;
    scene.leading = {
        .startPx = 12, .onsetS = 0, .rateNm = row.speedPxPerFrame * nmPerSPerPxPerFrame};
    scene.fronts = row.ratio == 1 ? 1 : 2;
    scene.trailing = {.startPx = 0,
                      .onsetS = 0.15 * scene.imaging.frames * scene.imaging.frameIntervalS,
                      .rateNm = scene.leading.rateNm / row.ratio};
    return scene;
}

/// A grid row's figures of one truth front, pooled over seeds.
struct PooledFront
{
    int runs = 0, missing = 0, found = 0, truthFrames = 0, outside = 0;
    double worstFoundFraction = 1;
    double rmsSum = 0, rmsWorst = 0, maxWorst = 0;
    double vErrorAbsSum = 0, vErrorWorst = 0;
    int vCount = 0, vInCi = 0;
    int positionsChecked = 0, positionsCovered = 0;

    void add(const FrontFigures& f)
    {
        ++runs;
        found += f.found;
        truthFrames += f.truthFrames;
        outside += f.outside;
        worstFoundFraction =
            std::min(worstFoundFraction, f.truthFrames ? double(f.found) / f.truthFrames : 1.0);
        positionsChecked += f.positionsChecked;
        positionsCovered += f.positionsCovered;
        if (f.trackIndex < 0 || std::isnan(f.rmsPx)) {
            ++missing;
            return;
        }
        rmsSum += f.rmsPx;
        rmsWorst = std::max(rmsWorst, f.rmsPx);
        maxWorst = std::max(maxWorst, f.maxAbsPx);
        if (!std::isnan(f.velocityErrorPct)) {
            ++vCount;
            vErrorAbsSum += std::abs(f.velocityErrorPct);
            vErrorWorst = std::max(vErrorWorst, std::abs(f.velocityErrorPct));
            vInCi += f.velocityInCi;
        }
    }
};

inline void grid(const GridSettings& settings)
{
    const int seeds = settings.seeds;
    std::printf(
        "### Grid: the tool as a user runs it\n\n"
        "nanowire-front scenes: a 400 px wire across 448 × 112 frames, 0.5 nm/px, 1 s/frame "
        "(1 px/frame = 0.5 nm/s), particles, swelling, flicker, drift and Poisson noise; "
        "the leading front starts at 12 px, a trailing front (two-front rows) at the "
        "contact end after 15 %% of the movie, 3× or 10× slower. Frames = 360 px / speed, "
        "within 40–400 (the fastest front leaves the wire before the end). Drift from "
        "`estimateDrift` (default options), band 22 px, default `FrontOptions` (only the "
        "number of fronts given), linear fit by `fitFronts`; %d seed%s per row.\n\n",
        seeds, seeds == 1 ? "" : "s");
    std::printf("| speed (px/frame) | dose | scene | frames | front | found / exists | RMS (px) "
                "| max (px) | v error (%%) | v in 95 %% CI | position ±1.96σ coverage | ordered "
                "| extra tracks | drift RMS (px) |\n"
                "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    const double speeds[] = {0.1, 0.5, 1, 3, 6, 10};
    const double doses[] = {20, 5};
    const int ratios[] = {1, 3, 10};
    std::string ciMethod;
    using Clock = std::chrono::steady_clock;
    for (double dose : doses)
        for (int ratio : ratios)
            for (double speed : speeds) {
                const GridRow row{speed, dose, ratio};
                if (!settings.caseFilter.empty() &&
                    row.name().find(settings.caseFilter) == std::string::npos)
                    continue;
                std::vector<PooledFront> pooled;
                int extraTracks = 0, orderedRuns = 0;
                double driftRmsWorst = 0;
                const auto t0 = Clock::now();
                for (int s = 0; s < seeds; ++s) {
                    const NanowireFrontScene scene =
                        gridScene(row, 101 + static_cast<std::uint64_t>(s) * 13);
                    FrontResult result;
                    SceneTruth truth;
                    const SceneRun run =
                        runScene(scene, 22, settings.drift, false, &result, &truth);
                    if (settings.trace)
                        traceRun(row.name() + " seed " + std::to_string(scene.imaging.seed), result,
                                 truth);
                    if (!run.ciMethod.empty())
                        ciMethod = run.ciMethod;
                    pooled.resize(std::max(pooled.size(), run.fronts.size()));
                    for (std::size_t f = 0; f < run.fronts.size(); ++f)
                        pooled[f].add(run.fronts[f]);
                    extraTracks += run.extraTracks;
                    driftRmsWorst = std::max(driftRmsWorst, run.driftRmsPx);
                    // truth fronts are in order along the line; the tracks must be too
                    bool ordered = true;
                    for (std::size_t f = 1; f < run.fronts.size(); ++f)
                        ordered = ordered && run.fronts[f - 1].trackIndex >= 0 &&
                                  run.fronts[f].trackIndex > run.fronts[f - 1].trackIndex;
                    orderedRuns += ordered && run.fronts[0].trackIndex >= 0;
                }
                for (std::size_t f = 0; f < pooled.size(); ++f) {
                    const PooledFront& p = pooled[f];
                    const bool several = pooled.size() > 1;
                    const char* which = !several ? "–" : f + 1 == pooled.size() ? "fast" : "slow";
                    char found[96], rms[32] = "–", maxAbs[32] = "–", vError[48] = "–",
                                    inCi[32] = "–", coverage[32] = "–", ordered[16] = "",
                                    driftRms[16] = "";
                    std::snprintf(
                        found, sizeof found, "%.3f (%d / %d%s)",
                        p.truthFrames ? double(p.found) / p.truthFrames : 0.0, p.found,
                        p.truthFrames,
                        p.outside ? (", +" + std::to_string(p.outside) + " outside").c_str() : "");
                    if (p.missing < p.runs) {
                        const int n = p.runs - p.missing;
                        std::snprintf(rms, sizeof rms, "%.2f", p.rmsSum / n);
                        std::snprintf(maxAbs, sizeof maxAbs, "%.1f", p.maxWorst);
                    }
                    if (p.vCount > 0) {
                        std::snprintf(vError, sizeof vError,
                                      seeds > 1 ? "%.2f (worst %.2f)" : "%.2f",
                                      p.vErrorAbsSum / p.vCount, p.vErrorWorst);
                        std::snprintf(inCi, sizeof inCi, "%d / %d", p.vInCi, p.vCount);
                    }
                    if (p.positionsChecked > 0)
                        std::snprintf(coverage, sizeof coverage, "%.2f",
                                      double(p.positionsCovered) / p.positionsChecked);
                    if (f == 0)
                        std::snprintf(driftRms, sizeof driftRms, "%.2f", driftRmsWorst);
                    if (f == 0)
                        std::snprintf(
                            ordered, sizeof ordered, "%s",
                            !several ? "–"
                                     : (std::to_string(orderedRuns) + " / " + std::to_string(seeds))
                                           .c_str());
                    std::printf("| %g | %g | %s | %d | %s | %s%s | %s | %s | %s | %s | %s | %s | "
                                "%s | %s |\n",
                                speed, dose,
                                ratio == 1   ? "one front"
                                : ratio == 3 ? "two, 3×"
                                             : "two, 10×",
                                gridFrames(speed), which, found,
                                p.missing ? (" missing in " + std::to_string(p.missing) + " of " +
                                             std::to_string(p.runs))
                                                .c_str()
                                          : "",
                                rms, maxAbs, vError, inCi, coverage, ordered,
                                f == 0 ? std::to_string(extraTracks).c_str() : "", driftRms);
                }
                std::fflush(stdout);
                std::fprintf(stderr, "%s: %.1f s\n", row.name().c_str(),
                             std::chrono::duration<double>(Clock::now() - t0).count());
            }
    std::printf("\n(Each front is matched to the track nearest to it: median distance over their "
                "common frames ≤ %.0f px, each track used once; other tracks are extra tracks. "
                "found / exists: frames where the front's matched track has a position / "
                "frames where the front exists ≥ %.0f px inside the path, pooled over seeds; "
                "\"outside\": track frames where "
                "the front does not exist (before its onset or after it left). RMS and max over "
                "the frames found (RMS: mean over seeds, max: worst). v error: |fitted − true| / "
                "true, mean over seeds. v in 95 %% CI: runs whose reported interval "
                "(FitParameter ci95Low/High, method \"%s\") contains the true v. Position "
                "coverage: per-frame estimates within 1.96 standard errors of the truth "
                "(FrontTrack frameStdPx where present, else σ from the confidence). ordered: runs "
                "with every front found and in the true order. extra tracks: tracks matched to no "
                "front, summed over seeds. drift RMS: estimated vs true drift, worst seed.)\n\n",
                kMatchGatePx, kInsidePx, ciMethod.empty() ? "t" : ciMethod.c_str());
}
} // namespace insitu::bench
