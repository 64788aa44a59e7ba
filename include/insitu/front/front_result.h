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
    int index = 0;                     ///< order along the path, nearest the start first
    std::vector<int> frames;
    std::vector<double> positionsPx;   ///< distance along the path from its start (px)
    std::vector<double> confidence;    ///< per frame, 0..1
    std::vector<FrontPin> pins;
    bool brighterAhead = true;         ///< true when the unreacted side (ahead) is brighter
    std::optional<FitResult> fit;      ///< kinetics fit of position against time

    bool operator==(const FrontTrack&) const = default;
};

/// Settings of a front tracking run (extended by the front module as needed).
struct FrontOptions
{
    int frontCount = 1;
    double maxStepPxPerFrame = 3.0;    ///< bounded step of the dynamic-programming path
    bool monotonic = true;             ///< fronts only move forward
    int refineWindowFrames = 9;        ///< temporal running mean for sub-pixel refinement

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
