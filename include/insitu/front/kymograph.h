#pragma once
// Kymograph: a path ROI's band-averaged profile in every frame (TIFF export:
// export/kymograph_tiff.h).

#include "insitu/calibration.h"
#include "insitu/progress.h"
#include "insitu/registration/drift_result.h"
#include "insitu/roi/path.h"

#include <opencv2/core.hpp>

#include <optional>
#include <vector>

namespace insitu {

class Movie;

/// Space-time image of a path ROI: row k = frame k, column i = arc length i·stepPx.
struct Kymograph
{
    cv::Mat values;                   ///< CV_32F, rows = frames, cols = path samples
    double stepPx = 1.0;              ///< arc length between columns (px)
    std::optional<double> nmPerPixel; ///< movie pixel size, when known
    std::optional<double> frameIntervalS;
    std::vector<double> timesS; ///< time of each row (s), empty when unknown
    bool driftCorrected = false;

    [[nodiscard]] int frameCount() const { return values.rows; }
    [[nodiscard]] int sampleCount() const { return values.cols; }
    /// nm per column (stepPx × nmPerPixel), when the pixel size is known.
    [[nodiscard]] std::optional<double> nmPerSample() const
    {
        return nmPerPixel ? std::optional<double>(*nmPerPixel * stepPx) : std::nullopt;
    }
};

/// Samples roi (Line or Polyline, frame-0 coordinates, band roi.widthPx) in every frame at 1 px
/// steps by bilinear interpolation; with drift (one entry per frame) frame k is sampled at
/// p + (dxPx[k], dyPx[k]), i.e. in drift-corrected coordinates without warping the frame.
/// Streams the movie once; advance() per frame (throws Canceled). Throws insitu::Error for a
/// bad ROI or a drift result of the wrong length.
[[nodiscard]] Kymograph buildKymograph(const Movie& movie, const Roi& roi, const DriftResult* drift,
                                       Progress& progress);

/// Same, from an already sampled path (stepPx as in path).
[[nodiscard]] Kymograph buildKymograph(const Movie& movie, const SampledPath& path,
                                       const DriftResult* drift, Progress& progress);

} // namespace insitu
