#pragma once
// Star-shaped outlines: polar dynamic programming for the edge and its sub-pixel position.

#include "insitu/area/area_result.h"
#include "insitu/roi/roi.h"

#include <opencv2/core.hpp>

#include <vector>

namespace insitu::area_detail {

/// A crop of one frame (float32, sign-normalised so that the particle is darker than its
/// surroundings) and its Gaussian-smoothed copy; origin is the crop's top-left in the frame.
struct Patch
{
    cv::Mat raw;
    cv::Mat smooth;
    cv::Point origin;
};

/// An outline as radii along rayCount rays θ_j = 2πj/N around a centre (frame image px).
struct StarOutline
{
    PointPx centre;
    std::vector<double> radiiPx;
};

/// Where each ray may hold the edge, and the previous outline as a temporal prior.
struct RayLimits
{
    std::vector<double> minPx;
    std::vector<double> maxPx;
    std::vector<double> priorPx; ///< empty: no temporal prior
};

/// The found edge and how clearly it was seen.
struct EdgeFit
{
    std::vector<double> radiiPx;
    double confidence = 0; ///< fraction of rays whose inside/outside step is > 3 standard errors
};

/// The patch of frame (any depth) around centre reaching radiusPx, ×polarity, smoothed by σ.
[[nodiscard]] Patch cropPatch(const cv::Mat& frame, PointPx centre, double radiusPx,
                              double polarity, double sigmaPx);

/// Bilinear sample of a float32 image at (x, y) in its own coordinates (clamped at the border).
[[nodiscard]] float sampleBilinear(const cv::Mat& image, double x, double y);

/// Radii of a closed polygon seen from centre along rayCount rays (angular interpolation of
/// the densified polygon; exact for star-shaped polygons).
[[nodiscard]] std::vector<double> radiiAbout(const std::vector<PointPx>& polygon, PointPx centre,
                                             int rayCount);

/// The polygon of a star outline.
[[nodiscard]] std::vector<PointPx> toPolygon(const StarOutline& outline);

/// True when point lies inside the star outline grown by marginPx.
[[nodiscard]] bool insideStar(const StarOutline& outline, PointPx point, double marginPx);

/// The closed edge around centre with the darker side inside: dynamic programming over the
/// rays (circular, slope-limited, temporal prior), then on each ray the position where the
/// profile's integral balances between the local inside and outside levels (the half level of
/// a symmetric edge), within the ray's limits.
[[nodiscard]] EdgeFit findStarEdge(const Patch& patch, PointPx centre, const RayLimits& limits,
                                   const AreaOptions& options);

} // namespace insitu::area_detail
