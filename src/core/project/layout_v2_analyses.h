#pragma once
// Private to src/core/project: the per-movie analysis groups that format_version 2 adds to the
// version 1 layout (areas, particles, crystal structure, timeline). Each analysis keeps its
// writer and reader in its own layout_v2_<analysis>.cpp and is called from here.

#include "insitu/project/project.h"

#include <hdf5.h>
#include <nlohmann/json.hpp>

namespace insitu::layout::v2 {

/// Writes every analysis group of movie under its movie group g (absent results: no group).
void writeAnalysisParts(hid_t g, const ProjectMovie& movie);
/// Reads the analysis groups present under g into movie (a missing group means no result).
void readAnalysisParts(hid_t g, ProjectMovie& movie);

/// The "batch" group (BatchProvenance), layout_v2_batch.cpp.
void writeBatchPart(hid_t g, const ProjectMovie& movie);
void readBatchPart(hid_t g, ProjectMovie& movie);
/// The "grains" group (layout_v2_grains.cpp).
void writeGrainsGroup(hid_t movieGroup, const ProjectMovie& movie);
void readGrainsGroup(hid_t movieGroup, ProjectMovie& movie);
/// The "areas" group (layout_v2_areas.cpp).
void writeAreas(hid_t movieGroup, const ProjectMovie& movie);
void readAreas(hid_t movieGroup, ProjectMovie& movie);
/// AreaOptions as JSON and back (missing keys keep the defaults), layout_v2_areas.cpp.
[[nodiscard]] nlohmann::json areaOptionsJson(const AreaOptions& options);
[[nodiscard]] AreaOptions areaOptionsFromJson(const nlohmann::json& json);
/// The "fronts_inputs" group (layout_v2_fronts_inputs.cpp).
void writeFrontsInputs(hid_t movieGroup, const ProjectMovie& movie);
void readFrontsInputs(hid_t movieGroup, ProjectMovie& movie);
/// The "particles" group (layout_v2_particles.cpp).
void writeParticlesGroup(hid_t movieGroup, const ProjectMovie& movie);
void readParticlesGroup(hid_t movieGroup, ProjectMovie& movie);
/// The "particle_settings" and "area_settings" attributes, the next run's options
/// (layout_v2_settings.cpp); absent: the options of the stored result. Read after the results.
void writeAnalysisSettings(hid_t movieGroup, const ProjectMovie& movie);
void readAnalysisSettings(hid_t movieGroup, ProjectMovie& movie);

} // namespace insitu::layout::v2
