// bench_front: fronts against synthetic truth and tracking speed; prints a Markdown section for
// docs/performance.md ("Fronts"). Parts (all by default, or any of):
//  --grid      the tool as a user runs it (estimateDrift default, default FrontOptions, band
//              22 px) over speeds {0.1 … 10} px/frame × dose {5, 20} × {one front, two fronts
//              3× and 10× apart}: found fraction, RMS and max error, velocity error, intervals;
//  --coverage  one linear front (0.6 px/frame = 0.3 nm/s) over many seeds: how often the
//              reported 95 % interval of v contains the truth, and its width vs the spread of v;
//  --accuracy  the tracker alone (true drift) on 200-frame scenes, linear and √t kinetics;
//  --speed     tracking a 1000-frame movie along a 500 px line next to a plain read (same run);
//  --wire-width  estimateWireWidthPx against the true width over widths, angles and doses;
//  --bands     the sample's two velocities for bands from 5 px to the wire's width.
// --seeds N (grid and accuracy: default 1 and 3; coverage: default 20), --case TEXT (grid and
// accuracy rows whose name contains TEXT, e.g. "v6_" or "dose5"), --dump DIR (accuracy:
// per-frame errors as CSV), --particles N and --dose D (accuracy: override the scenes),
// --true-drift (grid: the scene's true drift, the tracker alone), --trace (grid: every track
// against the truth on stderr).

#include "front_grid.h"
#include "front_truth_match.h"

#include "insitu/front/front_fit.h"
#include "insitu/front/front_tracker.h"
#include "insitu/front/kymograph.h"
#include "insitu/front/wire_width.h"
#include "insitu/io/movie.h"
#include "insitu/io/tiff_writer.h"
#include "insitu/synth/nanowire_front.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

using namespace insitu;
using Clock = std::chrono::steady_clock;

