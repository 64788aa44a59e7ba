#pragma once
// Kinetics fits of tracked fronts: L(t) of every front through the kinetics module.

#include "insitu/front/front_result.h"
#include "insitu/front/kymograph.h"

#include <optional>
#include <string>
#include <vector>

namespace insitu {

/// Positions of one front in nm (stepPx already applied in positionsPx), when nmPerPixel is known.
[[nodiscard]] std::vector<double> positionsNm(const FrontTrack& track,
                                              std::optional<double> nmPerPixel);

/// Times (s) of a front's frames from the kymograph's row times; empty when unknown.
[[nodiscard]] std::vector<double> frontTimesS(const FrontTrack& track, const Kymograph& kymograph);

/// Fits L(t) of every front with ≥ 5 frames (model "auto", "linear", "parabolic", "power", or any
/// kinetics model name): x = time in s (frame index when times are unknown, unit "frame"),
/// y = position in nm (px when the pixel size is unknown). Stores the result in track.fit;
/// a front whose fit fails keeps no fit.
void fitFronts(FrontResult& result, const Kymograph& kymograph, const std::string& model);

} // namespace insitu
