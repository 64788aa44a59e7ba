#pragma once
// Particles over a movie: counts and sizes per region in a sliding frame window (particles
// vanishing behind a front).

#include "insitu/io/movie.h"
#include "insitu/particles/particle_options.h"
#include "insitu/progress.h"
#include "insitu/roi/roi.h"

#include <optional>
#include <string>
#include <vector>

namespace insitu {

/// One window of frames [firstFrame, lastFrame] and one region.
struct ParticleWindowRow
{
    int firstFrame = 0;
    int lastFrame = 0;
    std::optional<double> timeS; ///< time of the window's centre frame (nullopt: unknown)
    std::string region;
    int count = 0;
    double ecdMedian = 0; ///< nm, or px when uncalibrated (NaN for no particle)
    double areaFraction = 0;
};

/// Segments the mean of every window of windowFrames frames, stepping by stepFrames (no drift
/// correction: give a drift-corrected movie or short windows). Rows ordered by window, region.
/// Throws insitu::Error for window sizes outside the movie.
[[nodiscard]] std::vector<ParticleWindowRow>
particleCountsOverMovie(const Movie& movie, int windowFrames, int stepFrames,
                        const std::vector<Roi>& regions, const ParticleOptions& options,
                        Progress& progress = Progress::none());

} // namespace insitu
