#pragma once
// Adding one analysis of one movie to a project file that may already exist (`--project P` of
// insitu fft and insitu grains): load or start the project, find or add the movie's entry.

#include "insitu/io/movie.h"
#include "insitu/project/project.h"

#include <filesystem>

namespace insitu {

/// The project saved at path when that file exists (loadProject), else a new project named after
/// movie's file. Throws insitu::Error when the file exists but is not a readable project.
[[nodiscard]] Project loadProjectOrNew(const std::filesystem::path& path, const Movie& movie);

/// The entry of project whose movie has movie's fingerprint, or nullptr.
[[nodiscard]] const ProjectMovie* findAnalysedMovie(const Project& project, const Movie& movie);

/// The entry of movie in project, found by fingerprint (its path, file calibration and
/// calibration override then follow the run: movie.calibration()), else a new entry
/// (describeAnalysedMovie) appended. Reads the movie file for the fingerprint.
[[nodiscard]] ProjectMovie& analysedMovieEntry(Project& project, const Movie& movie);

} // namespace insitu
