#pragma once
// --pixel-size-nm and --frame-interval-s: every analysis subcommand sets or overrides the
// movie's calibration the same way (issue #17).

#include "insitu/io/movie.h"
#include "insitu/project/project.h"

#include <CLI/CLI.hpp>

namespace insitu::cli {

/// Adds both options to app, filling override (positive, finite values only).
void addCalibrationOptions(CLI::App& app, CalibrationOverride& override);
/// Applies override to movie's calibration (before the movie is shared with other threads);
/// prints a note on stderr when a file's value is replaced.
void applyCalibrationOverride(Movie& movie, const CalibrationOverride& override);

} // namespace insitu::cli