namespace {

int g_particles = -1;      // --particles N: override the scene's particle count (diagnosis)
double g_doseOverride = 0; // --dose D: override every case's dose (diagnosis)
std::string g_caseFilter;  // --case NAME: run only the accuracy cases whose name contains NAME

double seconds(Clock::time_point a, Clock::time_point b)
{
    return std::chrono::duration<double>(b - a).count();
}

Roi lineRoi(const SceneTruth& truth, double width)
{
    Roi roi;
    const auto& l = *truth.lineX0Y0X1Y1;
    roi.points = {{l[0], l[1]}, {l[2], l[3]}};
    roi.widthPx = width;
    return roi;
}

/// One accuracy case: a scene family, tracked over several seeds.
struct Case
{
    std::string name;
    double dose = 20;
    int fronts = 1;
    FrontLaw law = FrontLaw::Linear;
};

/// Figures of one front in one run.
struct CaseFigures
{
    int found = 0;
    int truthFrames = 0;
    double rms = NAN;
    double maxAbs = NAN;
    double velocityErrorPct = NAN; ///< linear fit vs truth (linear law only)
};

NanowireFrontScene sceneOf(const Case& c, std::uint64_t seed)
{
    NanowireFrontScene scene;
    scene.imaging.frames = 200;
    scene.imaging.dosePerPx = c.dose;
    scene.imaging.seed = seed;
    scene.fronts = c.fronts;
    scene.law = c.law;
    if (g_particles >= 0)
        scene.particleCount = g_particles;
    if (g_doseOverride > 0)
        scene.imaging.dosePerPx = g_doseOverride;
    if (c.law == FrontLaw::Sqrt)
        scene.leading.rateNm = 3.0;
    if (c.fronts == 2) {
        scene.leading.rateNm = 1.2;
        scene.trailing = {.startPx = 0, .onsetS = 15, .rateNm = 0.17};
    }
    return scene;
}

std::vector<CaseFigures> runCase(const Case& c, std::uint64_t seed, std::string* fittedModel,
                                 const std::string& dumpDir)
{
    const SynthMovie synth = renderNanowireFront(sceneOf(c, seed));
    const Movie movie(synth.reader());
    DriftResult drift; // true drift: the tracker alone (the drift module is benchmarked apart)
    drift.dxPx = synth.truth.dxPx;
    drift.dyPx = synth.truth.dyPx;
    const Kymograph k = buildKymograph(movie, lineRoi(synth.truth, 22), &drift, Progress::none());
    if (!dumpDir.empty()) {
        std::ofstream kdump(dumpDir + "/" + c.name + "_seed" + std::to_string(seed) + "_kymo.csv");
        for (int r = 0; r < k.values.rows; ++r)
            for (int x = 0; x < k.values.cols; ++x)
                kdump << k.values.at<float>(r, x) << (x + 1 < k.values.cols ? ',' : '\n');
    }
    FrontOptions options;
    options.frontCount = c.fronts;
    FrontResult result = trackFronts(k, options, Progress::none());
    FrontResult linear = result;
    fitFronts(linear, k, "linear");
    if (fittedModel) {
        FrontResult autoFit = result;
        fitFronts(autoFit, k, "auto");
        *fittedModel = !autoFit.fronts.empty() && autoFit.fronts[0].fit
                           ? autoFit.fronts[0].fit->model
                           : "none";
    }
    const std::vector<int> trackOf = bench::matchTracks(result, synth.truth);
    const std::size_t truthCount = synth.truth.fronts.size();
    std::vector<std::map<int, double>> truthAt(truthCount);
    for (std::size_t f = 0; f < truthCount; ++f) {
        const auto& truth = synth.truth.fronts[f];
        for (std::size_t i = 0; i < truth.frames.size(); ++i)
            truthAt[f][truth.frames[i]] = truth.positionsPx[i];
    }
    std::vector<CaseFigures> out;
    for (std::size_t f = 0; f < truthCount; ++f) {
        const auto& truth = synth.truth.fronts[f];
        CaseFigures fig;
        fig.truthFrames = static_cast<int>(truth.frames.size());
        const std::map<int, double>& at = truthAt[f];
        double sum = 0, maxAbs = 0;
        int n = 0;
        std::ofstream dump;
        if (!dumpDir.empty())
            dump.open(dumpDir + "/" + c.name + "_seed" + std::to_string(seed) + "_front" +
                      std::to_string(f) + ".csv");
        if (dump)
            dump << "frame,truth_px,found_px,error_px,confidence\n";
        if (trackOf[f] >= 0) {
            const auto t = static_cast<std::size_t>(trackOf[f]);
            const FrontTrack& track = result.fronts[t];
            for (std::size_t i = 0; i < track.frames.size(); ++i) {
                const auto it = at.find(track.frames[i]);
                if (it == at.end())
                    continue;
                const double d = track.positionsPx[i] - it->second;
                if (dump)
                    dump << track.frames[i] << ',' << it->second << ',' << track.positionsPx[i]
                         << ',' << d << ',' << track.confidence[i] << '\n';
                sum += d * d;
                maxAbs = std::max(maxAbs, std::abs(d));
                ++n;
            }
            if (c.law == FrontLaw::Linear && linear.fronts[t].fit) {
                const FitParameter* v = linear.fronts[t].fit->param("v_nm_per_s");
                const double truthV = truth.velocityNmPerS;
                if (v)
                    fig.velocityErrorPct = 100.0 * (v->value - truthV) / truthV;
            }
        }
        fig.found = n;
        fig.rms = n ? std::sqrt(sum / n) : NAN;
        fig.maxAbs = n ? maxAbs : NAN;
        out.push_back(fig);
    }
    return out;
}

void accuracy(int seeds, const std::string& dumpDir)
{
    std::printf("### Tracker alone (true drift)\n\n"
                "Accuracy vs truth: nanowire-front scenes (particles, swelling, flicker, drift, "
                "Poisson noise), 200 frames, band 22 px, true drift applied (tracker alone), "
                "%d seeds per case; velocity from a linear fit of L(t) (linear law).\n\n",
                seeds);
    std::printf("| case | front | frames found / true (worst) | RMS mean (px) | RMS worst (px) "
                "| max |error| worst (px) | velocity error mean / worst (%%) | auto model |\n"
                "|---|---|---|---|---|---|---|---|\n");
    const std::vector<Case> cases{
        {"dose20_linear", 20, 1, FrontLaw::Linear}, {"dose5_linear", 5, 1, FrontLaw::Linear},
        {"dose20_sqrt", 20, 1, FrontLaw::Sqrt},     {"dose5_sqrt", 5, 1, FrontLaw::Sqrt},
        {"dose20_two", 20, 2, FrontLaw::Linear},    {"dose5_two", 5, 2, FrontLaw::Linear}};
    for (const Case& c : cases) {
        if (!g_caseFilter.empty() && c.name.find(g_caseFilter) == std::string::npos)
            continue;
        std::map<std::size_t, std::vector<CaseFigures>> perFront;
        std::map<std::string, int> models;
        for (int s = 0; s < seeds; ++s) {
            std::string model;
            const auto figs = runCase(c, 21 + static_cast<std::uint64_t>(s) * 17, &model, dumpDir);
            ++models[model];
            for (std::size_t f = 0; f < figs.size(); ++f)
                perFront[f].push_back(figs[f]);
        }
        std::string modelText;
        for (const auto& [m, n] : models)
            modelText += (modelText.empty() ? "" : ", ") + m + " ×" + std::to_string(n);
        for (const auto& [f, figs] : perFront) {
            // RMS and max over the seeds where the front was found; missing seeds are counted
            double rmsMean = 0, rmsWorst = 0, maxWorst = 0, vMean = 0, vWorst = 0;
            int worstFound = 1 << 30, truthFrames = 0, vCount = 0, foundSeeds = 0;
            for (const auto& g : figs) {
                if (g.found < worstFound) {
                    worstFound = g.found;
                    truthFrames = g.truthFrames;
                }
                if (g.found == 0 || std::isnan(g.rms))
                    continue;
                ++foundSeeds;
                rmsMean += g.rms;
                rmsWorst = std::max(rmsWorst, g.rms);
                maxWorst = std::max(maxWorst, g.maxAbs);
                if (!std::isnan(g.velocityErrorPct)) {
                    vMean += std::abs(g.velocityErrorPct);
                    vWorst = std::max(vWorst, std::abs(g.velocityErrorPct));
                    ++vCount;
                }
            }
            char velocity[64] = "–";
            if (c.law == FrontLaw::Linear && vCount > 0)
                std::snprintf(velocity, sizeof velocity, "%.2f / %.2f", vMean / vCount, vWorst);
            const int missing = static_cast<int>(figs.size()) - foundSeeds;
            char foundText[64];
            std::snprintf(foundText, sizeof foundText, "%d / %d%s", worstFound, truthFrames,
                          missing > 0 ? (" (missing in " + std::to_string(missing) + " of " +
                                         std::to_string(figs.size()) + " seeds)")
                                            .c_str()
                                      : "");
            if (foundSeeds == 0)
                std::printf("| %s | %zu | %s | – | – | – | – | %s |\n", c.name.c_str(), f,
                            foundText, f == 0 ? modelText.c_str() : "");
            else
                std::printf("| %s | %zu | %s | %.2f | %.2f | %.1f | %s | %s |\n", c.name.c_str(), f,
                            foundText, rmsMean / foundSeeds, rmsWorst, maxWorst, velocity,
                            f == 0 ? modelText.c_str() : "");
        }
        std::fflush(stdout);
    }
}

/// Best-of-3 timings (s) of a plain read, read + kymograph, and read + kymograph + tracking of
/// the movie at path along roi.
struct SpeedFigures
{
    double readS = 1e9, kymoS = 1e9, totalS = 1e9;
    std::size_t found = 0;
};

SpeedFigures timeTracking(const std::filesystem::path& path, const Roi& roi)
{
    SpeedFigures f;
    // best of 3 alternating runs, so page cache and CPU frequency treat both alike
    for (int repeat = 0; repeat < 3; ++repeat) {
        const auto t0 = Clock::now();
        {
            const auto movie = openMovie(path);
            double sum = 0;
            for (int k = 0; k < movie->frameCount(); ++k)
                sum += movie->frame(k).empty() ? 0 : 1;
            (void)sum;
        }
        const auto t1 = Clock::now();
        const auto movie = openMovie(path);
        const Kymograph k = buildKymograph(*movie, roi, nullptr, Progress::none());
        const auto t2 = Clock::now();
        const FrontResult result = trackFronts(k, {}, Progress::none());
        const auto t3 = Clock::now();
        f.readS = std::min(f.readS, seconds(t0, t1));
        f.kymoS = std::min(f.kymoS, seconds(t1, t2));
        f.totalS = std::min(f.totalS, seconds(t1, t3));
        f.found = result.fronts.size();
    }
    return f;
}

void printSpeedRows(const char* movie, const SpeedFigures& f, int frames)
{
    const double readFps = frames / f.readS;
    const double kymoFps = frames / f.kymoS;
    const double totalFps = frames / f.totalS;
    std::printf("| %s | plain read (openMovie + frame()) | %.0f | 1.00 |\n", movie, readFps);
    std::printf("| %s | read + kymograph | %.0f | %.2f |\n", movie, kymoFps, kymoFps / readFps);
    std::printf("| %s | read + kymograph + trackFronts (%zu front found) | %.0f | **%.2f** |\n",
                movie, f.found, totalFps, totalFps / readFps);
    std::printf("| %s | trackFronts alone (%d × 501 kymograph) | %.0f | – |\n", movie, frames,
                frames / std::max(f.totalS - f.kymoS, 1e-9));
}

void speed()
{
    // 1000 frames 540×96 uint16 on disk, 500 px line
    NanowireFrontScene scene;
    scene.imaging.frames = 1000;
    scene.imaging.width = 540;
    scene.imaging.height = 96;
    scene.imaging.seed = 5;
    scene.contactXPx = 20;
    scene.contactYPx = 48;
    scene.angleDeg = 0;
    scene.lengthPx = 500;
    scene.fronts = 1;
    scene.leading.rateNm = 0.3;
    const SynthMovie synth = renderNanowireFront(scene);
    const auto strip = std::filesystem::temp_directory_path() / "bench_front_1000.tif";
    TiffStackOptions tiff;
    tiff.width = scene.imaging.width;
    tiff.height = scene.imaging.height;
    tiff.frameCount = scene.imaging.frames;
    writeTiffStack(strip, synth.frames, tiff);

    // The same wire in 1024² frames, the size of a binned 4k camera movie (2 GiB of uint16):
    // the strip pasted into the middle of a frame tiled with further copies of it.
    const auto full = std::filesystem::temp_directory_path() / "bench_front_1000_1024.tif";
    constexpr int fullSize = 1024;
    constexpr int stripTop = 480; // the wire's row 48 lands on row 528
    {
        TiffStackOptions big = tiff;
        big.width = fullSize;
        big.height = fullSize;
        TiffStackWriter writer(full, big);
        cv::Mat frame(fullSize, fullSize, CV_16U);
        for (const cv::Mat& f : synth.frames) {
            for (int top = stripTop % f.rows - f.rows; top < fullSize; top += f.rows)
                for (int y = std::max(top, 0); y < std::min(top + f.rows, fullSize); ++y)
                    std::copy_n(f.ptr<std::uint16_t>(y - top), f.cols, frame.ptr<std::uint16_t>(y));
            frame.colRange(f.cols, fullSize).setTo(1000);
            writer.appendFrame(frame);
        }
        writer.finish();
    }

    Roi roi;
    roi.points = {{20, 48}, {520, 48}};
    roi.widthPx = 22;
    const SpeedFigures stripFigures = timeTracking(strip, roi);
    Roi fullRoi = roi;
    for (auto& p : fullRoi.points)
        p.y += stripTop;
    const SpeedFigures fullFigures = timeTracking(full, fullRoi);

    std::printf("\n### Speed\n\nSpeed: 1000 frames (TIFF on disk, page cache warm), 500 px line, "
                "band 22 px, no "
                "drift correction, 1 front; best of 3 alternating runs. The 1024² movie is the "
                "size of a binned 4k recording; the 540×96 strip is the wire alone (a movie "
                "cropped to it), where reading is nearly free and the tracking cost shows.\n\n");
    std::printf("| movie | step | frames/s | vs plain read |\n|---|---|---|---|\n");
    printSpeedRows("1024² uint16", fullFigures, 1000);
    printSpeedRows("540×96 uint16", stripFigures, 1000);
    if (const char* repeat = std::getenv("BENCH_FRONT_REPEAT_TRACK")) { // for profilers
        const auto movie = openMovie(strip);
        const Kymograph k = buildKymograph(*movie, roi, nullptr, Progress::none());
        std::size_t found = 0;
        for (int i = 0; i < std::atoi(repeat); ++i)
            found += trackFronts(k, {}, Progress::none()).fronts.size();
        std::printf("(%zu)\n", found);
    }
    std::filesystem::remove(strip);
    std::filesystem::remove(full);
}

void coverage(int seeds)
{
    // the default scene's wire (224 px in 256 × 112), one linear front at 0.6 px/frame
    auto sceneOfSeed = [](std::uint64_t seed) {
        NanowireFrontScene scene;
        scene.imaging.frames = 200;
        scene.imaging.nmPerPixel = 0.5;
        scene.imaging.frameIntervalS = 1;
        scene.imaging.dosePerPx = 20;
        scene.imaging.seed = seed;
        scene.fronts = 1;
        scene.leading = {.startPx = 12, .onsetS = 0, .rateNm = 0.3};
        return scene;
    };
    const double truthV = 0.3;
    std::vector<double> v, widths;
    int inCi = 0, missing = 0;
    std::string ciMethod = "t";
    for (int s = 0; s < seeds; ++s) {
        const bench::SceneRun run = bench::runScene(
            sceneOfSeed(1001 + static_cast<std::uint64_t>(s)), 22, bench::DriftSource::Estimated);
        const bench::FrontFigures& f = run.fronts.at(0);
        if (std::isnan(f.velocityNmPerS)) {
            ++missing;
            continue;
        }
        if (!run.ciMethod.empty())
            ciMethod = run.ciMethod;
        v.push_back(f.velocityNmPerS);
        widths.push_back(f.ciHighNmPerS - f.ciLowNmPerS);
        inCi += f.velocityInCi;
    }
    const double n = static_cast<double>(v.size());
    double mean = 0, sd = 0, meanWidth = 0;
    for (std::size_t i = 0; i < v.size(); ++i) {
        mean += v[i] / n;
        meanWidth += widths[i] / n;
    }
    for (double x : v)
        sd += (x - mean) * (x - mean) / std::max(n - 1, 1.0);
    sd = std::sqrt(sd);
    std::printf("### Coverage of the velocity interval\n\n"
                "%d seeds of one linear front at 0.6 px/frame (0.3 nm/s at 0.5 nm/px, 1 s/frame), "
                "200 frames of the default 256 × 112 scene at dose 20 (particles, swelling, "
                "flicker, drift, Poisson noise); `estimateDrift` default, band 22 px, default "
                "`FrontOptions`, linear fit by `fitFronts` (interval method \"%s\").\n\n",
                seeds, ciMethod.c_str());
    std::printf("| seeds fitted | v mean ± SD over seeds (nm/s) | bias (%%) | truth in 95 %% CI "
                "| mean CI width (nm/s) | width / (2 × 1.96 × SD) |\n|---|---|---|---|---|---|\n");
    if (v.empty()) {
        std::printf("| 0 of %d | – | – | – | – | – |\n\n", seeds);
        return;
    }
    std::printf(
        "| %zu of %d | %.5f ± %.5f | %+.2f | **%d / %zu** (%.0f %%) | %.5f | **%.2f** |\n\n",
        v.size(), seeds, mean, sd, 100 * (mean - truthV) / truthV, inCi, v.size(), 100.0 * inCi / n,
        meanWidth, sd > 0 ? meanWidth / (2 * 1.96 * sd) : NAN);
    std::printf("(width / (2 × 1.96 × SD) = 1: the interval is as wide as the seed-to-seed "
                "spread says a 95 %% interval should be; below 1 it is too narrow. %d seed%s "
                "without a fitted front.)\n\n",
                missing, missing == 1 ? "" : "s");
}

void bands()
{
    // the bundled sample's scene (seed 1): fronts at 0.7 and 0.25 nm/s on a 32 px wire
    NanowireFrontScene scene;
    scene.imaging.seed = 1;
    std::printf("### Velocity against band width\n\n"
                "The bundled sample's scene (`insitu synth nanowire-front --seed 1`: 32 px wire, "
                "fronts at 0.70 and 0.25 nm/s), `estimateDrift` default, default `FrontOptions` "
                "(2 fronts), tracked as `insitu front --width` does (path search on the wire's "
                "default band when the band is narrower), linear fit; v ± half its reported "
                "95 %% interval per band.\n\n"
                "| band (px) | slow front v (nm/s) | in CI | fast front v (nm/s) | in CI |\n"
                "|---|---|---|---|---|\n");
    for (double band : {5.0, 10.0, 15.0, 20.0, 24.0, 32.0}) {
        const bench::SceneRun run =
            bench::runScene(scene, band, bench::DriftSource::Estimated, true);
        std::printf("| %g", band);
        for (const bench::FrontFigures& f : run.fronts) {
            if (std::isnan(f.velocityNmPerS))
                std::printf(" | – | –");
            else
                std::printf(" | %.4f ± %.4f | %s", f.velocityNmPerS,
                            0.5 * (f.ciHighNmPerS - f.ciLowNmPerS), f.velocityInCi ? "yes" : "no");
        }
        std::printf(" |\n");
        std::fflush(stdout);
    }
    std::printf("\n");
}

void wireWidth()
{
    constexpr double kDegToRad = 3.14159265358979323846 / 180.0;
    const double widths[] = {8, 14, 24, 40, 64};
    const double angles[] = {0, 4, 27, -41};
    const double doses[] = {20, 5};
    std::printf("### Wire width (default band)\n\n"
                "`estimateWireWidthPx` along the truth line of a 180 px wire through 256² frames "
                "(6 frames, particles, flicker, drift and Poisson noise; true drift applied), "
                "angles {0, 4, 27, −41}° × dose {20, 5} counts/px per width.\n\n"
                "| true width (px) | found | error mean (px) | worst abs error (px) | spread over "
                "the path, mean (px) |\n|---|---|---|---|---|\n");
    std::uint64_t seed = 0;
    for (double width : widths) {
        int found = 0, tried = 0;
        double sum = 0, worst = 0, spread = 0;
        for (double angle : angles)
            for (double dose : doses) {
                NanowireFrontScene scene;
                scene.imaging.frames = 6;
                scene.imaging.width = 256;
                scene.imaging.height = 256;
                scene.imaging.dosePerPx = dose;
                scene.imaging.seed = ++seed;
                scene.angleDeg = angle;
                scene.lengthPx = 180;
                scene.contactXPx = 128 - 90 * std::cos(angle * kDegToRad);
                scene.contactYPx = 128 - 90 * std::sin(angle * kDegToRad);
                scene.halfWidthPx = width / 2;
                scene.fronts = 1;
                const SynthMovie synth = renderNanowireFront(scene);
                const Movie movie(synth.reader());
                DriftResult drift;
                drift.dxPx = synth.truth.dxPx;
                drift.dyPx = synth.truth.dyPx;
                const WireWidth wire = estimateWireWidthPx(movie, lineRoi(synth.truth, 1), &drift);
                ++tried;
                if (!wire.found)
                    continue;
                ++found;
                sum += wire.widthPx - width;
                worst = std::max(worst, std::abs(wire.widthPx - width));
                spread += wire.spreadPx;
            }
        if (found == 0)
            std::printf("| %g | 0 / %d | – | – | – |\n", width, tried);
        else
            std::printf("| %g | %d / %d | %+.2f | %.2f | %.2f |\n", width, found, tried,
                        sum / found, worst, spread / found);
    }
    std::printf("\nThe default band is three quarters of the measured width (5–100 px), 20 px "
                "when no wire is found (`defaultBandWidthPx`).\n\n");
}

} // namespace

