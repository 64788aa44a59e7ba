#pragma once
// `insitu synth hrtem`: crystalline patches of two phases in an amorphous matrix, written by the
// core's writeHrtemPatches with the true crystalline mask beside the image.

#include "insitu/synth/imaging.h"

#include <string>

namespace insitu::cli {

/// Runs the scene with the imaging options the generic synth options set (seed, size, dose, …).
int runHrtem(const ImagingOptions& imaging, const std::string& output, const std::string& truth);

/// The scene's default imaging options (1024² px, 0.05 nm/px, one frame, no drift).
[[nodiscard]] ImagingOptions hrtemImaging();

} // namespace insitu::cli
