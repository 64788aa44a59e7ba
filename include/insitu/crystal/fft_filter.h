#pragma once
// Spot masks: keep chosen reflections (and their Friedel mates) and transform back.

#include "insitu/crystal/fft_spectrum.h"

#include <vector>

namespace insitu {

/// A reflection to keep, in cycles/px relative to DC (x right, y down as in the shifted power
/// image), with a Gaussian mask of the given radius (σ, cycles/px).
struct FftSpot
{
    double kxPerPx = 0;
    double kyPerPx = 0;
    double radiusPerPx = 0.01;
    bool operator==(const FftSpot&) const = default;
};

/// The region filtered to the spots: inverse FFT of the spectrum times the spot masks, CV_32F of
/// the region's box size (still tapered by spectrum.weights; the removed mean is not restored).
/// Throws insitu::Error without spots.
[[nodiscard]] cv::Mat spotFilteredImage(const RegionSpectrum& spectrum,
                                        const std::vector<FftSpot>& spots);

} // namespace insitu