int main(int argc, char** argv)
{
    bool doGrid = false, doCoverage = false, doAccuracy = false, doSpeed = false,
         doWireWidth = false, doBands = false;
    int seeds = 0; // 0: each part's default
    std::string dumpDir;
    bench::GridSettings gridSettings;
    for (int i = 1; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--grid"))
            doGrid = true;
        else if (!std::strcmp(argv[i], "--coverage"))
            doCoverage = true;
        else if (!std::strcmp(argv[i], "--accuracy"))
            doAccuracy = true;
        else if (!std::strcmp(argv[i], "--speed"))
            doSpeed = true;
        else if (!std::strcmp(argv[i], "--wire-width"))
            doWireWidth = true;
        else if (!std::strcmp(argv[i], "--bands"))
            doBands = true;
        else if (!std::strcmp(argv[i], "--seeds") && i + 1 < argc)
            seeds = std::max(1, std::atoi(argv[++i]));
        else if (!std::strcmp(argv[i], "--particles") && i + 1 < argc)
            g_particles = std::atoi(argv[++i]);
        else if (!std::strcmp(argv[i], "--dose") && i + 1 < argc)
            g_doseOverride = std::atof(argv[++i]);
        else if (!std::strcmp(argv[i], "--case") && i + 1 < argc)
            g_caseFilter = argv[++i];
        else if (!std::strcmp(argv[i], "--true-drift"))
            gridSettings.drift = bench::DriftSource::Truth;
        else if (!std::strcmp(argv[i], "--trace"))
            gridSettings.trace = true;
        else if (!std::strcmp(argv[i], "--dump") && i + 1 < argc)
            dumpDir = argv[++i];
        else {
            std::fprintf(stderr, "bench_front: unknown option %s\n", argv[i]);
            return 2;
        }
    }
    if (!doGrid && !doCoverage && !doAccuracy && !doSpeed && !doWireWidth && !doBands)
        doGrid = doCoverage = doAccuracy = doSpeed = doWireWidth = doBands = true;
    std::printf("## Fronts\n\n");
    if (doGrid) {
        gridSettings.seeds = seeds ? seeds : 1;
        gridSettings.caseFilter = g_caseFilter;
        bench::grid(gridSettings);
    }
    if (doCoverage)
        coverage(seeds ? seeds : 20);
    if (doAccuracy)
        accuracy(seeds ? seeds : 3, dumpDir);
    if (doWireWidth)
        wireWidth();
    if (doBands)
        bands();
    if (doSpeed)
        speed();
    std::printf("\nReproduce: `bench_front` (all parts), or `bench_front --grid`, "
                "`bench_front --coverage --seeds 20`, `bench_front --accuracy --seeds 5`, "
                "`bench_front --speed`, `bench_front --wire-width`, `bench_front --bands`; `--case "
                "v6_` runs the grid "
                "rows at 6 px/frame.\n");
    return 0;
}
