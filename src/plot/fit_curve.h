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
    std::vector<double> low;   ///< empty when no band could be computed
    std::vector<double> high;
};

/// Re-evaluates fit's model (kinetics makeModel / makeFormulaModel) at points samples over
/// [xMin, xMax] (fit units). Band by the delta method: Jacobian J of the model at the fitted x
/// over the free parameters, covariance C = s²(JᵀJ)⁻¹ with s = residual SD, half-width
/// t·√(gᵀCg) where g is the gradient at x and t the fit's own t quantile ((ci95High − value) /
/// standardError of a free parameter; 1.96 when none). nullopt for an unknown model or missing
/// parameters.
[[nodiscard]] std::optional<FitCurve> fitCurve(const FitResult& fit, double xMin, double xMax,
                                               int points = 200);

} // namespace insitu::plot
