#pragma once
// ProjectGrains: a grains analysis of one frame as the project file keeps it (labels, grains,
// phase fractions, E112 and ECD summaries, provenance).

#include "insitu/crystal/grain_segmentation.h"
#include "insitu/crystal/phase_fractions.h"

#include <array>
#include <optional>
#include <string>
#include <vector>

namespace insitu {

/// The stored result of `insitu grains` / the Grains panel on one frame.
struct ProjectGrains
{
    int frame = 0;
    std::array<int, 4> roiPx{0, 0, 0, 0}; ///< analysed rectangle x, y, w, h (frame px)
    std::string source = "watershed";     ///< "watershed" or "boundary-map"
    std::optional<double> nmPerPixel;     ///< calibration the nm values were made with
    int labelRows = 0;
    int labelCols = 0;
    std::vector<std::int32_t> labels;   ///< labelRows × labelCols, row-major, 0 = no grain
    std::vector<std::uint8_t> classMap; ///< same shape, PhaseClass values (empty: none)
    std::vector<Grain> grains;          ///< centroids in frame px
    AreaFraction crystalline, amorphous, pore;
    double ecdMedianPx = 0, ecdMeanPx = 0, ecdModePx = 0;
    std::optional<double> meanInterceptPx;         ///< E112 pattern
    std::optional<double> lineGridMeanInterceptPx; ///< line grid
    std::string parametersJson = "{}";             ///< options the result was made with
    std::string createdUtc;
    std::string softwareVersion;

    bool operator==(const ProjectGrains&) const = default;
};

} // namespace insitu

#include "insitu/crystal/grain_analysis.h"

namespace insitu {

/// The stored form of an analysis of frame `frame` over roi (frame px); stamped now.
[[nodiscard]] ProjectGrains toProjectGrains(const GrainAnalysis& analysis, int frame,
                                            const cv::Rect& roi, std::string parametersJson);

} // namespace insitu
