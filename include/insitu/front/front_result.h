#pragma once
// FrontTrack and FrontResult: reaction-front positions along a path ROI, frame by frame.

#include "insitu/kinetics/fit_result.h"

#include <optional>
#include <vector>

namespace insitu {

/// A user correction: the front is at positionPx (along the path) in frame.
struct FrontPin
{
    int frame = 0;
    double positionPx = 0;
    bool operator==(const FrontPin&) const = default;
};

/// One tracked front. Frames where the front does not exist are absent (never invented).
struct FrontTrack
{
    int index = 0; ///< order along the path, nearest the start first
    std::vector<int> frames;
    std::vector<double> positionsPx; ///< distance along the path from its start (px)
    std::vector<double> confidence;  ///< per frame, 0..1 (1 / (1 + σ²), σ = position std in px)
    /// Per frame, this frame's own position estimate (px, from its data with the column models,
    /// not smoothed over time); NaN where the frame's data give none. Empty in older results
    /// (consumers then use positionsPx).
    std::vector<double> framePositionsPx;
    /// Standard error (px) of framePositionsPx: photon noise and model misfit of that frame,
    /// scaled to the scatter of the track's estimates; NaN where framePositionsPx is NaN.
    std::vector<double> frameStdPx;
    std::vector<FrontPin> pins;
    bool brighterAhead = true;    ///< true when the unreacted side (ahead) is brighter
    int direction = 1;            ///< +1: moves away from the path start, −1: towards it
    std::optional<FitResult> fit; ///< kinetics fit of position against time

    bool operator==(const FrontTrack&) const = default;
};

/// Which side of a front is brighter (ahead = the side the front moves into: unreacted).
enum class BrighterSide { Auto, Ahead, Behind };

/// Direction of travel of monotonic fronts along the path.
enum class FrontDirection { Auto, Forward, Backward };

/// Settings of a front tracking run (extended by the front module as needed).
struct FrontOptions
{
    int frontCount = 1;
    /// Fastest front searched (px/frame); 0 = automatic: every speed up to 20 px/frame, on
    /// speed scales chosen from the kymograph's sampling (see trackFronts)
    double maxStepPxPerFrame = 0.0;
    bool monotonic = true;       ///< fronts only move one way (see direction)
    int refineWindowFrames = 21; ///< sub-pixel refinement: frames of the local trajectory fit
    FrontDirection direction = FrontDirection::Auto; ///< monotonic fronts: way of travel
    BrighterSide brighterSide = BrighterSide::Auto;  ///< per front; Auto finds it per front
    double edgeSigmaPx = 1.5;                        ///< spatial smoothing of the edge score (px)
    double timeSigmaFrames = 1.5;   ///< temporal smoothing of the edge score (frames)
    double stepChangePenalty = 0.5; ///< DP cost per px/frame change of step (score units)
    double presenceThreshold = 2.0; ///< score a frame must earn for a front to exist there
    int minFrames = 10;             ///< shorter tracks are dropped (not counting pinned ones)
    double minTravelPx = 3.0;       ///< tracks moving less (first to last frame) are dropped
    double priorSigmaPx = 1.0;      ///< sub-pixel refinement: prior width around the DP path

    bool operator==(const FrontOptions&) const = default;
};

/// All fronts found along one path ROI.
struct FrontResult
{
    int roiId = 0;
    FrontOptions options;
    std::vector<FrontTrack> fronts;

    bool operator==(const FrontResult&) const = default;
};

} // namespace insitu
