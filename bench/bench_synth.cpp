// Benchmark of the synthetic-scene renderer: frames/s and Mpx/s per scene and size, with and
// without noise and supersampling. Prints its own markdown section on stdout (bench/run.sh).

#include "insitu/synth/synth.h"

#include <chrono>
#include <cstdio>
#include <string>

using namespace insitu;

namespace {

struct Case
{
    std::string scene;
    int width;
    int height;
    int frames;
    bool noise;
    int supersample;
};

double secondsToRender(const Case& c)
{
    SceneSpec spec = defaultScene(c.scene);
    ImagingOptions& im = imagingOf(spec);
    im.width = c.width;
    im.height = c.height;
    im.frames = c.frames;
    im.poissonNoise = c.noise;
    im.supersample = c.supersample;
    if (auto* wire = std::get_if<NanowireFrontScene>(&spec)) {
        // Same geometry scaled to the frame, as `insitu synth --width/--height` does.
        wire->contactXPx *= c.width / 256.0;
        wire->lengthPx *= c.width / 256.0;
        wire->contactYPx *= c.height / 112.0;
        wire->halfWidthPx *= c.height / 112.0;
    }
    const auto start = std::chrono::steady_clock::now();
    const SynthMovie movie = renderScene(spec);
    const auto stop = std::chrono::steady_clock::now();
    if (movie.frames.size() != static_cast<std::size_t>(c.frames))
        std::fprintf(stderr, "bench_synth: wrong frame count\n");
    return std::chrono::duration<double>(stop - start).count();
}

} // namespace

int main()
{
    const Case cases[] = {
        {"nanowire-front", 256, 112, 200, true, 3}, // the bundled sample
        {"nanowire-front", 512, 512, 300, true, 3}, // the brief's speed target
        {"nanowire-front", 512, 512, 300, false, 3}, {"nanowire-front", 512, 512, 300, true, 1},
        {"drift", 512, 512, 100, true, 3},           {"expanding-particle", 512, 512, 100, true, 3},
        {"particles", 1024, 1024, 10, true, 3},
    };
    std::printf("## Synthetic scenes (`insitu synth`)\n\n");
    std::printf("Wall time to render in memory (all cores available to OpenCV's parallel_for_; "
                "Poisson noise by Hörmann PTRS; supersampling only within ~2σ of edges).\n\n");
    std::printf("| scene | frames × size | noise | supersample | time (s) | frames/s | Mpx/s |\n");
    std::printf("|---|---|---|---|---|---|---|\n");
    for (const Case& c : cases) {
        const double s = secondsToRender(c);
        const double mpx = static_cast<double>(c.width) * c.height * c.frames / 1e6;
        std::printf("| %s | %d × %d×%d | %s | %d | %.2f | %.0f | %.1f |\n", c.scene.c_str(),
                    c.frames, c.width, c.height, c.noise ? "Poisson" : "none", c.supersample, s,
                    c.frames / s, mpx / s);
        std::fflush(stdout);
    }
    std::printf("\nReproduce: `bench/run.sh` (or `build/bin/bench_synth`).\n\n");
    return 0;
}
