#pragma once
// The FFT results a project keeps per movie: region analyses (peaks, profile) and a
// crystallinity map (HDF5 group "fft", docs/project-file.md).

#include "insitu/crystal/crystallinity_map.h"
#include "insitu/crystal/fft_analysis.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace insitu {

/// One refined peak as stored (cycles/px; nm follows from the movie's calibration).
struct ProjectFftPeak
{
    double kPerPx = 0;
    double kErrPerPx = 0;
    double fwhmPerPx = 0;
    double height = 0;
    double significance = 0;
    std::optional<DSpacing> match;
    bool operator==(const ProjectFftPeak&) const = default;
};

/// The FFT of one region of one frame.
struct ProjectFftRegion
{
    int frame = 0;
    std::optional<int> roiId;     ///< the ROI it follows, if any
    std::string regionKind;       ///< "whole-frame", "rectangle", "polygon"
    std::vector<double> regionPx; ///< rectangle x,y,w,h or polygon x,y,x,y,… (frame px)
    std::vector<ProjectFftPeak> peaks;
    std::vector<double> profileKPerPx;
    std::vector<double> profilePower;
    std::string optionsJson = "{}"; ///< taper, peaks, d-list, tolerance
    std::string createdUtc;         ///< when it was computed (ISO-8601 UTC)
    std::string softwareVersion;    ///< insitu::kVersion of the program that computed it
    bool operator==(const ProjectFftRegion&) const = default;
};

/// One phase (d-range or detected ring) of a crystallinity map.
struct ProjectCrystalPhase
{
    std::string phase;
    double kMinPerPx = 0;
    double kMaxPerPx = 0;
    double thresholdRatio = 0;
    double fraction = 0;
    bool operator==(const ProjectCrystalPhase&) const = default;
};

/// A crystallinity map of one frame: the mask at image resolution and its phases.
struct ProjectCrystallinityMap
{
    int frame = 0;
    int windowPx = 0;
    int stepPx = 0;
    double crystallineFraction = 0;
    int rows = 0;
    int cols = 0;
    std::vector<std::uint8_t> mask; ///< rows × cols, row-major, 255 = crystalline
    std::vector<ProjectCrystalPhase> phases;
    std::string optionsJson = "{}";
    std::string createdUtc;      ///< when it was computed (ISO-8601 UTC)
    std::string softwareVersion; ///< insitu::kVersion of the program that computed it
    bool operator==(const ProjectCrystallinityMap&) const = default;
};

/// Everything FFT-related of a movie; empty = no group in the file.
struct ProjectFft
{
    std::vector<ProjectFftRegion> regions;
    std::optional<ProjectCrystallinityMap> map;
    [[nodiscard]] bool empty() const { return regions.empty() && !map; }
    /// Adds region, replacing a stored region of the same frame, kind and rectangle/polygon.
    void putRegion(ProjectFftRegion region);
    bool operator==(const ProjectFft&) const = default;
};

/// A region's result as stored in the project, stamped now with this program's version.
[[nodiscard]] ProjectFftRegion projectFftRegion(const FftResult& result, const FftRegion& region,
                                                int frame, std::optional<int> roiId,
                                                std::string optionsJson);
/// A crystallinity map as stored in the project, stamped now with this program's version.
[[nodiscard]] ProjectCrystallinityMap projectCrystallinityMap(const CrystallinityMap& map,
                                                              int frame, std::string optionsJson);

} // namespace insitu
