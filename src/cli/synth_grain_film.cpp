// `insitu synth grain-film [--cycled]`: grain film before (or after) cycling with its truth.

#include "synth_grain_film.h"

#include "insitu/synth/grain_film.h"

#include <iostream>

namespace insitu::cli {

int runGrainFilm(const GrainFilmCliOptions& o)
{
    GrainFilmScene scene =
        o.cycled ? GrainFilmScene::afterCycling() : GrainFilmScene::beforeCycling();
    scene.seed = o.seed.value_or(scene.seed);
    scene.width = o.width.value_or(scene.width);
    scene.height = o.height.value_or(scene.height);
    scene.dosePerPx = o.dose.value_or(scene.dosePerPx);
    scene.nmPerPixel = o.nmPerPixel.value_or(scene.nmPerPixel);
    scene.poissonNoise = !o.noNoise;
    writeGrainFilm(scene, o.output, o.truth);
    std::cout << "wrote " << o.output << ": grain-film (" << (o.cycled ? "after" : "before")
              << " cycling), " << scene.width << " x " << scene.height << " px, "
              << scene.nmPerPixel << " nm/px, labels in " << grainFilmLabelsPath(o.output).string()
              << (o.truth.empty() ? "" : ", truth in " + o.truth) << '\n';
    return 0;
}

} // namespace insitu::cli
