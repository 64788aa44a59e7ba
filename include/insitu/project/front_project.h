#pragma once
// buildFrontProject: one `insitu front` run (movie, path ROI, drift, kymograph, fronts) as a
// Project.

#include "insitu/front/front_result.h"
#include "insitu/front/kymograph.h"
#include "insitu/io/movie.h"
#include "insitu/project/project.h"
#include "insitu/registration/drift_result.h"
#include "insitu/roi/roi.h"

#include <optional>
#include <string>

namespace insitu {

/// A project holding movie (path, size, fingerprint, file calibration; movie.calibration() that
/// differs from the file's becomes the calibration override), roi (id kept), the drift result
/// (when given), the kymograph and fronts (with pins and fits), each with provenance: this
/// program's version, parametersJson (the run's options as JSON text), input ids ("movie:<id>",
/// "roi:<id>", "drift:movie:<id>") and the current time. The GUI opens the saved file as is.
/// Reads the movie file's sampled content for the fingerprint; throws insitu::Error when the file
/// cannot be read.
[[nodiscard]] Project buildFrontProject(const Movie& movie, const Roi& roi,
                                        const std::optional<DriftResult>& drift,
                                        const Kymograph& kymograph, const FrontResult& fronts,
                                        const std::string& parametersJson);

/// The project entry of a movie an analysis ran on: describeMovie() of its file, with the
/// calibration the run used (movie.calibration()) stored as the override where it differs from
/// the file's (pixel size, frame interval or timestamps, time-zero frame).
[[nodiscard]] ProjectMovie describeAnalysedMovie(const Movie& movie, int id);

/// A kymograph's values as a project image (rows = frames, cols = samples).
[[nodiscard]] ImageF32 kymographImage(const Kymograph& kymograph);

} // namespace insitu
