#pragma once
// buildAreaProject: one `insitu area` run (movie, drift, areas) as a Project.

#include "insitu/area/area_result.h"
#include "insitu/io/movie.h"
#include "insitu/project/project.h"
#include "insitu/registration/drift_result.h"

#include <optional>
#include <string>

namespace insitu {

/// A project holding movie (as buildFrontProject does), its drift (when given) and the areas
/// with provenance (parameters: the options and the drift reference name).
[[nodiscard]] Project buildAreaProject(const Movie& movie, const std::optional<DriftResult>& drift,
                                       const AreaResult& result, const std::string& driftName);

} // namespace insitu
