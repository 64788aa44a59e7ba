#pragma once
// estimateWireWidthPx: the width of the wire under a path ROI, measured from the movie itself,
// and the default band width of front tracking derived from it.

#include "insitu/registration/drift_result.h"
#include "insitu/roi/roi.h"

#include <cmath>
#include <string>

namespace insitu {

class Movie;

/// Settings of the wire-width measurement.
struct WireWidthOptions
{
    int frames = 5;                    ///< first frames averaged (the wire is still pristine there)
    double maxHalfWidthPx = 100;       ///< profiles reach this far either side of the path; the
                                       ///< outer half of each side is taken as background
    double profileSpacingPx = 4;       ///< spacing of the perpendicular profiles along the path
    double alongAveragePx = 6;         ///< each profile is averaged over this length along the path
    double minContrastSigmas = 4;      ///< wire contrast needed, in background noise SDs
    double minRelativeContrast = 0.05; ///< and as a fraction of the background level
    /// Steepest change at an edge needed, as a fraction of the contrast per px (an edge is a
    /// change within a few px; an illumination gradient changes over the whole frame).
    double minEdgeSharpnessPerPx = 0.06;
};

/// The wire's width across a path ROI.
struct WireWidth
{
    bool found = false;
    double widthPx = NAN;  ///< median over the profiles of the edge-to-edge width (px)
    double spreadPx = NAN; ///< robust SD (1.4826 MAD) of the widths over the profiles (px)
    int profileCount = 0;  ///< profiles where both edges were found
    int profilesTried = 0;
};

/// Width (px) of the wire that the path ROI (Line or Polyline, frame-0 px, its widthPx ignored)
/// runs along, from the mean of the first options.frames frames (drift-corrected with drift,
/// one entry per frame, when given). Perpendicular profiles every profileSpacingPx along the
/// path: the wire level at the path (±1.5 px), the background level on each side (median of the
/// outer half of the profile), and each edge where the profile changes fastest within ±3 px of
/// its half-contrast crossing, to 0.1 px (parabolic peak of the smoothed derivative). The result
/// is the median over the profiles, so that the electrode, particles and the path's ends do not
/// matter. Found when ≥ 3 profiles and ≥ a quarter of those tried have both edges; the wire must
/// stand out from the background (minContrastSigmas, minRelativeContrast) and its edges must be
/// sharp (minEdgeSharpnessPerPx). Throws insitu::Error for a
/// path that is not a line or polyline or a drift result of the wrong length.
[[nodiscard]] WireWidth estimateWireWidthPx(const Movie& movie, const Roi& pathRoi,
                                            const DriftResult* drift,
                                            const WireWidthOptions& options = {});

/// Band width used when the wire's width is unknown (px).
inline constexpr double kFallbackBandWidthPx = 20;

/// A default band width of front tracking and where it came from.
struct BandWidthChoice
{
    double widthPx = kFallbackBandWidthPx;
    std::string source = "fallback"; ///< "wire" (from the wire's width) or "fallback"
};

/// The default band: three quarters of the wire's width (the band stays on the wire with a few
/// px of path offset or residual drift, and off the edges that swell as the front passes),
/// rounded to whole px and kept within [5, 100] px; kFallbackBandWidthPx when no wire was found.
[[nodiscard]] BandWidthChoice defaultBandWidthPx(const WireWidth& wire);

} // namespace insitu
