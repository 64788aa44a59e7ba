// bench_particles: segmentation speed of one 4096² frame next to a plain read of the same frame
// from a TIFF (the floor, same run), the time of each stage, and the accuracy against the
// synthetic truth on it. Prints a Markdown section for docs/performance.md ("Particles").
// --size N (default 4096).

#include "../src/core/particles/particle_steps.h"
#include "../tests/core/particles/particle_test_helpers.h"

#include "insitu/io/movie.h"
#include "insitu/io/tiff_writer.h"
#include "insitu/particles/particle_segment.h"
#include "insitu/particles/size_statistics.h"
#include "insitu/synth/particle_field.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <string>
#include <vector>

using namespace insitu;
using Clock = std::chrono::steady_clock;

namespace {

/// CPU seconds of the whole process (all threads).
double cpuS()
{
    timespec t{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) + 1e-9 * static_cast<double>(t.tv_nsec);
}

/// CPU seconds of the calling thread: it runs the serial steps and its share of the parallel
/// ones, so on an idle machine whose cores share the parallel work evenly it is ≈ the wall time.
double threadCpuS()
{
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) + 1e-9 * static_cast<double>(t.tv_nsec);
}

double wallS()
{
    return std::chrono::duration<double>(Clock::now().time_since_epoch()).count();
}

/// Wall and CPU time of each stage of segmentParticles, run on their own.
void printStages(const cv::Mat& frame, double nmPerPixel)
{
    const ParticleOptions options;
    struct Row
    {
        std::string name;
        double wall, cpu, thread;
    };
    std::vector<Row> rows;
    double w = wallS(), c = cpuS(), t = threadCpuS();
    auto lap = [&](const char* name) {
        const double w1 = wallS(), c1 = cpuS(), t1 = threadCpuS();
        rows.push_back({name, w1 - w, c1 - c, t1 - t});
        w = w1;
        c = c1;
        t = t1;
    };
    const auto [minPx, maxPx] = diameterLimitsPx(options, nmPerPixel);
    const FlattenedFrame flat = flattenFrame(frame, nmPerPixel, options);
    lap("flatten (fringe low-pass, polarity, background)");
    double thresholdSigma = 0;
    const cv::Mat mask =
        particles::detectionMask(flat, options.threshold, minPx, maxPx, thresholdSigma);
    lap("detection mask");
    cv::Mat distance;
    cv::Mat labels = particles::splitTouching(mask, minPx, options.maxNeckRatio, distance);
    lap("split (per-component EDT watershed)");
    particles::refineOutlines(labels, flat.signal, distance);
    lap("outline refinement");
    ParticleResult result;
    result.nmPerPixel = nmPerPixel;
    result.options = options;
    result.particles = particles::measureParticles(
        labels, frame, {cv::Mat(frame.size(), CV_8U, cv::Scalar(255))}, {"frame"}, minPx, maxPx);
    lap("measure");
    computeStatistics(result, {"frame"}, {static_cast<double>(frame.total())});
    lap("statistics (bootstrap)");
    std::printf("\n| stage | wall s | CPU s | calling thread CPU s |\n|---|---|---|---|\n");
    for (const Row& r : rows)
        std::printf("| %s | %.3f | %.3f | %.3f |\n", r.name.c_str(), r.wall, r.cpu, r.thread);
}

} // namespace

int main(int argc, char** argv)
{
    int size = 4096;
    for (int i = 1; i + 1 < argc; ++i)
        if (std::strcmp(argv[i], "--size") == 0)
            size = std::atoi(argv[i + 1]);
    ParticleFieldScene scene;
    scene.imaging.frames = 1;
    scene.imaging.width = scene.imaging.height = size;
    scene.imaging.nmPerPixel = 0.25;
    scene.imaging.dosePerPx = 30;
    scene.imaging.illuminationGradient = 0.3;
    scene.particleCount = size * size / 600;
    scene.touchingPairs = scene.particleCount / 30;
    scene.minGapPx = 2;
    const SynthMovie movie = renderParticleField(scene);
    const auto path = std::filesystem::temp_directory_path() / "bench_particles.tif";
    {
        TiffStackWriter writer(path, {.width = size, .height = size, .frameCount = 1});
        writer.appendFrame(movie.frames[0]);
        writer.finish();
    }
    double readS = 1e9, segmentS = 1e9, segmentCpuS = 1e9, callingThreadS = 1e9;
    ParticleSegmentation seg;
    cv::Mat frame;
    for (int repeat = 0; repeat < 3; ++repeat) {
        const double t0 = wallS();
        const auto m = openMovie(path, {.cacheMiB = 0});
        frame = m->frameFloat(0);
        const double t1 = wallS(), c1 = cpuS(), m1 = threadCpuS();
        seg = segmentParticles(frame, 0.25, {}, ParticleOptions{});
        const double t2 = wallS(), c2 = cpuS(), m2 = threadCpuS();
        callingThreadS = std::min(callingThreadS, m2 - m1);
        readS = std::min(readS, t1 - t0);
        segmentS = std::min(segmentS, t2 - t1);
        segmentCpuS = std::min(segmentCpuS, c2 - c1);
    }
    std::filesystem::remove(path);
    const test::ParticleScore s =
        test::scoreParticles(movie.truth.particles, seg.result, size, size);
    std::printf("## Particles (bench_particles --size %d)\n\n", size);
    std::printf(
        "| frame | particles (truth / found) | recall | precision | ECD RMS nm | ECD bias nm "
        "| pairs split | read s | segment + measure s (wall) | CPU s | calling thread CPU s "
        "| ratio (wall) |\n");
    std::printf("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    std::printf("| %d² 0.25 nm/px dose 30 | %d / %d | %.3f | %.3f | %.3f | %+.3f | %d/%d | %.3f | "
                "%.3f | %.3f | %.3f | %.1f |\n",
                size, s.truthCount, s.foundCount, s.recall(), s.precision(), s.rmsErrorNm, s.biasNm,
                s.pairsSplit, s.pairs, readS, segmentS, segmentCpuS, callingThreadS,
                segmentS / readS);
    printStages(frame, 0.25);
    return 0;
}
