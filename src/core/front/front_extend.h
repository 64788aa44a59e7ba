#pragma once
// Private to src/core/front: extends the ends of a slow front's track in time while its
// edge still shows as change (extendSlowEnds).

#include "insitu/front/front_refine.h"

#include <opencv2/core.hpp>

#include <cstddef>

#include <vector>

namespace insitu::front_detail {

/// Frames added before and after a track by extendSlowEnds.
struct AddedFrames
{
    std::size_t head = 0;
    std::size_t tail = 0;
    [[nodiscard]] bool any() const { return head + tail > 0; }
};

/// Extends each end of a slow front's track (frames consecutive, positions in kymograph
/// columns, e.g. refined ones) whose front moves slower than 1 column per frame there, frame
/// by frame at the speed of its end (least-squares line over up to 40 frames next to it), for
/// as long as the edge of contrastSign shows as change against the columns' own levels
/// (EdgeChange) in the mean of the last 9 frames (≥ minRunningZ σ); the 4 frames before a stop
/// are dropped again. A slow front's search evidence needs long temporal differences (shorter
/// at the movie's ends) and fades where its edge is weak (past particles), so the search path
/// stops before the front does; the refinement's end tests then keep only the frames that hold
/// the edge.
AddedFrames extendSlowEnds(std::vector<int>& frames, std::vector<double>& positionsCol,
                           const cv::Mat& values, int contrastSign, double minRunningZ);

/// The refinement of a track extended by extendSlowEnds (frames, coarse positionsCol: the whole
/// extended track; before: the refinement of the track without the added frames): the added
/// frames are refined again together with the frames next to them in which the front crosses
/// twice the column model's reach (68 columns; at least 96 frames) and spliced in from half
/// that window inside the old ends on (a slow front's refinement is local in time: its pristine
/// levels and column models come from the frames near each column's crossing); the rest of
/// before is kept. The whole track is refined again when the windows would meet.
[[nodiscard]] RefinedFront refineExtended(const cv::Mat& values, const std::vector<int>& frames,
                                          const std::vector<int>& positionsCol,
                                          const FrontOptions& options, const RefinedFront& before,
                                          AddedFrames added);

} // namespace insitu::front_detail
