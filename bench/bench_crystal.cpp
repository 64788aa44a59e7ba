// bench_crystal: FFT d-spacings and crystallinity maps against the hrtem scene's truth, and the
// map's speed; prints a Markdown section for docs/performance.md ("Crystal (FFT)"). Parts (all by
// default, or any of):
//  --accuracy  whole-frame FFT over seeds × doses: worst |d − d_true|, spurious peaks among the
//              strongest, how often d ± 2σ contains the truth; map IoU and fraction error;
//  --map       the crystallinity map alone over scene variants (patch sizes and counts, fringe
//              contrast, other spacings) × doses × seeds: IoU with the true mask, fraction bias;
//  --speed     a 4096² crystallinity map (64 px window, 16 px step) next to the floor of the same
//              run: one plain pass over the image (conversion to float and its sum);
//  --region    the FFT panel's live analysis: runFftRegion of a 512² rectangle with the default
//              settings (padded to 1024²), next to one cv::dft of a 1024² float image.
// --seeds N (default 4).

#include "insitu/crystal/crystallinity_map.h"
#include "insitu/crystal/fft_analysis.h"
#include "insitu/crystal/fft_region_run.h"
#include "insitu/synth/hrtem_patches.h"

#include <opencv2/core.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
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

double iou(const cv::Mat& a, const cv::Mat& b)
{
    cv::Mat both, either;
    cv::bitwise_and(a, b, both);
    cv::bitwise_or(a, b, either);
    return cv::countNonZero(both) / std::max(1.0, static_cast<double>(cv::countNonZero(either)));
}

void accuracy(int seeds)
{
    std::printf("| dose (e/px) | seeds | worst abs(d - d_true) (pm) | median (pm) | spurious "
                "among strongest | truth in d ± 2σ | map IoU min / mean | abs fraction error max "
                "|\n|---|---|---|---|---|---|---|---|\n");
    for (double dose : {50.0, 100.0, 400.0}) {
        std::vector<double> errorsPm;
        int spurious = 0, covered = 0, peaks = 0;
        double iouMin = 1, iouSum = 0, fractionError = 0;
        for (int seed = 1; seed <= seeds; ++seed) {
            HrtemScene scene;
            scene.imaging.seed = static_cast<std::uint64_t>(seed);
            scene.imaging.dosePerPx = dose;
            const SynthMovie movie = renderHrtemPatches(scene);
            FftOptions options;
            for (const HrtemPhase& phase : scene.phases)
                for (std::size_t j = 0; j < phase.dNm.size(); ++j)
                    options.dList.push_back({phase.name, phase.hkl[j], phase.dNm[j]});
            const std::size_t strongest = options.dList.size();
            const FftResult r = analyzeFft(movie.frames[0], {}, movie.calibration, options);
            for (std::size_t i = 0; i < std::min(strongest, r.peaks.size()); ++i) {
                const FftPeakResult& p = r.peaks[i];
                if (!p.match) {
                    ++spurious;
                    continue;
                }
                const double e = std::abs(*p.dNm - p.match->dNm);
                errorsPm.push_back(e * 1000);
                covered += e <= 2 * *p.dErrNm;
                ++peaks;
            }
            spurious += static_cast<int>(strongest - std::min(strongest, r.peaks.size()));
            const cv::Mat truth = hrtemCrystalMask(scene);
            const CrystallinityMap map = crystallinityMap(movie.frames[0], movie.calibration);
            const double score = iou(map.mask, truth);
            iouMin = std::min(iouMin, score);
            iouSum += score;
            const double trueFraction =
                cv::countNonZero(truth) / static_cast<double>(truth.total());
            fractionError =
                std::max(fractionError, std::abs(map.crystallineFraction - trueFraction));
        }
        std::sort(errorsPm.begin(), errorsPm.end());
        const double worst = errorsPm.empty() ? NAN : errorsPm.back();
        const double median = errorsPm.empty() ? NAN : errorsPm[errorsPm.size() / 2];
        std::printf("| %.0f | %d | %.3f | %.3f | %d | %d/%d | %.3f / %.3f | %.3f |\n", dose, seeds,
                    worst, median, spurious, covered, peaks, iouMin, iouSum / seeds, fractionError);
        std::fflush(stdout);
    }
}

struct MapVariant
{
    const char* name;
    void (*apply)(HrtemScene&);
};

