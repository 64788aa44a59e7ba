#pragma once
// Private to src/core/front: extends the ends of a slow front's track in time while its
// edge still shows as change (extendSlowEnds).

#include <opencv2/core.hpp>

#include <vector>

namespace insitu::front_detail {

/// Extends each end of a slow front's track (frames consecutive, positions in kymograph
/// columns, e.g. refined ones) whose front moves slower than 1 column per frame there, frame
/// by frame at the speed of its end (least-squares line over up to 40 frames next to it), for
/// as long as the edge of contrastSign shows as change against the columns' own levels
/// (EdgeChange) in the mean of the last 9 frames (≥ minRunningZ σ); the 4 frames before a stop
/// are dropped again. Returns whether anything was added. A slow front's search evidence needs
/// long temporal differences (shorter at the movie's ends) and fades where its edge is weak
/// (past particles), so the search path stops before the front does; the refinement's end
/// tests then keep only the frames that hold the edge.
bool extendSlowEnds(std::vector<int>& frames, std::vector<double>& positionsCol,
                    const cv::Mat& values, int contrastSign, double minRunningZ);

} // namespace insitu::front_detail
