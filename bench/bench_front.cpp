// bench_front: front accuracy against synthetic truth (doses 20 and 5, one and two fronts, linear
// and √t kinetics, several seeds each) and speed of tracking a 1000-frame movie along a 500 px line
// next to a plain read of that movie (same run). Prints a Markdown section for docs/performance.md
// ("Fronts"). Options: --accuracy (accuracy only), --speed (speed only), --seeds N (default 3),
// --dump DIR (per-frame errors as CSV, for diagnosis), --case NAME (only the cases whose name
// contains NAME), --particles N and --dose D (override the scenes, for diagnosis).

#include "insitu/front/front_fit.h"
#include "insitu/front/front_tracker.h"
#include "insitu/front/kymograph.h"
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

int g_particles = -1;       // --particles N: override the scene's particle count (diagnosis)
double g_doseOverride = 0;  // --dose D: override every case's dose (diagnosis)
std::string g_caseFilter;   // --case NAME: run only the accuracy cases whose name contains NAME

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
struct FrontFigures
{
    int found = 0;
    int truthFrames = 0;
    double rms = NAN;
    double maxAbs = NAN;
    double velocityErrorPct = NAN;  ///< linear fit vs truth (linear law only)
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

std::vector<FrontFigures> runCase(const Case& c, std::uint64_t seed, std::string* fittedModel,
                                  const std::string& dumpDir)
{
    const SynthMovie synth = renderNanowireFront(sceneOf(c, seed));
    const Movie movie(synth.reader());
    DriftResult drift;  // true drift: the tracker alone (the drift module is benchmarked apart)
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
    // match each truth front to the found track nearest to it over their common frames (each
    // track used once, closest pairs first): a missing front is reported as missing, not as the
    // error of another one
    const std::size_t truthCount = synth.truth.fronts.size();
    std::vector<std::map<int, double>> truthAt(truthCount);
    for (std::size_t f = 0; f < truthCount; ++f) {
        const auto& truth = synth.truth.fronts[f];
        for (std::size_t i = 0; i < truth.frames.size(); ++i)
            truthAt[f][truth.frames[i]] = truth.positionsPx[i];
    }
    struct Pair
    {
        double meanAbs;
        std::size_t truth, track;
    };
    std::vector<Pair> pairs;
    for (std::size_t f = 0; f < truthCount; ++f)
        for (std::size_t t = 0; t < result.fronts.size(); ++t) {
            const FrontTrack& track = result.fronts[t];
            double sum = 0;
            int common = 0;
            for (std::size_t i = 0; i < track.frames.size(); ++i) {
                const auto it = truthAt[f].find(track.frames[i]);
                if (it != truthAt[f].end()) {
                    sum += std::abs(track.positionsPx[i] - it->second);
                    ++common;
                }
            }
            if (common >= 10)
                pairs.push_back({sum / common, f, t});
        }
    std::sort(pairs.begin(), pairs.end(),
              [](const Pair& a, const Pair& b) { return a.meanAbs < b.meanAbs; });
    std::vector<int> trackOf(truthCount, -1);
    std::vector<bool> used(result.fronts.size(), false);
    for (const Pair& p : pairs)
        if (trackOf[p.truth] < 0 && !used[p.track]) {
            trackOf[p.truth] = static_cast<int>(p.track);
            used[p.track] = true;
        }
    std::vector<FrontFigures> out;
    for (std::size_t f = 0; f < truthCount; ++f) {
        const auto& truth = synth.truth.fronts[f];
        FrontFigures fig;
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
    std::printf("Accuracy vs truth: nanowire-front scenes (particles, swelling, flicker, drift, "
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
        std::map<std::size_t, std::vector<FrontFigures>> perFront;
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
                std::printf("| %s | %zu | %s | %.2f | %.2f | %.1f | %s | %s |\n",
                            c.name.c_str(), f, foundText, rmsMean / foundSeeds, rmsWorst,
                            maxWorst, velocity, f == 0 ? modelText.c_str() : "");
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
    constexpr int stripTop = 480;  // the wire's row 48 lands on row 528
    {
        TiffStackOptions big = tiff;
        big.width = fullSize;
        big.height = fullSize;
        TiffStackWriter writer(full, big);
        cv::Mat frame(fullSize, fullSize, CV_16U);
        for (const cv::Mat& f : synth.frames) {
            for (int top = stripTop % f.rows - f.rows; top < fullSize; top += f.rows)
                for (int y = std::max(top, 0); y < std::min(top + f.rows, fullSize); ++y)
                    std::copy_n(f.ptr<std::uint16_t>(y - top), f.cols,
                                frame.ptr<std::uint16_t>(y));
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

    std::printf("\nSpeed: 1000 frames (TIFF on disk, page cache warm), 500 px line, band 22 px, no "
                "drift correction, 1 front; best of 3 alternating runs. The 1024² movie is the "
                "size of a binned 4k recording; the 540×96 strip is the wire alone (a movie "
                "cropped to it), where reading is nearly free and the tracking cost shows.\n\n");
    std::printf("| movie | step | frames/s | vs plain read |\n|---|---|---|---|\n");
    printSpeedRows("1024² uint16", fullFigures, 1000);
    printSpeedRows("540×96 uint16", stripFigures, 1000);
    if (const char* repeat = std::getenv("BENCH_FRONT_REPEAT_TRACK")) {  // for profilers
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

} // namespace

int main(int argc, char** argv)
{
    bool doAccuracy = true, doSpeed = true;
    int seeds = 3;
    std::string dumpDir;
    for (int i = 1; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--accuracy"))
            doSpeed = false;
        else if (!std::strcmp(argv[i], "--speed"))
            doAccuracy = false;
        else if (!std::strcmp(argv[i], "--seeds") && i + 1 < argc)
            seeds = std::max(1, std::atoi(argv[++i]));
        else if (!std::strcmp(argv[i], "--particles") && i + 1 < argc)
            g_particles = std::atoi(argv[++i]);
        else if (!std::strcmp(argv[i], "--dose") && i + 1 < argc)
            g_doseOverride = std::atof(argv[++i]);
        else if (!std::strcmp(argv[i], "--case") && i + 1 < argc)
            g_caseFilter = argv[++i];
        else if (!std::strcmp(argv[i], "--dump") && i + 1 < argc)
            dumpDir = argv[++i];
    }
    std::printf("## Fronts\n\n");
    if (doAccuracy)
        accuracy(seeds, dumpDir);
    if (doSpeed)
        speed();
    std::printf("\nReproduce: `bench_front` (or `bench_front --accuracy --seeds 5`, "
                "`bench_front --speed`).\n");
    return 0;
}
