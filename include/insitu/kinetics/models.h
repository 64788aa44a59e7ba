#pragma once
// Factories of the built-in kinetics models (one source file per model in src/core/kinetics/).

#include "insitu/kinetics/model.h"

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace insitu {

/// Units that go into parameter names: "L0_" + lengthUnit, "v_" + lengthUnit + "_per_" + timeUnit.
struct ModelUnits
{
    std::string length = "nm"; ///< unit of y ("nm", "px", "nm2" for areas, ...)
    std::string time = "s";    ///< unit of x

    bool operator==(const ModelUnits&) const = default;
};

/// Linear growth L = L0 + v·t (reaction-limited). Parameters L0_nm, v_nm_per_s. Linear in p.
[[nodiscard]] std::unique_ptr<Model> makeLinearModel(const ModelUnits& units = {});
/// Parabolic growth L = L0 + k·√(t − t0) (diffusion-limited); L = L0 for t ≤ t0.
/// Parameters L0_nm, k_nm_per_sqrt_s, t0_s.
[[nodiscard]] std::unique_ptr<Model> makeParabolicModel(const ModelUnits& units = {});
/// Power law L = L0 + a·(t − t0)^n; L = L0 for t ≤ t0. Parameters L0_nm, a, n (0.05..5), t0_s.
[[nodiscard]] std::unique_ptr<Model> makePowerModel(const ModelUnits& units = {});
/// Deal–Grove mixed kinetics t − t0 = ΔL²/B + ΔL/(B/A), ΔL = L − L0, fitted as a proper
/// least-squares problem in L via the positive root ΔL(t) = 2Bτ/(A + √(A² + 4Bτ)), A = B/(B/A).
/// Parameters L0_nm, B_nm2_per_s, BA_nm_per_s (= B/A, the linear rate), t0_s.
[[nodiscard]] std::unique_ptr<Model> makeDealGroveModel(const ModelUnits& units = {});
/// Saturating exponential A = A∞ − (A∞ − A0)·e^(−(t − t0)/τ). Parameters A0_<u>, Ainf_<u>, tau_s,
/// t0_s (t0 is degenerate with A0, so it defaults to fixed at the first fitted x).
[[nodiscard]] std::unique_ptr<Model> makeExponentialModel(const ModelUnits& units = {});
/// Area ratio A/A0 (y already divided by the initial area): r = 1 + (r∞ − 1)(1 − e^(−(t − t0)/τ)).
/// Parameters ratio_inf, tau_s, t0_s (t0 defaults to fixed at the first fitted x).
[[nodiscard]] std::unique_ptr<Model> makeAreaRatioModel(const ModelUnits& units = {});
/// Avrami / JMAK area ratio r = 1 + (r∞ − 1)(1 − e^(−((t − t0)/τ)^n)), r = 1 before t0.
/// Parameters ratio_inf, tau_s, n (0.3..6), t0_s (free, within the data span).
[[nodiscard]] std::unique_ptr<Model> makeAvramiModel(const ModelUnits& units = {});
/// A user formula in muParser syntax, in the variable t (or x), e.g. "a*(1-exp(-b*t))".
/// Every other variable is a parameter; parameterNames lists them sorted. Numeric Jacobian.
/// Throws insitu::Error on a syntax error. Not thread-safe (one parser per model).
[[nodiscard]] std::unique_ptr<Model> makeFormulaModel(const std::string& formula);

/// A model given by callables (used by the NIST tests and by code that builds models in place).
struct CallableModelSpec
{
    std::string name = "callable";
    std::vector<std::string> parameterNames;
    std::function<double(double x, std::span<const double> p)> value;
    /// Optional analytic gradient; numeric central differences when empty.
    std::function<void(double x, std::span<const double> p, std::span<double> dfdp)> gradient;
    std::vector<double> start;           ///< starting values (required)
    std::vector<ParameterBounds> bounds; ///< empty: unbounded
    bool linearInParameters = false;     ///< f = Σ p_i·g_i(x): solved by QR, gradient = g_i(x)
};
[[nodiscard]] std::unique_ptr<Model> makeCallableModel(CallableModelSpec spec);

/// A built-in model by CLI name: linear, parabolic, power, deal-grove, exponential, area-ratio,
/// avrami.
/// Throws insitu::Error naming the valid choices for an unknown name.
[[nodiscard]] std::unique_ptr<Model> makeModel(const std::string& name,
                                               const ModelUnits& units = {});
/// The names makeModel accepts.
[[nodiscard]] std::vector<std::string> builtinModelNames();

} // namespace insitu
