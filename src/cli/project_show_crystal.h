#pragma once
// What `insitu project show` tells of a movie's FFT and grains results (groups fft, grains).

#include "insitu/project/project.h"

#include <nlohmann/json.hpp>

#include <ostream>

namespace insitu::cli {

/// {"fft": {"regions": [...], "map": {...} | null} | null, "grains": {...} | null}.
[[nodiscard]] nlohmann::json crystalResultsJson(const ProjectMovie& movie);
/// The same as indented "    fft region …" / "    grains: …" lines.
void printCrystalResults(std::ostream& out, const ProjectMovie& movie);

} // namespace insitu::cli
