#pragma once
// Rendering every plot of a project to files: what `insitu export --plots` writes.

#include "insitu/project/project.h"

#include <filesystem>
#include <string>
#include <vector>

namespace insitu::plot {

/// Writes, for each movie and each format ("png", "svg", "pdf"): movie<ID>_drift.<fmt> (when
/// drift was measured), movie<ID>_roi<R>_kinetics.<fmt> and movie<ID>_roi<R>_kymograph.<fmt>
/// (when the kymograph is stored). PNG at 300 dpi, 85 mm wide. Needs a QApplication (see
/// OffscreenApp). Returns the files written; throws insitu::Error naming a file on failure.
std::vector<std::filesystem::path> exportProjectPlots(const Project& project,
                                                      const std::filesystem::path& folder,
                                                      const std::vector<std::string>& formats);

} // namespace insitu::plot
