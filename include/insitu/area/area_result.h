#pragma once
// AreaOptions and AreaResult: settings and per-frame outlines, areas and fits of followed
// particles.

#include "insitu/kinetics/fit.h"
#include "insitu/roi/roi.h"

#include <optional>
#include <string>
#include <vector>

namespace insitu {

/// Settings of outline following (methods-2.md §1). Defaults are the CLI's and the GUI's.
struct AreaOptions
{
    int rayCount = 180;              ///< rays of the polar unwrapping (2° apart)
    double radialStepPx = 0.5;       ///< radial sampling of the dynamic programme (px)
    double smoothingSigmaPx = 1.5;   ///< Gaussian smoothing of the frame for the edge score
    double innerRadiusFactor = 0.6;  ///< search from this × the smallest predicted radius
    double outerRadiusFactor = 1.4;  ///< … to this × the largest predicted radius (+ 3 px)
    double maxSlopePxPerRay = 1.0;   ///< largest radius change between neighbouring rays
    double priorWeight = 0.05;       ///< temporal prior λ·((r − r_prev)/1 px)² per ray
    double edgeHalfWindowPx = 1.5;   ///< half width of the sub-pixel edge window (px)
    double searchRadiusFactor = 1.5; ///< motion search ± this × the particle radius …
    double minSearchRadiusPx = 8;    ///< … and at least this many px
    double gapPx = 1.0;              ///< outlines of neighbours stay this far apart (px)
    bool core = false;               ///< also follow the core/shell boundary
    int areaZeroFirstFrame = 0;      ///< A0 = mean area over frames [first, last] …
    int areaZeroLastFrame = 0;       ///< … of the particle's track
    double minCrackStep = 0.01;      ///< smallest A/A0 step reported as a crack event
    int crackWindowFrames = 12;      ///< frames on each side of a step for its line fits
    /// Area regularised in time: a local line through ±this many frames (never across a found
    /// step), the outline scaled about its centroid to match; 0 = per-frame areas as measured.
    int temporalHalfWindowFrames = 3;
    std::string model = "auto"; ///< auto, linear, parabolic, exponential, avrami
    int intervalSamples = 400;  ///< moving-block bootstrap resamples of the fits
    bool operator==(const AreaOptions&) const = default;
};

/// A hand-corrected outline of one particle at one frame, a hard constraint of the tracking.
struct AreaKeyframe
{
    int particle = 0;
    int frame = 0;
    std::vector<PointPx> outlinePx; ///< polygon in frame-`frame` image coordinates
    /// true: a rough drawing (a seed ROI), refined to the edge at its frame; false: a hard
    /// correction kept exactly.
    bool refine = false;
    bool operator==(const AreaKeyframe&) const = default;
};

/// A sudden area step (kind "crack", found) or a marker the user added (kind "user").
struct AreaEvent
{
    int frame = 0;
    std::string kind = "crack";
    double areaRatioStep = 0; ///< A/A0 after minus before (0 for user markers)
    bool operator==(const AreaEvent&) const = default;
};

/// One followed particle: per frame of `frames`, outline and measures in frame-k image px.
struct AreaTrack
{
    int index = 0;
    std::vector<int> frames;
    std::vector<std::vector<PointPx>> outlinesPx; ///< closed polygon per frame (frame-k image px)
    std::vector<std::vector<PointPx>> coreOutlinesPx; ///< with AreaOptions::core, else empty
    std::vector<double> areaPx;                       ///< px² (regularised in time, see options)
    std::vector<double> measuredAreaPx;               ///< px², each frame's outline as found
    std::vector<double> perimeterPx;
    std::vector<PointPx> centroidPx;    ///< frame-k image coordinates
    std::vector<double> edgeConfidence; ///< 0 (no edge) … 1 (full contrast all round)
    std::vector<double> coreAreaPx;     ///< px², with AreaOptions::core, else empty
    std::vector<double> areaRatio;      ///< A / A0
    double areaZeroPx = 0;              ///< A0 (px²)
    std::vector<AreaEvent> events;      ///< found steps and user markers, by frame
    std::optional<FitResult> fit;       ///< A/A0 against time (s, or frames when uncalibrated)
    std::optional<FitResult> onsetFit;  ///< hinge fit r0 + rate·max(0, t − t0) of the first rise
    bool operator==(const AreaTrack&) const = default;
};

/// Ratio of one quantity between two particles with a 95 % interval.
struct AreaRatioComparison
{
    int particleA = 0;
    int particleB = 0;
    std::string quantity; ///< "final_area_ratio" or "initial_rate"
    RateRatio ratio;
    bool operator==(const AreaRatioComparison&) const = default;
};

/// Everything one outline-following run produced.
struct AreaResult
{
    AreaOptions options;
    std::vector<AreaKeyframe> keyframes; ///< seeds (first keyframe of each particle) and edits
    std::vector<AreaTrack> particles;
    std::vector<AreaRatioComparison> ratios;
    bool operator==(const AreaResult&) const = default;
};

} // namespace insitu
