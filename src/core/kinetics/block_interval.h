#pragma once
// The reported interval under correlated residuals: linearised moving-block bootstrap with an
// AR(1) truncation correction and an effective-sample-size t quantile (docs/glossary.md,
// "Interval method").

#include "insitu/kinetics/fit.h"

#include <Eigen/Core>

#include <vector>

namespace insitu::kinetics_detail {

/// Per free parameter: the interval's standard error and the t degrees of freedom.
struct BlockInterval
{
    std::vector<double> standardError;    ///< per free parameter
    std::vector<double> degreesOfFreedom; ///< per free parameter, n_eff − k (≥ 1)
    std::vector<double> effectiveSamples; ///< per free parameter, n / variance inflation
    int blockLength = 0;
};

/// jacobian: n × k at the fit (free columns); covarianceUnscaled: (JᵀJ)⁻¹; residuals: y − f.
/// Resamples blocks of residuals (scaled by √(n/(n − k))) onto the fit, takes each resample's
/// one-step estimate (JᵀJ)⁻¹Jᵀe*, and per parameter: inflation f = bootstrap variance / t
/// variance; ρ solving 1 + 2Σ_{m<l}(1 − m/l)ρᵐ = f (what blocks of length l see of an AR(1));
/// corrected inflation F = max(f, (1 + ρ)/(1 − ρ), 1); n_eff = n/F; variance = t variance · F ·
/// (n_eff/(n_eff − k)) / (n/(n − k)); degrees of freedom max(1, n_eff − k).
[[nodiscard]] BlockInterval blockBootstrapInterval(const Eigen::MatrixXd& jacobian,
                                                   const Eigen::MatrixXd& covarianceUnscaled,
                                                   const std::vector<double>& residuals,
                                                   const IntervalOptions& options);

} // namespace insitu::kinetics_detail
