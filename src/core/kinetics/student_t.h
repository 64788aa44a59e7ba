#pragma once
// Student's t distribution: the quantile used for confidence intervals.

namespace insitu::kinetics_detail {

/// Regularised incomplete beta I_x(a, b) (continued fraction, modified Lentz).
[[nodiscard]] double incompleteBeta(double a, double b, double x);
/// CDF of Student's t with dof degrees of freedom.
[[nodiscard]] double studentTCdf(double t, double dof);
/// Quantile: the t with CDF(t) = probability (0 < probability < 1), dof > 0.
[[nodiscard]] double studentTQuantile(double probability, double dof);

} // namespace insitu::kinetics_detail
