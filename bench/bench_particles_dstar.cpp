// bench_particles_dstar: coverage of the critical-size interval. For each seed, a synthetic
// two-region particle frame (survival cut-off known) is segmented and compared; the bench counts
// how often the 95 % bootstrap interval of d* contains the true cut-off (target ≥ 90 % of 20
// seeds) and prints a Markdown table for docs/performance.md.
// --seeds N (default 20), --size N (default 1024), --bootstrap B (default: the options' 400).

#include "insitu/particles/particle_segment.h"
#include "insitu/synth/particle_field.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>

using namespace insitu;

int main(int argc, char** argv)
{
    int seeds = 20, size = 1024;
    ParticleOptions options;
    for (int i = 1; i + 1 < argc; ++i) {
        if (std::strcmp(argv[i], "--seeds") == 0)
            seeds = std::atoi(argv[i + 1]);
        else if (std::strcmp(argv[i], "--size") == 0)
            size = std::atoi(argv[i + 1]);
        else if (std::strcmp(argv[i], "--bootstrap") == 0)
            options.bootstrapSamples = std::atoi(argv[i + 1]);
    }
    std::printf("## Particles: d* interval coverage (bench_particles_dstar --seeds %d --size %d)"
                "\n\n",
                seeds, size);
    std::printf("| seed | cut-off nm | d* nm | 95 %% interval nm | contains | counts ahead / "
                "behind |\n|---|---|---|---|---|---|\n");
    int covered = 0, fitted = 0;
    double sumError = 0, sumSqError = 0;
    for (int seed = 1; seed <= seeds; ++seed) {
        // cut-offs over a grid, so that the coverage is not that of one size
        const double cutoffNm = 4.5 + 0.25 * ((seed - 1) % 5);
        ParticleFieldScene s;
        s.imaging.frames = 1;
        s.imaging.width = s.imaging.height = size;
        s.imaging.nmPerPixel = 0.25;
        s.imaging.dosePerPx = 30;
        s.imaging.seed = static_cast<std::uint64_t>(seed);
        s.imaging.illuminationGradient = 0.3;
        s.particleCount = size * size / 650;
        s.touchingPairs = s.particleCount / 80;
        s.minGapPx = 2;
        s.survivalCutoffNm = cutoffNm;
        const SynthMovie movie = renderParticleField(s);
        const Roi ahead{.id = 1,
                        .name = "ahead",
                        .shape = RoiShape::Rectangle,
                        .points = {{0, 0}, {size / 2.0 - 1, size - 1.0}}};
        const Roi behind{.id = 2,
                         .name = "behind",
                         .shape = RoiShape::Rectangle,
                         .points = {{size / 2.0, 0}, {size - 1.0, size - 1.0}}};
        const ParticleSegmentation seg =
            segmentParticles(movie.frames[0], 0.25, {ahead, behind}, options);
        const auto& c = seg.result.comparison;
        if (!c || !c->criticalSize) {
            std::printf("| %d | %.2f | – | – | no fit | %d / %d |\n", seed, cutoffNm,
                        seg.result.regions[0].count, seg.result.regions[1].count);
            continue;
        }
        const Estimate& e = *c->criticalSize;
        const bool contains = e.lo <= cutoffNm && cutoffNm <= e.hi;
        covered += contains ? 1 : 0;
        ++fitted;
        sumError += e.value - cutoffNm;
        sumSqError += (e.value - cutoffNm) * (e.value - cutoffNm);
        std::printf("| %d | %.2f | %.3f | [%.3f, %.3f] | %s | %d / %d |\n", seed, cutoffNm, e.value,
                    e.lo, e.hi, contains ? "yes" : "**no**", seg.result.regions[0].count,
                    seg.result.regions[1].count);
        std::fflush(stdout);
    }
    std::printf("\nCoverage %d / %d seeds (%.0f %%, target ≥ 90 %%); d* error mean %+.3f nm, RMS "
                "%.3f nm over %d fits.\n",
                covered, seeds, 100.0 * covered / std::max(seeds, 1),
                fitted ? sumError / fitted : 0.0, fitted ? std::sqrt(sumSqError / fitted) : 0.0,
                fitted);
    return covered * 10 >= seeds * 9 ? 0 : 1;
}
