#pragma once
// Star-shaped outlines: polar dynamic programming for the edge and its sub-pixel position.

#include "insitu/area/area_result.h"
#include "insitu/roi/roi.h"

#include <opencv2/core.hpp>

#include <algorithm>
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
    /// The mean inside/outside step over all rays in standard errors of that mean (neighbouring
    /// rays share samples: rays / 3 independent ones): how clearly the edge as a whole is seen.
    double contrastZ = 0;
};

/// The patch of frame (any depth) around centre reaching radiusPx, ×polarity, smoothed by σ.
[[nodiscard]] Patch cropPatch(const cv::Mat& frame, PointPx centre, double radiusPx,
                              double polarity, double sigmaPx);

/// Bilinear sample of a float32 image at (x, y) in its own coordinates (clamped at the border).
/// Inline: the edge search takes tens of thousands per particle and frame.
[[nodiscard]] inline float sampleBilinear(const cv::Mat& image, double x, double y)
{
    x = std::clamp(x, 0.0, image.cols - 1.001);
    y = std::clamp(y, 0.0, image.rows - 1.001);
    const int x0 = static_cast<int>(x);
    const int y0 = static_cast<int>(y);
    const float fx = static_cast<float>(x - x0);
    const float fy = static_cast<float>(y - y0);
    const float* r0 = image.ptr<float>(y0) + x0;
    const float* r1 = image.ptr<float>(y0 + 1) + x0;
    return (1 - fy) * ((1 - fx) * r0[0] + fx * r0[1]) + fy * ((1 - fx) * r1[0] + fx * r1[1]);
}

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

/// The two levels of a region boundary and how sure their difference is.
struct RegionLevels
{
    double inside = 0;       ///< mean of the region inside the boundary (the core)
    double outside = 0;      ///< mean of the band outside it (the shell)
    double differenceSe = 0; ///< standard error of outside − inside
};

/// The closed boundary between an inner region at level levels.inside and an outer band at
/// levels.outside (lighter) within the rays' limits: dynamic programming over the rays on a
/// region cost (each radial step counted as the level it is closer to, so that the boundary
/// is where the profile crosses the half level, seen through all of it rather than by its
/// gradient alone), temporal prior and slope limit as findStarEdge; then the sub-pixel
/// half-level position on each ray.
[[nodiscard]] std::vector<double> findLevelBoundary(const Patch& patch, PointPx centre,
                                                    const RayLimits& limits,
                                                    const RegionLevels& levels,
                                                    const AreaOptions& options);

/// Mean and standard error of the raw patch over the rays' radii [fromPx, toPx] around
/// centre (the SE over the pixels of that annulus, not the oversampled ray samples).
struct BandMean
{
    double mean = 0;
    double se = 0;
    double areaPx = 0;
};
[[nodiscard]] BandMean bandMean(const Patch& patch, PointPx centre,
                                const std::vector<double>& fromPx, const std::vector<double>& toPx);

} // namespace insitu::area_detail
