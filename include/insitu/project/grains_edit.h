#pragma once
// Hand fixes of a stored grains result (merge two grains, delete one, split one along a line,
// draw a boundary): the labels changed, the grains measured again and the ECD summaries and E112
// intercepts recomputed from them.

#include "insitu/crystal/grain_analysis.h"
#include "insitu/project/grains_project.h"

#include <opencv2/core.hpp>

#include <vector>

namespace insitu {

/// One hand fix: merge grain `otherId` into grain `id`; delete grain `id` (its pixels become
/// "no grain", label 0, as boundary pixels are); split grain `id` along the line strokePx (two
/// points); or draw the boundary strokePx (a polyline) through every grain it crosses.
struct GrainEdit
{
    enum class Kind { Merge, Delete, Split, Boundary };
    Kind kind = Kind::Delete;
    int id = 0;
    int otherId = 0;                     ///< Merge only
    std::vector<cv::Point2d> strokePx{}; ///< Split and Boundary: frame px
};

/// stored with edit applied. Throws insitu::Error naming a grain id that is not in stored (or a
/// merge of a grain with itself), or for a split or boundary that cuts no grain in two.
[[nodiscard]] ProjectGrains editedGrains(const ProjectGrains& stored, const GrainEdit& edit);

/// analysis with its grain labels replaced by labels (CV_32S, the analysed rectangle's; e.g.
/// those of editedGrains): the grains measured again (centroids + offsetPx: frame px), their ECD
/// statistics, the E112 pattern and line-grid intercepts (a boundary-map analysis keeps those of
/// its boundary image) and the planimetric count; the phases are kept. editedGrains measures
/// with it, and `insitu grains --split/--boundary` reports its edits through it.
[[nodiscard]] GrainAnalysis analysisWithLabels(GrainAnalysis analysis, const cv::Mat& labels,
                                               cv::Point offsetPx, std::optional<double> nmPerPixel,
                                               const GrainAnalysisOptions& options);

} // namespace insitu
