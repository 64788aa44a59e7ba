#pragma once
// ASTM E112 grain size: mean lineal intercept on the E112 test pattern (4 lines + 3 circles) and
// on a line grid, the planimetric (Jeffries) count, and the grain-size numbers G.

#include "insitu/crystal/grain_segmentation.h"

#include <opencv2/core.hpp>

#include <optional>
#include <vector>

namespace insitu {

/// Settings of the intercept counts.
struct InterceptOptions
{
    /// Segments no longer than this (px) are gaps in the traced boundary, not grains (NIST GSAT
    /// drops segments ≤ 2 px).
    double minSegmentPx = 2.0;
    /// Distance between grid lines (px); 0 = a twelfth of the image's shorter side.
    double lineGridSpacingPx = 0;
    std::vector<double> lineGridAnglesDeg = {0, 45, 90, 135}; ///< grid orientations
};

/// Intercept lengths along test lines: each segment runs between two boundary crossings (pieces
/// cut by the pattern's ends are not counted).
struct InterceptResult
{
    std::vector<double> segmentsPx;
    std::vector<int> curveOfSegment; ///< which test line/circle (0..) each segment lies on
    double meanInterceptPx = 0;      ///< mean segment length
    double standardErrorPx = 0;      ///< of the mean, over segments
    std::optional<double> meanInterceptNm;
    std::optional<double> G; ///< E112 intercept grain-size number (when calibrated)
};

/// Planimetric (Jeffries) count on the whole image rectangle: N = inside + ½·cut + 1 (corners).
struct PlanimetricResult
{
    int grainsInside = 0;
    int grainsCut = 0;
    double equivalentCount = 0; ///< N
    double areaPx = 0;
    double grainsPerPx2 = 0;
    std::optional<double> grainsPerUm2;
    std::optional<double> G; ///< E112 planimetric grain-size number (when calibrated)
};

/// Mean lineal intercept on the E112 pattern drawn on the centred square of side min(w, h): a
/// horizontal and a vertical line 5 % of the side in from the bottom and left edges, both
/// diagonals, and three concentric circles of diameters 79.58, 53.05 and 26.53 % of the side (as
/// NIST's grain-size-analysis-tools). boundary: CV_8U, 255 = boundary, 0 = grain, other
/// values (kNotAnalysed) break the test lines.
[[nodiscard]] InterceptResult e112PatternIntercepts(const cv::Mat& boundary,
                                                    std::optional<double> nmPerPixel,
                                                    const InterceptOptions& options = {});

/// Mean lineal intercept on a grid of parallel lines at each of options' angles, through the
/// whole image, options.lineGridSpacingPx apart.
[[nodiscard]] InterceptResult lineGridIntercepts(const cv::Mat& boundary,
                                                 std::optional<double> nmPerPixel,
                                                 const InterceptOptions& options = {});

[[nodiscard]] PlanimetricResult planimetricCount(const std::vector<Grain>& grains,
                                                 cv::Size imageSize,
                                                 std::optional<double> nmPerPixel);

/// E112 G from the mean lineal intercept (mm): G = −6.6439·log10(ℓ̄) − 3.288.
[[nodiscard]] double e112GFromIntercept(double meanInterceptMm);
/// E112 G from grains per mm²: G = 3.3219·log10(N_A) − 2.954.
[[nodiscard]] double e112GFromDensity(double grainsPerMm2);

} // namespace insitu
