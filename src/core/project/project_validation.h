#pragma once
// Checks on a project just read: impossible values are refused naming the part that is wrong.

#include "insitu/project/project.h"

namespace insitu::layout {

/// Throws insitu::Error ("movie 0 (id 3): frame_count -5 is negative", ...) when a value read
/// from a project cannot be right: non-finite or non-positive calibration, negative counts or
/// sizes, non-finite ROI coordinates or widths, time stamps that are not finite.
void validateProject(const Project& project);

} // namespace insitu::layout
