#pragma once
// The image a particle analysis runs on: one frame, or the drift-corrected mean of a range.

#include "insitu/io/movie.h"
#include "insitu/registration/drift_result.h"

#include <opencv2/core.hpp>

namespace insitu {

/// Frames first..last (inclusive) of movie averaged as float32, each shifted onto frame first
/// by drift (when given); a single frame when first == last. Throws insitu::Error for a bad range.
[[nodiscard]] cv::Mat particleFrame(const Movie& movie, int first, int last,
                                    const DriftResult* drift = nullptr);

} // namespace insitu
