#pragma once
// ProjectParticles from and to a segmentation, and stored into a project (`--project`, panel).

#include "insitu/io/movie.h"
#include "insitu/particles/particle_segment.h"
#include "insitu/project/project.h"

#include <string>

namespace insitu {

/// The stored form of seg (labels copied) made on frames first..last inside regions.
[[nodiscard]] ProjectParticles toProjectParticles(const ParticleSegmentation& seg, int firstFrame,
                                                  int lastFrame, const std::vector<Roi>& regions,
                                                  std::vector<ParticleEdit> edits = {});

/// The segmentation stored in particles (labels as CV_32S of result.height × result.width).
[[nodiscard]] ParticleSegmentation particleSegmentation(const ProjectParticles& particles);

/// The run's parameters as provenance JSON: the options, frames, regions and edit count.
[[nodiscard]] std::string particlesParametersJson(const ProjectParticles& particles);

/// Puts particles into project as the particle result of movie: the entry with the same
/// fingerprint (or path) when the project has one, else a new entry (describeAnalysedMovie).
/// Any previous particle result of that movie is replaced. The provenance is stamped now with
/// the parameters and the input ids "movie:<id>" (and "drift:movie:<id>" for a frame range with
/// drift). Returns the movie's id.
int storeParticles(Project& project, const Movie& movie, ProjectParticles particles,
                   bool driftCorrected);

} // namespace insitu
