#pragma once
// buildAreaProject: one `insitu area` run (movie, drift, areas) as a Project.

#include "insitu/area/area_result.h"
#include "insitu/io/movie.h"
#include "insitu/project/project.h"
#include "insitu/registration/drift_result.h"

#include <optional>
#include <string>
#include <vector>

namespace insitu {

/// A project holding movie (as buildFrontProject does), its drift (when given) and the areas
/// with provenance (parameters: the options and the drift reference name).
[[nodiscard]] Project buildAreaProject(const Movie& movie, const std::optional<DriftResult>& drift,
                                       const AreaResult& result, const std::string& driftName);

/// The provenance of areas computed on movie movieId: parameters (the options and driftName,
/// "none" without drift) and inputs "movie:ID", "drift:movie:ID" when drift was used, then
/// "roi:N" for each seed ROI id (the GUI's seeds; the CLI has none).
[[nodiscard]] Provenance areasProvenance(const AreaResult& result, const std::string& driftName,
                                         int movieId, const std::vector<int>& seedRoiIds = {});

} // namespace insitu
