#pragma once
// The curve of a fitted kinetics model with its 95 % confidence band, for plotting (no Qt).

#include "insitu/kinetics/fit_result.h"

#include <optional>
#include <vector>

namespace insitu::plot {

/// A model curve sampled on a grid, with the pointwise 95 % confidence band of the mean.
struct FitCurve
{
    std::vector<double> x;
    std::vector<double> y;
    std::vector<double> low; ///< empty when no band could be computed
    std::vector<double> high;
};

/// The core fitBand (insitu/kinetics/fit_band.h: the band of the fit's own reported intervals,
/// the same in the window, the CLI and the exports) at points samples over [xMin, xMax] (fit
/// units). nullopt for an unknown model, missing parameters or an empty range.
[[nodiscard]] std::optional<FitCurve> fitCurve(const FitResult& fit, double xMin, double xMax,
                                               int points = 200);

} // namespace insitu::plot
