#pragma once
// Private to src/core/batch: the BatchAnalysis of each analysis, one accessor per file.

#include "insitu/batch/batch_analysis.h"

namespace insitu {

/// Drift of the movie with the template's drift options (drift_batch.cpp).
[[nodiscard]] const BatchAnalysis& driftBatchAnalysis();
/// Fronts along each of the template's path ROIs with its tracking and fit settings
/// (fronts_batch.cpp).
[[nodiscard]] const BatchAnalysis& frontsBatchAnalysis();
/// Outlines of the template's particles, A/A0 and fits (areas_batch.cpp).
[[nodiscard]] const BatchAnalysis& areasBatchAnalysis();
/// The template's FFT regions and crystallinity map (fft_batch.cpp).
[[nodiscard]] const BatchAnalysis& fftBatchAnalysis();
/// The template's grains analysis of one frame (grains_batch.cpp).
[[nodiscard]] const BatchAnalysis& grainsBatchAnalysis();
/// The recipe's logs of each movie on its clock, with the template's alignment and dose
/// settings (timeline_batch.cpp).
[[nodiscard]] const BatchAnalysis& timelineBatchAnalysis();
/// Particles with the template's options, frames and regions (particles_batch.cpp).
[[nodiscard]] const BatchAnalysis& particlesBatchAnalysis();

} // namespace insitu
