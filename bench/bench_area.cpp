// bench_area: outline following against synthetic truth, and its speed; prints a Markdown
// section for docs/performance.md ("Areas"). Parts (all by default, or any of):
//  --accuracy  one particle, doses {5, 10, 15, 20} counts/px × growth {1.2, 1.6, 2.5} × seeds:
//              area RMS error, last-frame A/A0 error, initial-rate error and its interval;
//  --coverage  how often the reported 95 % intervals contain the truth over many seeds: the
//              initial rate of one particle, and the initial-rate ratio (truth 6) of two;
//  --core      the core area (lighter shell's inner boundary) over doses × coatings × seeds;
//  --speed     three particles followed through a 1024² movie on disk next to a plain read of
//              the same file (same run, best of 2).
// --seeds N (accuracy: default 2; coverage: default 20), --frames N (speed: default 100; the
// issue's figure is for 1000), --verbose (coverage: every estimate on stderr).

#include "insitu/area/area_tracker.h"
#include "insitu/io/movie.h"
#include "insitu/io/tiff_writer.h"
#include "insitu/registration/drift.h"
#include "insitu/synth/expanding_particle.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <numbers>
#include <vector>

using namespace insitu;
using Clock = std::chrono::steady_clock;

namespace {

double seconds(Clock::time_point a, Clock::time_point b)
{
    return std::chrono::duration<double>(b - a).count();
}

/// A rough hand drawing of truth particle g at frame 0: a 12-gon 8 % too large, 1 px off.
AreaKeyframe roughSeed(const GrowingParticleTruth& g, const SceneTruth& truth, int particle)
{
    AreaKeyframe key{particle, 0, {}, true};
    const double r = 1.08 * std::sqrt(g.areasPx.front() / std::numbers::pi);
    for (int i = 0; i < 12; ++i) {
        const double a = 2 * std::numbers::pi * i / 12;
        key.outlinePx.push_back({g.centresXPx.front() + truth.dxPx.front() + 1 + r * std::cos(a),
                                 g.centresYPx.front() + truth.dyPx.front() - 1 + r * std::sin(a)});
    }
    return key;
}

/// The tool as a user runs it: estimateDrift default, AreaOptions{} (the CLI's defaults).
AreaResult follow(const SynthMovie& synth)
{
    const Movie movie(synth.reader());
    std::vector<AreaKeyframe> seeds;
    for (std::size_t p = 0; p < synth.truth.growingParticles.size(); ++p)
        seeds.push_back(
            roughSeed(synth.truth.growingParticles[p], synth.truth, static_cast<int>(p)));
    const DriftResult drift = estimateDrift(movie, DriftOptions{}, Progress::none());
    AreaResult result = followOutlines(movie, &drift, seeds, AreaOptions{});
    analyseAreas(result, synth.truth.timesS);
    return result;
}

ExpandingParticleScene singleParticle(double dose, double growth, std::uint64_t seed)
{
    ExpandingParticleScene scene;
    scene.imaging.frames = 60;
    scene.imaging.width = 160;
    scene.imaging.height = 160;
    scene.imaging.dosePerPx = dose;
    scene.imaging.seed = seed;
    scene.particles = {{.xPx = 80,
                        .yPx = 80,
                        .radiusPx = 24,
                        .finalAreaRatio = growth,
                        .growthStartS = 8,
                        .growthDurationS = 40}};
    return scene;
}

/// Two particles whose initial rates are 6 apart (2× in 60 s, 1.2× in 72 s), 80 frames.
ExpandingParticleScene ratioPair(std::uint64_t seed)
{
    ExpandingParticleScene scene;
    scene.imaging.frames = 80;
    scene.imaging.width = 224;
    scene.imaging.height = 128;
    scene.imaging.dosePerPx = 15;
    scene.imaging.seed = seed;
    scene.particles = {{.xPx = 60,
                        .yPx = 64,
                        .radiusPx = 22,
                        .finalAreaRatio = 2.0,
                        .growthStartS = 10,
                        .growthDurationS = 60},
                       {.xPx = 164,
                        .yPx = 64,
                        .radiusPx = 24,
                        .finalAreaRatio = 1.2,
                        .growthStartS = 10,
                        .growthDurationS = 72}};
    return scene;
}

double trueRate(const GrowingParticleTruth& g)
{
    return (g.finalAreaRatio - 1) / g.growthDurationS;
}

void accuracy(int seeds)
{
    std::printf("\n### Accuracy\n\nOne particle (radius 24 px, 60 frames of 160², growth from "
                "8 s for 40 s), drawn 8 %% too large and 1 px off; drift by estimateDrift; "
                "AreaOptions{}. Worst over %d seeds per row. Initial rate: the onset hinge fit's "
                "rate d(A/A0)/dt against the truth (A/A0 − 1)/duration.\n\n",
                seeds);
    std::printf("| dose (counts/px) | growth | area RMS error | last-frame A/A0 error | "
                "initial-rate error | rate CI contains truth |\n|---|---|---|---|---|---|\n");
    for (double dose : {5.0, 10.0, 15.0, 20.0})
        for (double growth : {1.2, 1.6, 2.5}) {
            double worstRms = 0, worstLast = 0, worstRate = 0;
            int covered = 0, rated = 0;
            for (int s = 1; s <= seeds; ++s) {
                const SynthMovie synth =
                    renderExpandingParticles(singleParticle(dose, growth, std::uint64_t(s)));
                const AreaResult r = follow(synth);
                const AreaTrack& t = r.particles.at(0);
                const GrowingParticleTruth& g = synth.truth.growingParticles[0];
                double sum = 0;
                for (std::size_t i = 0; i < t.frames.size(); ++i)
                    sum += std::pow(t.areaPx[i] / g.areasPx[std::size_t(t.frames[i])] - 1, 2);
                worstRms = std::max(worstRms, std::sqrt(sum / double(t.frames.size())));
                const double truthLast = g.areasPx.back() / g.areasPx.front();
                worstLast = std::max(worstLast, std::abs(t.areaRatio.back() / truthLast - 1));
                if (const auto rate = initialRate(t)) {
                    ++rated;
                    worstRate = std::max(worstRate, std::abs(rate->value / trueRate(g) - 1));
                    covered += rate->ci95Low <= trueRate(g) && trueRate(g) <= rate->ci95High;
                }
            }
            std::printf("| %g | %g× | %.2f %% | %.2f %% | %.1f %% | %d of %d |\n", dose, growth,
                        100 * worstRms, 100 * worstLast, 100 * worstRate, covered, rated);
        }
}

/// Estimates of one quantity over seeds: how often the interval holds the truth, and the mean
/// interval half-width against the spread of the estimates (1.96 SD: the width a right
/// interval has).
struct CoverageTally
{
    int runs = 0;
    int covered = 0;
    std::vector<double> relativeErrors; ///< estimate / truth − 1
    std::vector<double> halfWidths;     ///< (high − low) / 2 / truth

