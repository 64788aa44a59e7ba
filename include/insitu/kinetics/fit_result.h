#pragma once
// FitResult: a fitted kinetics model with its uncertainties and the evidence for its choice.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace insitu {

/// One fitted parameter with its uncertainty.
struct FitParameter
{
    std::string name; ///< fixed names, e.g. "L0_nm", "v_nm_per_s" (architecture.md)
    double value = 0;
    double standardError = 0; ///< standard error of the reported interval (see FitResult::ciMethod)
    double ci95Low = 0;       ///< reported 95 % confidence interval (method: FitResult::ciMethod)
    double ci95High = 0;
    std::optional<double> bootstrapCi95Low; ///< moving-block bootstrap interval, when computed
    std::optional<double> bootstrapCi95High;
    std::optional<double> bootstrapStandardError; ///< SD of the bootstrap estimates
    bool fixed = false;   ///< held fixed by the user (standard error and CI are 0)
    bool atBound = false; ///< ended on a box bound (its standard error is then unreliable)

    bool operator==(const FitParameter&) const = default;
};

/// A least-squares fit of one model to (x, y) data.
struct FitResult
{
    std::string model;   ///< "linear", "parabolic", "power", "deal-grove", ...
    std::string formula; ///< user formula for model "formula", else empty
    std::vector<FitParameter> params;
    double r2 = 0;
    double aic = 0;
    double bic = 0;
    double rss = 0; ///< residual sum of squares
    int pointCount = 0;
    std::vector<double> x;             ///< the points fitted (after window and exclusions)
    std::vector<double> residuals;     ///< y − model, per fitted point
    std::optional<double> windowStart; ///< fit window in x units, when set
    std::optional<double> windowEnd;
    std::vector<int> excluded;      ///< indices of excluded input points
    std::string verdict;            ///< e.g. "reaction-limited: L ∝ t" (auto choice only)
    std::optional<double> deltaAic; ///< AIC gap to the next-best model (auto choice only)
    std::map<std::string, double> candidateAic; ///< AIC of every model tried (auto choice only)
    std::string xUnit;                          ///< unit of x ("s"), as used in the parameter names
    std::string yUnit;                          ///< unit of y ("nm", "px", ...)
    int degreesOfFreedom = 0;                   ///< pointCount − free parameters
    double residualSd = 0;                      ///< s = √(RSS / dof)
    bool converged = true;           ///< false when the optimiser hit its budget or failed
    int iterations = 0;              ///< function evaluations used (0 for linear solves)
    int bootstrapSamples = 0;        ///< bootstrap refits done (0 = none)
    int bootstrapBlockLength = 0;    ///< block length used by the moving-block bootstrap
    std::uint64_t bootstrapSeed = 0; ///< seed of the bootstrap
    /// What ci95Low/High and standardError of every parameter are: "moving-block-bootstrap"
    /// (residual-block bootstrap, robust to correlated residuals), "t" (s·√diag((JᵀJ)⁻¹) and
    /// Student's t, independent residuals), "" = "t" in results made before the field existed.
    std::string ciMethod;
    int ciBlockLength = 0; ///< block length of the moving-block bootstrap (0 = none)
    /// Independent points the data are worth for the interval (n / variance inflation), the
    /// smallest over the free parameters; 0 when not computed.
    double ciEffectiveSamples = 0;

    [[nodiscard]] const FitParameter* param(const std::string& name) const
    {
        for (const auto& p : params)
            if (p.name == name)
                return &p;
        return nullptr;
    }
    bool operator==(const FitResult&) const = default;
};

} // namespace insitu
