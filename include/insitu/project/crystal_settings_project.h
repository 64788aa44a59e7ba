#pragma once
// FftAnalysisSettings, GrainAnalysisSettings: what a movie's next FFT / grains analysis uses,
// kept with or without a result (the FFT and Grains panels show them; saved in the project).
// Included by project/project.h.

#include "insitu/crystal/fft_filter.h"
#include "insitu/crystal/fft_region_run.h"
#include "insitu/crystal/grain_analysis.h"

#include <vector>

namespace insitu {

/// The options of the next FFT region analysis of a movie (`insitu fft`'s, FftRegionSettings{}
/// defaults) and the spot masks of its filtered image (`insitu fft --spot`).
struct FftAnalysisSettings
{
    FftRegionSettings region;
    std::vector<FftSpot> spots; ///< reflections kept by the filtered image (none: no filter)

    /// Equal when saved alike: the option structs have no ==, their JSON is what is kept.
    bool operator==(const FftAnalysisSettings& other) const;
};

/// The options of the next grains analysis of a movie (GrainAnalysisOptions{}, as
/// `insitu grains`).
struct GrainAnalysisSettings
{
    GrainAnalysisOptions options;

    /// Equal when saved alike (grainOptionsJson).
    bool operator==(const GrainAnalysisSettings& other) const;
};

/// Whether two region settings are saved alike (a stored region's options vs the panel's).
[[nodiscard]] bool sameFftRegionSettings(const FftRegionSettings& a, const FftRegionSettings& b);
/// Whether two grains options are saved alike (a stored result's options vs the panel's).
[[nodiscard]] bool sameGrainOptions(const GrainAnalysisOptions& a, const GrainAnalysisOptions& b);

} // namespace insitu