void mapAccuracy(int seeds)
{
    const MapVariant variants[] = {
        {"default (6 patches, 4-9 nm)", [](HrtemScene&) {}},
        {"small patches (12, 2.5-5 nm)",
         [](HrtemScene& s) {
             s.patchCount = 12;
             s.minRadiusNm = 2.5;
             s.maxRadiusNm = 5;
         }},
        {"large patches (3, 10-16 nm)",
         [](HrtemScene& s) {
             s.patchCount = 3;
             s.minRadiusNm = 10;
             s.maxRadiusNm = 16;
         }},
        {"weak fringes (contrast 0.04)", [](HrtemScene& s) { s.fringeContrast = 0.04; }},
        {"other spacings (Ni 0.2034, NiO 0.2412 nm)",
         [](HrtemScene& s) {
             s.phases = {{"Ni", {"111", "200"}, {0.2034, 0.1762}},
                         {"NiO", {"111", "200"}, {0.2412, 0.2089}}};
         }},
    };
    std::printf("\n| scene | dose (e/px) | seeds | map IoU min / mean | fraction error mean / max "
                "abs |\n|---|---|---|---|---|\n");
    for (const MapVariant& v : variants)
        for (double dose : {50.0, 400.0}) {
            double iouMin = 1, iouSum = 0, bias = 0, worst = 0;
            for (int seed = 1; seed <= seeds; ++seed) {
                HrtemScene scene;
                v.apply(scene);
                scene.imaging.seed = static_cast<std::uint64_t>(seed);
                scene.imaging.dosePerPx = dose;
                const SynthMovie movie = renderHrtemPatches(scene);
                const cv::Mat truth = hrtemCrystalMask(scene);
                const CrystallinityMap map = crystallinityMap(movie.frames[0], movie.calibration);
                const double score = iou(map.mask, truth);
                iouMin = std::min(iouMin, score);
                iouSum += score;
                const double error = map.crystallineFraction -
                                     cv::countNonZero(truth) / static_cast<double>(truth.total());
                bias += error / seeds;
                worst = std::max(worst, std::abs(error));
            }
            std::printf("| %s | %.0f | %d | %.3f / %.3f | %+.3f / %.3f |\n", v.name, dose, seeds,
                        iouMin, iouSum / seeds, bias, worst);
            std::fflush(stdout);
        }
}

void speed()
{
    HrtemScene scene;
    scene.imaging.width = scene.imaging.height = 4096;
    scene.patchCount = 60;
    const SynthMovie movie = renderHrtemPatches(scene);
    const cv::Mat& image = movie.frames[0];
    (void)crystallinityMap(image(cv::Rect(0, 0, 256, 256)), movie.calibration); // plans, wisdom
    double floorS = 1e9, mapS = 1e9;
    for (int repeat = 0; repeat < 3; ++repeat) {
        auto t0 = Clock::now();
        cv::Mat f;
        image.convertTo(f, CV_32F);
        volatile double sum = cv::sum(f)[0];
        (void)sum;
        auto t1 = Clock::now();
        const CrystallinityMap map = crystallinityMap(image, movie.calibration);
        auto t2 = Clock::now();
        floorS = std::min(floorS, seconds(t0, t1));
        mapS = std::min(mapS, seconds(t1, t2));
    }
    std::printf("\n| case | time (s) | ratio to floor | threads |\n|---|---|---|---|\n");
    std::printf("| floor: 4096² to float + sum | %.3f | 1 | %d |\n", floorS, cv::getNumThreads());
    std::printf("| crystallinity map 4096², 64 px window, 16 px step | %.3f | %.1f | %d |\n", mapS,
                mapS / floorS, cv::getNumThreads());
}

void region()
{
    HrtemScene scene;
    scene.imaging.width = scene.imaging.height = 1024;
    const SynthMovie movie = renderHrtemPatches(scene);
    cv::Mat image;
    movie.frames[0].convertTo(image, CV_32F);
    FftRegion rect;
    rect.kind = FftRegion::Kind::Rectangle;
    rect.rectPx = cv::Rect(256, 256, 512, 512);
    const FftRegionSettings settings;
    (void)runFftRegion(image, rect, movie.calibration, settings); // plans
    double floorS = 1e9, regionS = 1e9;
    for (int repeat = 0; repeat < 7; ++repeat) {
        auto t0 = Clock::now();
        cv::Mat spectrum;
        cv::dft(image, spectrum, cv::DFT_COMPLEX_OUTPUT);
        auto t1 = Clock::now();
        const FftRegionRun run = runFftRegion(image, rect, movie.calibration, settings);
        auto t2 = Clock::now();
        floorS = std::min(floorS, seconds(t0, t1));
        regionS = std::min(regionS, seconds(t1, t2));
    }
    std::printf("\n| case | time (ms) | ratio to floor |\n|---|---|---|\n");
    std::printf("| floor: cv::dft of a 1024² float image | %.1f | 1 |\n", 1e3 * floorS);
    std::printf("| FFT panel analysis: runFftRegion of a 512² rectangle (padded 1024²) | %.1f | "
                "%.2f |\n",
                1e3 * regionS, regionS / floorS);
}

} // namespace

int main(int argc, char** argv)
{
    bool runAccuracy = false, runMap = false, runSpeed = false, runRegion = false;
    int seeds = 4;
    for (int i = 1; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--accuracy"))
            runAccuracy = true;
        else if (!std::strcmp(argv[i], "--map"))
            runMap = true;
        else if (!std::strcmp(argv[i], "--speed"))
            runSpeed = true;
        else if (!std::strcmp(argv[i], "--region"))
            runRegion = true;
        else if (!std::strcmp(argv[i], "--seeds") && i + 1 < argc)
            seeds = std::atoi(argv[++i]);
    }
    if (!runAccuracy && !runMap && !runSpeed && !runRegion)
        runAccuracy = runMap = runSpeed = runRegion = true;
    std::printf("## Crystal (FFT)\n\n");
    if (runAccuracy)
        accuracy(seeds);
    if (runMap)
        mapAccuracy(seeds);
    if (runSpeed)
        speed();
    if (runRegion)
        region();
    return 0;
}
