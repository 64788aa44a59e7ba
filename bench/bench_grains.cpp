// bench_grains: grain segmentation speed on a 2048² grain film next to a floor measured in the
// same run (one Gaussian blur of the same image, the cheapest step the segmentation must do),
// and the accuracy against the film's truth. Prints a Markdown section for docs/performance.md
// ("Grains"). --size N (default 2048), --repeat R (default 3); --accuracy [--seeds N] instead
// scores phases and grains of films before and after cycling over seeds against their truth.

#include "../tests/core/crystal/grain_truth.h"

#include "insitu/crystal/grain_analysis.h"
#include "insitu/crystal/grain_segmentation.h"
#include "insitu/synth/grain_film.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

using namespace insitu;
using Clock = std::chrono::steady_clock;

namespace {

double seconds(Clock::time_point a, Clock::time_point b)
{
    return std::chrono::duration<double>(b - a).count();
}

template <typename F> double bestOf(int repeat, F&& run)
{
    double best = 1e300;
    for (int r = 0; r < repeat; ++r) {
        const auto t0 = Clock::now();
        run();
        best = std::min(best, seconds(t0, Clock::now()));
    }
    return best;
}

double classShare(const cv::Mat& classes, PhaseClass c)
{
    return cv::countNonZero(classes == static_cast<int>(c)) / static_cast<double>(classes.total());
}

/// One row per film: phase fractions against the truth, matched grains, median ECD error.
void accuracy(int seeds)
{
    std::printf("| film | size | seed | phases c/a/p (truth) | max abs phase error (points) | "
                "matched | median ECD vs truth |\n|---|---|---|---|---|---|---|\n");
    for (bool cycled : {false, true})
        for (int size : {768, 1024})
            for (int seed = 1; seed <= seeds; ++seed) {
                GrainFilmScene scene =
                    cycled ? GrainFilmScene::afterCycling() : GrainFilmScene::beforeCycling();
                scene.width = scene.height = size;
                scene.seed = static_cast<std::uint64_t>(seed);
                const GrainFilm film = renderGrainFilm(scene);
                const GrainAnalysis a = analyseGrains(film.image, film.nmPerPixel);
                const double truth[3] = {classShare(film.truthClass, PhaseClass::Crystalline),
                                         classShare(film.truthClass, PhaseClass::Amorphous),
                                         classShare(film.truthClass, PhaseClass::Pore)};
                const double measured[3] = {a.phases.crystalline.value, a.phases.amorphous.value,
                                            a.phases.pore.value};
                double worst = 0;
                for (int k = 0; k < 3; ++k)
                    worst = std::max(worst, std::abs(measured[k] - truth[k]));
                const auto cmp = test::compareWithTruth(film.truthLabels, a.segmentation,
                                                        minGrainAreaPx({}, film.nmPerPixel));
                std::printf("| %s | %d² | %d | %.2f/%.2f/%.2f (%.2f/%.2f/%.2f) | %.1f | %d/%d = "
                            "%.0f %% | %.1f vs %.1f px (%+.1f %%) |\n",
                            cycled ? "after" : "before", size, seed, measured[0], measured[1],
                            measured[2], truth[0], truth[1], truth[2], 100 * worst, cmp.matched,
                            cmp.truthGrains, 100.0 * cmp.matched / std::max(1, cmp.truthGrains),
                            cmp.measuredMedianEcdPx, cmp.truthMedianEcdPx,
                            100 * (cmp.measuredMedianEcdPx / cmp.truthMedianEcdPx - 1));
                std::fflush(stdout);
            }
}

} // namespace

int main(int argc, char** argv)
{
    int size = 2048;
    int repeat = 3;
    int seeds = 5;
    for (int i = 1; i < argc; ++i)
        if (std::strcmp(argv[i], "--accuracy") == 0) {
            for (int j = 1; j + 1 < argc; ++j)
                if (std::strcmp(argv[j], "--seeds") == 0)
                    seeds = std::stoi(argv[j + 1]);
            accuracy(seeds);
            return 0;
        }
    for (int i = 1; i + 1 < argc; ++i) {
        if (std::strcmp(argv[i], "--size") == 0)
            size = std::stoi(argv[i + 1]);
        if (std::strcmp(argv[i], "--repeat") == 0)
            repeat = std::stoi(argv[i + 1]);
    }
    GrainFilmScene scene = GrainFilmScene::beforeCycling();
    scene.width = scene.height = size;
    const GrainFilm film = renderGrainFilm(scene);
    cv::Mat f;
    film.image.convertTo(f, CV_32F);
    const double floorS = bestOf(repeat, [&] {
        cv::Mat blurred;
        cv::GaussianBlur(f, blurred, cv::Size(), GrainOptions{}.smoothSigmaPx);
    });
    std::size_t grains = 0;
    const double segmentS =
        bestOf(repeat, [&] { grains = segmentGrains(film.image, film.nmPerPixel).grains.size(); });
    const double analysisS =
        bestOf(repeat, [&] { (void)analyseGrains(film.image, film.nmPerPixel); });
    std::printf("## Grains (bench_grains --size %d)\n\n", size);
    std::printf("| step | time (s) | ratio to one Gaussian blur |\n|---|---|---|\n");
    std::printf("| one Gaussian blur (floor) | %.4f | 1 |\n", floorS);
    std::printf("| segmentGrains (%zu grains) | %.3f | %.0f |\n", grains, segmentS,
                segmentS / floorS);
    std::printf("| analyseGrains (phases, grains, statistics, E112) | %.3f | %.0f |\n", analysisS,
                analysisS / floorS);
    return 0;
}
