#pragma once
// Path geometry of line and polyline ROIs: arc-length sampling and perpendicular-band profiles.

#include "insitu/roi/roi.h"

#include <opencv2/core.hpp>

#include <vector>

namespace insitu {

/// A line or polyline ROI sampled at equal arc-length steps, with the unit normal at each sample.
struct SampledPath
{
    std::vector<PointPx>
        points; ///< sample positions (frame-0 px), points[i] at arc length i·stepPx
    std::vector<PointPx> normals; ///< unit normal (tangent turned +90°: (−ty, tx)) per sample
    double stepPx = 1.0;          ///< arc length between samples (px)
    double lengthPx = 0.0;        ///< total arc length of the path (px)
    double widthPx = 1.0;         ///< band width across the path (px)

    [[nodiscard]] int size() const { return static_cast<int>(points.size()); }
    bool operator==(const SampledPath&) const = default;
};

/// Total arc length (px) of a Line or Polyline ROI. Throws insitu::Error for other shapes or
/// fewer than 2 points.
[[nodiscard]] double pathLengthPx(const Roi& roi);

/// Point at arc length sPx (clamped to [0, length]) along a Line or Polyline ROI.
[[nodiscard]] PointPx pointAtArcLength(const Roi& roi, double sPx);

/// Samples a Line or Polyline ROI every stepPx (> 0) of arc length, from its first point; the
/// last sample is the last point at or before the end. Zero-length segments are skipped.
/// Throws insitu::Error for other shapes, < 2 points or a path shorter than one step.
[[nodiscard]] SampledPath samplePath(const Roi& roi, double stepPx = 1.0);

/// Offsets (px) across the path at which the band is sampled: max(1, round(widthPx)) values
/// 1 px apart, centred on 0.
[[nodiscard]] std::vector<double> bandOffsetsPx(double widthPx);

/// Band-averaged profile along path of one frame (any single-channel depth), sampled by bilinear
/// interpolation at points[i] + o·normals[i] + (dxPx, dyPx) for each band offset o, i.e. in
/// drift-corrected coordinates (drift of the frame = (dxPx, dyPx), architecture.md). Positions
/// outside the frame are clamped to the border. Writes path.size() floats into out.
void sampleBandProfile(const cv::Mat& frame, const SampledPath& path, double dxPx, double dyPx,
                       float* out);

/// Bilinear value of a single-channel float32 image at (x, y), clamped to the image.
[[nodiscard]] double bilinearAt(const cv::Mat& image, double x, double y);

} // namespace insitu
