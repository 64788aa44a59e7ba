#pragma once
// One frame of outline following for all particles: motion search, edge search, separation.

#include "polar_outline.h"

#include "insitu/area/area_result.h"

#include <opencv2/core.hpp>

#include <optional>
#include <vector>

namespace insitu::area_detail {

/// A particle's outline (and core outline) found at one frame.
struct FrameOutline
{
    StarOutline outer;
    StarOutline core; ///< empty radii without AreaOptions::core
    /// The core's own edge has cleared the noise at this frame or before; until then the core
    /// fills the coating and its outline is the coating's inner edge.
    bool coreSeen = false;
    double confidence = 0;
};

/// What the tracker remembers about a particle between frames.
struct ParticleState
{
    FrameOutline current;
    double polarity = 1; ///< −1 when the particle is brighter than its surroundings
    cv::Mat templ;       ///< smoothed patch of the last frame around the centre (× polarity)
    PointPx templCentre; ///< the centre's position inside templ
};

/// The state of a particle drawn (or corrected) at this frame: the outline as given, its
/// polarity from the frame, the core outline searched when options.core.
[[nodiscard]] ParticleState stateFromOutline(const cv::Mat& frame,
                                             const std::vector<PointPx>& outlinePx,
                                             const AreaOptions& options);

/// Follows every particle with a state and isKey false into this frame: predicted by the drift
/// step and a template search, edge found within limits that keep neighbours apart.
void followFrame(const cv::Mat& frame, PointPx driftStepPx, const std::vector<bool>& isKey,
                 std::vector<std::optional<ParticleState>>& states, const AreaOptions& options);

} // namespace insitu::area_detail
