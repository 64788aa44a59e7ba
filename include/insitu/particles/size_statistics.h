#pragma once
// Size statistics: lognormal MLE with bootstrap intervals, shared histogram bins, and the
// two-sample comparison (KS, Anderson–Darling, Hodges–Lehmann shift, logistic survival d*).

#include "insitu/particles/particle_result.h"

#include <cstdint>
#include <optional>
#include <vector>

namespace insitu {

/// Lognormal MLE of sizes (all > 0) with percentile-bootstrap 95 % intervals; nullopt for < 3.
[[nodiscard]] std::optional<LognormalFit> fitLognormal(const std::vector<double>& sizes,
                                                       int bootstrapSamples, std::uint64_t seed);

/// Freedman–Diaconis bin edges over the pooled sizes (at least one bin; empty for no sizes).
[[nodiscard]] std::vector<double> sharedBinEdges(const std::vector<double>& pooled);

/// Two-sample Kolmogorov–Smirnov D and asymptotic p (Stephens' correction).
[[nodiscard]] std::pair<double, double> kolmogorovSmirnov(std::vector<double> a,
                                                          std::vector<double> b);
/// Two-sample Anderson–Darling (Scholz & Stephens, midrank) standardised statistic and p
/// interpolated as scipy.stats.anderson_ksamp (clipped to [0.001, 0.25]).
[[nodiscard]] std::pair<double, double> andersonDarling(const std::vector<double>& a,
                                                        const std::vector<double>& b);

/// The critical size from two samples (reference: everything; survivors: after a cut-off):
/// P(survivor | d) = c·S(d) / (1 + c·S(d)), S(d) = 1 / (1 + e^{−(d − d*)/s}), fitted by maximum
/// likelihood to the pooled particles. Returns {d*, s}, nullopt when d* is outside the data.
[[nodiscard]] std::optional<std::pair<double, double>>
fitSurvival(const std::vector<double>& reference, const std::vector<double>& survivors);

/// Compares two samples (names as given; the one with the larger median becomes survivors).
[[nodiscard]] SizeComparison compareSizes(const std::string& nameA, const std::vector<double>& a,
                                          const std::string& nameB, const std::vector<double>& b,
                                          int bootstrapSamples, std::uint64_t seed);

/// Fills result.regions (statistics per region of regionNames with their areas in px),
/// result.binEdges and, for ≥ 2 regions with ≥ 3 particles each, result.comparison.
void computeStatistics(ParticleResult& result, const std::vector<std::string>& regionNames,
                       const std::vector<double>& regionAreasPx);

} // namespace insitu