    void add(double value, double low, double high, double truth)
    {
        ++runs;
        covered += low <= truth && truth <= high ? 1 : 0;
        relativeErrors.push_back(value / truth - 1);
        halfWidths.push_back((high - low) / 2 / truth);
    }
    [[nodiscard]] double meanError() const
    {
        double sum = 0;
        for (double e : relativeErrors)
            sum += e;
        return relativeErrors.empty() ? 0 : sum / double(relativeErrors.size());
    }
    [[nodiscard]] double spread() const // SD of the relative errors
    {
        const double m = meanError();
        double sum = 0;
        for (double e : relativeErrors)
            sum += (e - m) * (e - m);
        return relativeErrors.size() > 1 ? std::sqrt(sum / double(relativeErrors.size() - 1)) : 0;
    }
    [[nodiscard]] double meanHalfWidth() const
    {
        double sum = 0;
        for (double h : halfWidths)
            sum += h;
        return halfWidths.empty() ? 0 : sum / double(halfWidths.size());
    }
    void print(const char* name) const
    {
        std::printf("| %s | %d | %+.2f %% | %.2f %% | %.2f %% | %.2f | %d of %d (%.0f %%) |\n",
                    name, runs, 100 * meanError(), 100 * spread(), 100 * meanHalfWidth(),
                    spread() > 0 ? meanHalfWidth() / (1.96 * spread()) : 0.0, covered, runs,
                    100.0 * covered / std::max(1, runs));
    }
};

void coverage(int seeds, bool verbose)
{
    CoverageTally rate[2], finalArea[2], rateRatio, finalRatio;
    for (int s = 1; s <= seeds; ++s) {
        const SynthMovie synth = renderExpandingParticles(ratioPair(std::uint64_t(100 + s)));
        const AreaResult r = follow(synth);
        double trueFinal[2] = {1, 1};
        for (std::size_t p = 0; p < r.particles.size() && p < 2; ++p) {
            const AreaTrack& track = r.particles[p];
            const GrowingParticleTruth& g = synth.truth.growingParticles[p];
            if (const auto est = initialRate(track)) {
                const double truth = trueRate(g);
                rate[p].add(est->value, est->ci95Low, est->ci95High, truth);
                if (verbose)
                    std::fprintf(stderr,
                                 "seed %d particle %zu rate %+.2f %% (%+.2f … %+.2f %%)  "
                                 "block %d n_eff %.1f of %d\n",
                                 s, p, 100 * (est->value / truth - 1),
                                 100 * (est->ci95Low / truth - 1),
                                 100 * (est->ci95High / truth - 1), track.onsetFit->ciBlockLength,
                                 track.onsetFit->ciEffectiveSamples, track.onsetFit->pointCount);
            }
            const auto finalFit = finalAreaRatio(track, r.options, synth.truth.timesS);
            if (finalFit) { // truth: the mean true A/A0 over the frames fitted
                const FitResult& f = *finalFit;
                double sum = 0;
                for (double x : f.x)
                    sum += g.areasPx[std::size_t(std::lround(x / synth.truth.timesS[1]))];
                trueFinal[p] = sum / double(f.x.size()) / g.areasPx.front();
                const FitParameter& q = f.params[0];
                finalArea[p].add(q.value, q.ci95Low, q.ci95High, trueFinal[p]);
                if (verbose)
                    std::fprintf(stderr, "seed %d particle %zu final %+.2f %% (%+.2f … %+.2f %%)\n",
                                 s, p, 100 * (q.value / trueFinal[p] - 1),
                                 100 * (q.ci95Low / trueFinal[p] - 1),
                                 100 * (q.ci95High / trueFinal[p] - 1));
            }
        }
        for (const AreaRatioComparison& c : r.ratios) {
            if (c.quantity == "initial_rate")
                rateRatio.add(c.ratio.ratio, c.ratio.ci95Low, c.ratio.ci95High, 6.0);
            if (c.quantity == "final_area_ratio")
                finalRatio.add(c.ratio.ratio, c.ratio.ci95Low, c.ratio.ci95High,
                               trueFinal[0] / trueFinal[1]);
        }
    }
    std::printf("\n### Interval coverage\n\nTwo particles, 2× in 60 s and 1.2× in 72 s (initial "
                "rates 6 apart), 80 frames of 224×128 at 15 counts/px, %d seeds. Error: "
                "estimate / truth − 1; width ÷ spread: the mean 95 %% half-width over 1.96 × "
                "the SD of the estimates (1 for an interval as wide as the scatter).\n\n",
                seeds);
    std::printf("| quantity | estimates | mean error | SD | mean 95 %% half-width | width ÷ "
                "spread | interval contains the truth |\n|---|---|---|---|---|---|---|\n");
    rate[0].print("initial rate, particle 0 (2×)");
    rate[1].print("initial rate, particle 1 (1.2×)");
    rateRatio.print("initial-rate ratio (truth 6)");
    finalArea[0].print("final A/A0, particle 0");
    finalArea[1].print("final A/A0, particle 1");
    finalRatio.print("final A/A0 ratio");
}

/// Core/shell: the core area (the boundary of the lighter shell) against the truth over the
/// frames where the shell is ≥ 3 px wide, one particle growing 2× (core shrinking by half).
void coreAccuracy(int seeds, bool verbose)
{
    std::printf("\n### Core area\n\nOne particle (radius 24 px, 5 or 10 px coating, 60 frames of "
                "160², 2× from 8 s for 40 s, the core shrinking to half its radius), "
                "AreaOptions{.core = true}; frames where the lighter shell is ≥ 3 px wide. Worst "
                "over %d seeds per row.\n\n| dose (counts/px) | coating (px) | core area RMS "
                "error | mean core area error |\n|---|---|---|---|\n",
                seeds);
    for (double dose : {5.0, 10.0, 15.0, 20.0})
        for (double coating : {5.0, 10.0}) {
            double worstRms = 0, worstBias = 0;
            for (int s = 1; s <= seeds; ++s) {
                ExpandingParticleScene scene = singleParticle(dose, 2.0, std::uint64_t(s));
                scene.particles[0].coatingNm = coating;
                const SynthMovie synth = renderExpandingParticles(scene);
                const Movie movie(synth.reader());
                std::vector<AreaKeyframe> seedsKey{
                    roughSeed(synth.truth.growingParticles[0], synth.truth, 0)};
                const DriftResult drift = estimateDrift(movie, DriftOptions{}, Progress::none());
                AreaOptions options;
                options.core = true;
                AreaResult r = followOutlines(movie, &drift, seedsKey, options);
                analyseAreas(r, synth.truth.timesS);
                const AreaTrack& t = r.particles.at(0);
                const GrowingParticleTruth& g = synth.truth.growingParticles[0];
                double sum = 0, bias = 0;
                int count = 0;
                for (std::size_t i = 0; i < t.frames.size(); ++i) {
                    const double rc = g.coreRadiiPx[i];
                    const double inner = std::sqrt(g.areasPx[i] / std::numbers::pi) - coating;
                    if (inner - rc < 3)
                        continue;
                    const double e = t.coreAreaPx[i] / (std::numbers::pi * rc * rc) - 1;
                    if (verbose)
                        std::fprintf(stderr, "dose %g coating %g seed %d frame %d core %.2f %%\n",
                                     dose, coating, s, t.frames[i], 100 * e);
                    sum += e * e;
                    bias += e;
                    ++count;
                }
                if (count > 0) {
                    worstRms = std::max(worstRms, std::sqrt(sum / count));
                    if (std::abs(bias / count) > std::abs(worstBias))
                        worstBias = bias / count;
                }
            }
            std::printf("| %g | %g | %.2f %% | %+.2f %% |\n", dose, coating, 100 * worstRms,
                        100 * worstBias);
        }
}

void speed(int frames)
{
    ExpandingParticleScene scene;
    scene.imaging.frames = frames;
    scene.imaging.width = 1024;
    scene.imaging.height = 1024;
    scene.imaging.dosePerPx = 15;
    scene.imaging.seed = 7;
    scene.imaging.driftStepPx = 0;
    for (auto& p : scene.particles) { // the default three, spread over the larger frame
        p.xPx *= 4;
        p.yPx *= 4;
        p.growthDurationS = frames * 0.6;
    }
    const SynthMovie synth = renderExpandingParticles(scene);
    const auto path = std::filesystem::temp_directory_path() / "bench_area_1024.tif";
    TiffStackOptions tiff;
    tiff.width = 1024;
    tiff.height = 1024;
    tiff.frameCount = frames;
    writeTiffStack(path, synth.frames, tiff);
    std::vector<AreaKeyframe> seeds;
    for (std::size_t p = 0; p < synth.truth.growingParticles.size(); ++p)
        seeds.push_back(
            roughSeed(synth.truth.growingParticles[p], synth.truth, static_cast<int>(p)));
    double readS = 1e9, followS = 1e9, analyseS = 1e9, readCpuS = 1e9, followCpuS = 1e9;
    for (int repeat = 0; repeat < 2; ++repeat) { // alternating, page cache warm for both
        const std::clock_t c0 = std::clock();
        const auto t0 = Clock::now();
        {
            const auto movie = openMovie(path);
            double sum = 0;
            for (int k = 0; k < movie->frameCount(); ++k)
                sum += movie->frame(k).empty() ? 0 : 1;
            (void)sum;
        }
        const auto t1 = Clock::now();
        const std::clock_t c1 = std::clock();
        const auto movie = openMovie(path);
        AreaResult result = followOutlines(*movie, nullptr, seeds, AreaOptions{});
        const auto t2 = Clock::now();
        analyseAreas(result, synth.truth.timesS);
        const auto t3 = Clock::now();
        const std::clock_t c3 = std::clock();
        readS = std::min(readS, seconds(t0, t1));
        followS = std::min(followS, seconds(t1, t3));
        analyseS = std::min(analyseS, seconds(t2, t3));
        // Processor time of all threads: under load, what the steps cost apart from waiting.
        readCpuS = std::min(readCpuS, static_cast<double>(c1 - c0) / CLOCKS_PER_SEC);
        followCpuS = std::min(followCpuS, static_cast<double>(c3 - c1) / CLOCKS_PER_SEC);
    }
    std::filesystem::remove(path);
    std::printf("\n### Speed\n\nThree particles followed through %d frames of 1024² uint16 "
                "(TIFF on disk, page cache warm), no drift correction; best of 2 alternating "
                "runs.\n\n| step | frames/s | vs plain read |\n|---|---|---|\n",
                frames);
    std::printf("| plain read (openMovie + frame()) | %.0f | 1.00 |\n", frames / readS);
    std::printf("| read + followOutlines + analyseAreas | %.0f | **%.2f** |\n", frames / followS,
                readS / followS);
    std::printf("| of which analyseAreas (fits, bootstraps: per movie, not per frame) | %.2f s | "
                "– |\n",
                analyseS);
    std::printf("\nProcessor time (all threads; the next frame is read while one is followed, "
                "and separate particles are followed in parallel): plain read %.2f ms/frame, read "
                "+ follow + analyse %.2f ms/frame (%.2f× the read's).\n",
                1e3 * readCpuS / frames, 1e3 * followCpuS / frames, followCpuS / readCpuS);
}

} // namespace

