// bench_front: front accuracy against synthetic truth (doses 20 and 5, one and two fronts) and
// speed of tracking a 1000-frame movie along a 500 px line next to a plain read of that movie.
// Prints a Markdown section for docs/performance.md ("Fronts").

#include "insitu/front/front_tracker.h"
#include "insitu/front/kymograph.h"
#include "insitu/io/movie.h"
#include "insitu/io/tiff_writer.h"
#include "insitu/synth/nanowire_front.h"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <map>

using namespace insitu;
using Clock = std::chrono::steady_clock;

namespace {

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

void accuracyRow(double dose, int fronts, std::uint64_t seed)
{
    NanowireFrontScene scene;
    scene.imaging.frames = 200;
    scene.imaging.dosePerPx = dose;
    scene.imaging.seed = seed;
    scene.fronts = fronts;
    if (fronts == 2) {
        scene.leading.rateNm = 1.2;
        scene.trailing = {.startPx = 0, .onsetS = 15, .rateNm = 0.17};
    }
    const SynthMovie synth = renderNanowireFront(scene);
    const Movie movie(synth.reader());
    DriftResult drift;  // true drift: the tracker alone (the drift module is benchmarked apart)
    drift.dxPx = synth.truth.dxPx;
    drift.dyPx = synth.truth.dyPx;
    const Kymograph k = buildKymograph(movie, lineRoi(synth.truth, 22), &drift, Progress::none());
    FrontOptions options;
    options.frontCount = fronts;
    const FrontResult result = trackFronts(k, options, Progress::none());
    for (std::size_t f = 0; f < synth.truth.fronts.size(); ++f) {
        const auto& truth = synth.truth.fronts[f];
        std::map<int, double> at;
        for (std::size_t i = 0; i < truth.frames.size(); ++i)
            at[truth.frames[i]] = truth.positionsPx[i];
        double sum = 0, maxAbs = 0;
        int n = 0;
        if (f < result.fronts.size())
            for (std::size_t i = 0; i < result.fronts[f].frames.size(); ++i) {
                const auto it = at.find(result.fronts[f].frames[i]);
                if (it == at.end())
                    continue;
                const double d = result.fronts[f].positionsPx[i] - it->second;
                sum += d * d;
                maxAbs = std::max(maxAbs, std::abs(d));
                ++n;
            }
        std::printf("| %g | %d | %zu | %d / %zu | %.2f | %.1f |\n", dose, fronts, f, n,
                    truth.frames.size(), n ? std::sqrt(sum / n) : NAN, maxAbs);
    }
}

} // namespace

int main()
{
    std::printf("## Fronts\n\n");
    std::printf("Accuracy vs truth: nanowire-front scenes, 200 frames, band 22 px, true drift "
                "applied (tracker alone).\n\n");
    std::printf("| dose (counts/px) | fronts in scene | front | frames found / true | RMS (px) "
                "| max (px) |\n|---|---|---|---|---|---|\n");
    accuracyRow(20, 1, 21);
    accuracyRow(5, 1, 22);
    accuracyRow(20, 2, 23);
    accuracyRow(5, 2, 24);

    // speed: 1000 frames 540×96 uint16 on disk, 500 px line
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
    const auto path = std::filesystem::temp_directory_path() / "bench_front_1000.tif";
    TiffStackOptions tiff;
    tiff.width = scene.imaging.width;
    tiff.height = scene.imaging.height;
    tiff.frameCount = scene.imaging.frames;
    writeTiffStack(path, synth.frames, tiff);

    const auto t0 = Clock::now();
    {
        const auto movie = openMovie(path);
        double sum = 0;
        for (int k = 0; k < movie->frameCount(); ++k)
            sum += movie->frame(k).empty() ? 0 : 1;
        (void)sum;
    }
    const auto t1 = Clock::now();
    Roi roi;
    roi.points = {{20, 48}, {520, 48}};
    roi.widthPx = 22;
    const auto movie = openMovie(path);
    const Kymograph k = buildKymograph(*movie, roi, nullptr, Progress::none());
    const auto t2 = Clock::now();
    const FrontResult result = trackFronts(k, {}, Progress::none());
    const auto t3 = Clock::now();
    const double readFps = 1000 / seconds(t0, t1);
    const double kymoFps = 1000 / seconds(t1, t2);
    const double totalFps = 1000 / seconds(t1, t3);
    std::printf("\nSpeed: 1000 frames of 540×96 uint16 (TIFF on disk), 500 px line, band 22 px, "
                "no drift correction, 1 front (%zu found).\n\n",
                result.fronts.size());
    std::printf("| step | frames/s | vs plain read |\n|---|---|---|\n");
    std::printf("| plain read (openMovie + frame()) | %.0f | 1.00 |\n", readFps);
    std::printf("| read + kymograph | %.0f | %.2f |\n", kymoFps, kymoFps / readFps);
    std::printf("| read + kymograph + trackFronts | %.0f | %.2f |\n", totalFps, totalFps / readFps);
    std::printf("\nReproduce: `build/bin/bench_front`.\n");
    std::filesystem::remove(path);
    return 0;
}
