#pragma once
// Peaks of a radial profile: found by prominence, refined by a Gaussian + linear background fit.

#include "insitu/crystal/fft_profile.h"

#include <vector>

namespace insitu {

/// How peaks are found and refined.
struct FftPeakOptions
{
    int maxPeaks = 8; ///< strongest peaks reported (by prominence)
    /// A peak's prominence on log power must exceed this many standard errors of a bin's log
    /// mean (1/√n_eff, n_eff = count / RadialProfile::correlatedPixels).
    double minSignificance = 6;
    /// Peaks wider (FWHM) than this fraction of their |k| and than 3 resolution widths are
    /// diffuse halos, not lattice rings.
    double maxRelativeFwhm = 0.15;
    int minFitHalfWidthBins = 3; ///< the fit spans ±max(this, 1.5 × the peak's half width) bins
};

/// One refined peak (cycles/px; divide by the pixel size for nm⁻¹).
struct FftPeak
{
    double kPerPx = 0;
    double kErrPerPx = 0;    ///< standard error of kPerPx from the fit
    double fwhmPerPx = 0;    ///< full width at half maximum of the fitted Gaussian
    double height = 0;       ///< fitted peak power above the background (profile units)
    double prominence = 0;   ///< prominence on natural-log power
    double significance = 0; ///< prominence in standard errors
};

/// The peaks of profile, strongest first; peaks whose fit fails or that are too wide are left
/// out.
[[nodiscard]] std::vector<FftPeak> findProfilePeaks(const RadialProfile& profile,
                                                    const FftPeakOptions& options = {});

} // namespace insitu
