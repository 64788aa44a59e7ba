// bench_grains: grain segmentation speed on a 2048² grain film next to a floor measured in the
// same run (one Gaussian blur of the same image, the cheapest step the segmentation must do),
// and the accuracy against the film's truth. Prints a Markdown section for docs/performance.md
// ("Grains"). --size N (default 2048), --repeat R (default 3).

#include "insitu/crystal/grain_analysis.h"
#include "insitu/crystal/grain_segmentation.h"
#include "insitu/synth/grain_film.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <chrono>
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

} // namespace

int main(int argc, char** argv)
{
    int size = 2048;
    int repeat = 3;
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
