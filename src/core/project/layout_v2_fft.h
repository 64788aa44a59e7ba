#pragma once
// Private to src/core/project: the movie's "fft" group of format_version 2.

#include "insitu/project/project.h"

#include <hdf5.h>

namespace insitu::layout::v2 {

/// Writes movie.fft as the group "fft" under the movie group (nothing when empty).
void writeFftPart(hid_t movieGroup, const ProjectMovie& movie);
/// Reads the group "fft" when present (absent: movie.fft stays empty).
void readFftPart(hid_t movieGroup, ProjectMovie& movie);

} // namespace insitu::layout::v2
