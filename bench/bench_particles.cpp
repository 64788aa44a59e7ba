// bench_particles: segmentation speed of one 4096² frame next to a plain read of the same frame
// from a TIFF (the floor, same run), and the accuracy against the synthetic truth on it.
// Prints a Markdown section for docs/performance.md ("Particles"). --size N (default 4096).

#include "../tests/core/particles/particle_test_helpers.h"

#include "insitu/io/movie.h"
#include "insitu/io/tiff_writer.h"
#include "insitu/particles/particle_segment.h"
#include "insitu/synth/particle_field.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>

using namespace insitu;
using Clock = std::chrono::steady_clock;

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
    auto seconds = [](Clock::time_point a, Clock::time_point b) {
        return std::chrono::duration<double>(b - a).count();
    };
    double readS = 1e9, segmentS = 1e9;
    ParticleSegmentation seg;
    for (int repeat = 0; repeat < 3; ++repeat) {
        const auto t0 = Clock::now();
        const auto m = openMovie(path, {.cacheMiB = 0});
        const cv::Mat frame = m->frameFloat(0);
        const auto t1 = Clock::now();
        seg = segmentParticles(frame, 0.25, {}, ParticleOptions{});
        const auto t2 = Clock::now();
        readS = std::min(readS, seconds(t0, t1));
        segmentS = std::min(segmentS, seconds(t1, t2));
    }
    std::filesystem::remove(path);
    const test::ParticleScore s =
        test::scoreParticles(movie.truth.particles, seg.result, size, size);
    std::printf("## Particles (bench_particles --size %d)\n\n", size);
    std::printf(
        "| frame | particles (truth / found) | recall | precision | ECD RMS nm | ECD bias nm "
        "| pairs split | read s | segment + measure s | ratio |\n");
    std::printf("|---|---|---|---|---|---|---|---|---|---|\n");
    std::printf("| %d² 0.25 nm/px dose 30 | %d / %d | %.3f | %.3f | %.3f | %+.3f | %d/%d | %.3f | "
                "%.3f | %.1f |\n",
                size, s.truthCount, s.foundCount, s.recall(), s.precision(), s.rmsErrorNm, s.biasNm,
                s.pairsSplit, s.pairs, readS, segmentS, segmentS / readS);
    return 0;
}
