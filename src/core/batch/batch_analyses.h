#pragma once
// Private to src/core/batch: the BatchAnalysis of each analysis, one accessor per file.

#include "insitu/batch/batch_analysis.h"

namespace insitu {

/// Drift of the movie with the template's drift options (drift_batch.cpp).
[[nodiscard]] const BatchAnalysis& driftBatchAnalysis();
/// Fronts along each of the template's path ROIs with its tracking and fit settings
/// (fronts_batch.cpp).
[[nodiscard]] const BatchAnalysis& frontsBatchAnalysis();
/// Particles with the template's options, frames and regions (particles_batch.cpp).
[[nodiscard]] const BatchAnalysis& particlesBatchAnalysis();

} // namespace insitu
