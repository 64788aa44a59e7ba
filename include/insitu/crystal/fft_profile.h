#pragma once
// Azimuthal (radial) profile of a power spectrum in physical frequency, and its background.

#include "insitu/crystal/fft_spectrum.h"

#include <vector>

namespace insitu {

/// Which part of the spectrum enters the profile.
struct RadialProfileOptions
{
    /// Frequencies below this many bins are left out (DC and the taper's leakage).
    int excludedCentreBins = 3;
    /// Only the sector |φ − sectorCentreDeg| ≤ sectorHalfWidthDeg (mod 180°) when < 90.
    double sectorCentreDeg = 0;
    double sectorHalfWidthDeg = 90;
    /// Spectrum pixels (CV_8U, power size, non-zero = left out), e.g. masked peaks; may be empty.
    cv::Mat excluded;
};

/// Mean power per |k| bin. Bin i is centred on k = i·binPerPx with width binPerPx =
/// min(Δkx, Δky) = 1 / max(rows, cols) cycles/px; |k| uses each axis' own Δk, so non-square
/// regions are right. Bins without pixels have count 0 and power NaN.
struct RadialProfile
{
    double binPerPx = 0;
    std::vector<double> kPerPx;     ///< bin centres (cycles/px)
    std::vector<double> power;      ///< mean |F|² per bin
    std::vector<int> count;         ///< spectrum pixels per bin
    std::vector<double> background; ///< smooth background under the peaks (same units as power)
    int firstBin = 0;               ///< first bin that is not excluded
    /// Spectrum pixels per independent sample: 2 (Hermitian duplicates) × 4 (taper) × the
    /// zero-padding factor of each axis; a bin's mean has relative error 1/√(count/this).
    double correlatedPixels = 8;
    double resolutionPerPx = 0; ///< 1 / the region's shorter side: the narrowest peak width
};

/// The profile of a shifted power spectrum out to Nyquist (0.5 cycles/px), with its background:
/// a rolling minimum of log power smoothed by a running mean (both over ±max(4, n/25) bins).
[[nodiscard]] RadialProfile radialProfile(const RegionSpectrum& spectrum,
                                          const RadialProfileOptions& options = {});

} // namespace insitu
