#pragma once
// The curve of a fitted model with its pointwise 95 % band, by the fit's own interval method.

#include "insitu/kinetics/fit_result.h"
#include "insitu/kinetics/model.h"

#include <memory>
#include <optional>
#include <vector>

namespace insitu {

/// A fitted model evaluated at xs with the pointwise 95 % confidence band of the mean.
struct FitBand
{
    std::vector<double> x;
    std::vector<double> y;
    std::vector<double> low; ///< empty when no band can be computed (no free parameters, ...)
    std::vector<double> high;
};

/// The model of a stored fit (built-in by name with the fit's units, or its formula); nullptr
/// when it cannot be rebuilt.
[[nodiscard]] std::unique_ptr<Model> modelOfFit(const FitResult& fit);

/// fit's model at xs with its band. The band uses the parameters' reported intervals
/// (ci95Low/High, whatever FitResult::ciMethod made them) and their correlation from (JᵀJ)⁻¹ at
/// the fitted x: half-width √(gᵀ S R S g), g = ∂f/∂p at x, S = diag(interval half-widths),
/// R = correlation of the free parameters. For "t" intervals that is the textbook
/// t·s·√(gᵀ(JᵀJ)⁻¹g); wherever one parameter alone moves the curve it is exactly that parameter's
/// interval. nullopt for an unknown model or missing parameters.
[[nodiscard]] std::optional<FitBand> fitBand(const FitResult& fit, const std::vector<double>& xs);

} // namespace insitu
