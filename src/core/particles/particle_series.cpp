// Particles over a movie: segmentParticles on the mean of each sliding frame window.

#include "insitu/particles/particle_series.h"

#include "insitu/error.h"
#include "insitu/particles/particle_frame.h"
#include "insitu/particles/particle_segment.h"

#include <cmath>

namespace insitu {

std::vector<ParticleWindowRow> particleCountsOverMovie(const Movie& movie, int windowFrames,
                                                       int stepFrames,
                                                       const std::vector<Roi>& regions,
                                                       const ParticleOptions& options,
                                                       Progress& progress)
{
    if (windowFrames < 1 || stepFrames < 1 || windowFrames > movie.frameCount())
        throw Error(movie.info().path.string() + ": a window of " + std::to_string(windowFrames) +
                    " frames stepping by " + std::to_string(stepFrames) + " does not fit its " +
                    std::to_string(movie.frameCount()) + " frames");
    ParticleOptions quick = options;
    quick.bootstrapSamples = 0; // counts and medians only: no intervals per window
    const Calibration& cal = movie.calibration();
    const int windows = (movie.frameCount() - windowFrames) / stepFrames + 1;
    progress.start(windows, "Particles per window");
    std::vector<ParticleWindowRow> rows;
    for (int w = 0; w < windows; ++w) {
        const int first = w * stepFrames, last = first + windowFrames - 1;
        const ParticleSegmentation seg =
            segmentParticles(particleFrame(movie, first, last), cal.nmPerPixel, regions, quick);
        for (const RegionStatistics& s : seg.result.regions) {
            ParticleWindowRow row;
            row.firstFrame = first;
            row.lastFrame = last;
            row.timeS = cal.timeOfFrameS((first + last) / 2);
            row.region = s.name;
            row.count = s.count;
            row.ecdMedian = s.count > 0 ? s.ecdMedian : std::nan("");
            row.areaFraction = s.areaFraction;
            rows.push_back(row);
        }
        progress.advance();
    }
    return rows;
}

} // namespace insitu
