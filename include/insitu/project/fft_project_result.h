#pragma once
// A stored FFT region read back as an FftResult (profile and peaks; no spectrum image), with
// d values from the movie's current pixel size: what the FFT panel shows when a project opens.

#include "insitu/project/fft_project.h"

#include <optional>

namespace insitu {

/// The profile (k, power; no background) and peaks of stored, calibrated with nmPerPixel; each
/// peak keeps its stored match. result.spectrum stays empty.
[[nodiscard]] FftResult storedFftResult(const ProjectFftRegion& stored,
                                        std::optional<double> nmPerPixel);

/// The region stored: rectangle x,y,w,h, polygon x,y,…, or the whole frame.
[[nodiscard]] FftRegion storedFftRegion(const ProjectFftRegion& stored);

} // namespace insitu
