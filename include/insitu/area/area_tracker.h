#pragma once
// followOutlines: a particle's outline in every frame of a movie, from one drawn ROI.

#include "insitu/area/area_result.h"
#include "insitu/io/movie.h"
#include "insitu/progress.h"
#include "insitu/registration/drift_result.h"
#include "insitu/roi/roi.h"

#include <vector>

namespace insitu {

/// The polygon of a polygon ROI, or an ellipse ROI as a 72-gon (frame-0 image coordinates).
/// Throws insitu::Error for other shapes or fewer than 3 vertices.
[[nodiscard]] std::vector<PointPx> roiOutlinePx(const Roi& roi);

/// Follows the outlines of several particles through movie (frames streamed, never loaded):
/// polar dynamic programming around each predicted centre with a temporal prior, the edge at
/// the level halfway between the local inside and outside, neighbours kept apart. keyframes
/// hold each particle's seed (its first keyframe) and any corrections; tracking runs forward
/// and backward from every keyframe and blends between two keyframes. drift (may be null)
/// predicts the specimen motion. Fills outlines and measures per frame; call analyseAreas()
/// for A/A0, events and fits. Throws insitu::Error on bad keyframes, Canceled on cancel.
[[nodiscard]] AreaResult followOutlines(const Movie& movie, const DriftResult* drift,
                                        const std::vector<AreaKeyframe>& keyframes,
                                        const AreaOptions& options,
                                        Progress& progress = Progress::none());

/// A/A0, crack events (area steps), fits of A/A0(t) by options.model with intervals, the
/// initial rate and the ratios between particles. timesS per frame (empty: frame numbers are
/// the time axis). userEvents are kept as kind "user".
void analyseAreas(AreaResult& result, const std::vector<double>& timesS,
                  const std::vector<AreaEvent>& userEvents = {});

/// Area (px², shoelace), perimeter (px) and centroid of a closed polygon.
struct PolygonMeasures
{
    double areaPx = 0;
    double perimeterPx = 0;
    PointPx centroidPx;
};
[[nodiscard]] PolygonMeasures measurePolygon(const std::vector<PointPx>& polygon);

/// The mean A/A0 of the last tenth of the frames (≥ 5) of an analysed track (analyseAreas), as
/// a one-parameter fit "final_area_ratio" of the measured areas / A0 whose 95 % interval also
/// holds A0's own uncertainty. nullopt for fewer than 6 frames.
[[nodiscard]] std::optional<FitResult> finalAreaRatio(const AreaTrack& track,
                                                      const AreaOptions& options,
                                                      const std::vector<double>& timesS);

/// The initial rate d(A/A0)/dt at onset, relative to the area at onset (per s, or per frame) of a
/// track, when fitted.
[[nodiscard]] std::optional<FitParameter> initialRate(const AreaTrack& track);

} // namespace insitu