int main(int argc, char** argv)
{
    bool doAccuracy = false, doCoverage = false, doSpeed = false, doCore = false, verbose = false;
    int seeds = 0, frames = 100;
    for (int i = 1; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--accuracy"))
            doAccuracy = true;
        else if (!std::strcmp(argv[i], "--coverage"))
            doCoverage = true;
        else if (!std::strcmp(argv[i], "--speed"))
            doSpeed = true;
        else if (!std::strcmp(argv[i], "--core"))
            doCore = true;
        else if (!std::strcmp(argv[i], "--verbose"))
            verbose = true;
        else if (!std::strcmp(argv[i], "--seeds") && i + 1 < argc)
            seeds = std::max(1, std::atoi(argv[++i]));
        else if (!std::strcmp(argv[i], "--frames") && i + 1 < argc)
            frames = std::max(10, std::atoi(argv[++i]));
        else {
            std::fprintf(stderr, "usage: bench_area [--accuracy] [--coverage] [--core] [--speed] "
                                 "[--seeds N] [--frames N] [--verbose]\n");
            return 2;
        }
    }
    if (!doAccuracy && !doCoverage && !doSpeed && !doCore)
        doAccuracy = doCoverage = doSpeed = doCore = true;
    std::printf("## Areas (bench_area)\n");
    if (doAccuracy)
        accuracy(seeds > 0 ? seeds : 2);
    if (doCoverage)
        coverage(seeds > 0 ? seeds : 20, verbose);
    if (doCore)
        coreAccuracy(seeds > 0 ? seeds : 2, verbose);
    if (doSpeed)
        speed(frames);
    return 0;
}
