#pragma once
// `insitu synth grain-film`: the grain film written by the core's writeGrainFilm.

#include <cstdint>
#include <optional>
#include <string>

namespace insitu::cli {

struct GrainFilmCliOptions
{
    std::string output;
    std::string truth;
    std::optional<std::uint64_t> seed;
    std::optional<int> width, height;
    std::optional<double> dose, nmPerPixel;
    bool cycled = false;
    bool noNoise = false;
};

int runGrainFilm(const GrainFilmCliOptions& options);

} // namespace insitu::cli
