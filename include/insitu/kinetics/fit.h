#pragma once
// Least-squares fitting of kinetics models with intervals robust to correlated residuals,
// AIC/BIC, automatic linear-vs-√t choice and rate ratios.

#include "insitu/kinetics/fit_result.h"
#include "insitu/kinetics/models.h"

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace insitu {

/// Moving-block bootstrap of residuals (Künsch 1989): blocks of consecutive residuals are
/// resampled with replacement, added to the fitted curve and refitted.
struct BootstrapOptions
{
    int samples = 0;        ///< 0 = no bootstrap; 500–2000 for quoted intervals
    int blockLength = 0;    ///< 0 = automatic: max(n^(1/3), 4·(first lag with ACF < 1/e)), ≤ n/4
    std::uint64_t seed = 1; ///< same seed, same intervals
};

/// How the reported interval (FitParameter::ci95Low/High, standardError) is computed.
enum class IntervalMethod {
    /// "moving-block-bootstrap" (default): blocks of residuals resampled onto the fitted curve,
    /// each resample solved by one Gauss–Newton step from the fit (exact for linear models); its
    /// covariance is corrected for the blocks' truncation of the correlation (AR(1) matched to
    /// the variance inflation) and the interval is t with n_eff − k degrees of freedom
    /// (docs/glossary.md, "Interval method"). Never narrower than "t".
    MovingBlockBootstrap,
    /// "t": s·√diag((JᵀJ)⁻¹) with Student's t(n − k); right only for independent residuals.
    T,
};

/// The CLI / JSON name of an interval method ("moving-block-bootstrap", "t").
[[nodiscard]] std::string intervalMethodName(IntervalMethod method);
/// Inverse of intervalMethodName; throws insitu::Error naming the valid choices.
[[nodiscard]] IntervalMethod intervalMethodFromName(const std::string& name);

/// Settings of the reported interval.
struct IntervalOptions
{
    IntervalMethod method = IntervalMethod::MovingBlockBootstrap;
    int samples = 1000;     ///< bootstrap resamples (fewer on very long series, ≥ 200)
    int blockLength = 0;    ///< 0 = automatic (see BootstrapOptions::blockLength)
    std::uint64_t seed = 1; ///< same seed, same intervals
};

/// What to fit and how.
struct FitOptions
{
    /// Built-in model name (see builtinModelNames()), "formula" (uses formula) or "auto"
    /// (fitAuto). Ignored when customModel is set.
    std::string model = "linear";
    /// Any model object (takes precedence over model name).
    std::shared_ptr<const Model> customModel{};
    std::string formula{};                 ///< muParser formula for model "formula"
    std::map<std::string, double> start{}; ///< starting values overriding the model's guess
    std::map<std::string, double> fixed{}; ///< parameters held at the given value
    ModelUnits units{};                    ///< units in parameter names
    std::optional<double> windowStart{};   ///< fit only x ≥ windowStart
    std::optional<double> windowEnd{};     ///< fit only x ≤ windowEnd
    std::vector<int> excluded{};           ///< indices of input points left out
    /// Earliest allowed onset t0 as a multiple of the fitted x span before the first fitted
    /// point (default 1: t0 ≥ x_first − (x_last − x_first)); t0 is never after x_first.
    double t0SpanFactor = 1.0;
    IntervalOptions interval{};   ///< the reported interval
    BootstrapOptions bootstrap{}; ///< optional extra: full-refit percentile bootstrap
    /// Candidates of fitAuto; the verdict is decided between linear and parabolic, "power"
    /// adds the exponent as evidence.
    std::vector<std::string> autoCandidates = {"linear", "parabolic", "power"};
    int maxFunctionEvaluations = 20000; ///< Levenberg–Marquardt budget
    double tolerance = 1e-15;           ///< LM xtol and ftol
};

/// Fits one model to (x, y) by least squares: QR for linear-in-parameters models, Eigen's
/// (MINPACK) Levenberg–Marquardt with analytic Jacobians and box bounds (sin/sqrt transforms)
/// otherwise. Fills params (value, standard error and 95 % interval by options.interval, optional
/// full-refit bootstrap interval), R², RSS, AIC = n·ln(RSS/n) + 2k, BIC = n·ln(RSS/n) + k·ln(n),
/// residuals. Throws insitu::Error on mismatched sizes, too few points or non-finite data.
[[nodiscard]] FitResult fitModel(const std::vector<double>& x, const std::vector<double>& y,
                                 const FitOptions& options);

/// Fits linear, parabolic (and power) and keeps the best AIC between linear and parabolic.
/// verdict: "reaction-limited: L ∝ t", "diffusion-limited: L ∝ √t", or "undetermined: ..." when
/// ΔAIC ≤ 10 (Burnham & Anderson: > 10 is decisive). deltaAic and candidateAic are filled.
[[nodiscard]] FitResult fitAuto(const std::vector<double>& x, const std::vector<double>& y,
                                const FitOptions& options);

/// fitAuto when options.model == "auto", otherwise fitModel.
[[nodiscard]] FitResult fit(const std::vector<double>& x, const std::vector<double>& y,
                            const FitOptions& options);

/// Ratio of one parameter between two fits with a 95 % interval.
struct RateRatio
{
    double ratio = 0;   ///< a / b
    double ci95Low = 0; ///< delta method on ln(ratio) (independent fits)
    double ci95High = 0;
    std::optional<double> bootstrapCi95Low; ///< from the two bootstrap intervals, when present
    std::optional<double> bootstrapCi95High;
    std::string text; ///< "A expands 6.1× (5.2–7.0) faster than B"

    bool operator==(const RateRatio&) const = default;
};

/// Ratio of parameter `name` of fit a to that of fit b. The delta-method interval is
/// exp(ln r ± 1.96·√((sa/a)² + (sb/b)²)). Throws insitu::Error when a fit lacks the parameter
/// or b's value is zero.
[[nodiscard]] RateRatio rateRatio(const FitResult& a, const FitResult& b, const std::string& name,
                                  const std::string& labelA = "A", const std::string& labelB = "B");

} // namespace insitu
