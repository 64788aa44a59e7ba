#pragma once
// Model: the interface every kinetics (or any least-squares) model implements.

#include <limits>
#include <map>
#include <span>
#include <string>
#include <vector>

namespace insitu {

/// Box bounds of one parameter; infinite when unbounded.
struct ParameterBounds
{
    double low = -std::numeric_limits<double>::infinity();
    double high = std::numeric_limits<double>::infinity();

    bool operator==(const ParameterBounds&) const = default;
};

/// A model y = f(x; p) with named parameters, an analytic (or numeric) Jacobian, starting values
/// guessed from the data and box bounds. Adding a model means one small file implementing this.
class Model
{
public:
    virtual ~Model() = default;

    /// Model name as used by the CLI and in FitResult::model ("linear", "parabolic", ...).
    [[nodiscard]] virtual std::string name() const = 0;
    /// User formula for formula models, else empty.
    [[nodiscard]] virtual std::string formula() const { return {}; }
    /// Parameter names, e.g. {"L0_nm", "v_nm_per_s"}; their order is the order of p.
    [[nodiscard]] virtual std::vector<std::string> parameterNames() const = 0;
    /// Model value at x for parameters p.
    [[nodiscard]] virtual double value(double x, std::span<const double> p) const = 0;
    /// ∂f/∂p at x into dfdp (size = parameter count). Default: central differences.
    virtual void gradient(double x, std::span<const double> p, std::span<double> dfdp) const;
    /// Starting values guessed from the fitted data (x ascending not required).
    [[nodiscard]] virtual std::vector<double> startValues(const std::vector<double>& x,
                                                          const std::vector<double>& y) const = 0;
    /// Bounds for the fitted data; default: all unbounded.
    [[nodiscard]] virtual std::vector<ParameterBounds> bounds(const std::vector<double>& x,
                                                              const std::vector<double>& y) const;
    /// Parameters held fixed unless the user frees them (e.g. t0 of the exponential, which is
    /// degenerate with A0): name → value for the fitted data. Default: none.
    [[nodiscard]] virtual std::map<std::string, double>
    defaultFixed(const std::vector<double>& /*x*/, const std::vector<double>& /*y*/) const
    {
        return {};
    }
    /// True when f is linear in p (then fitted by one QR solve, no iterations).
    [[nodiscard]] virtual bool isLinearInParameters() const { return false; }

    [[nodiscard]] std::size_t parameterCount() const { return parameterNames().size(); }
};

/// Central-difference ∂f/∂p of any model (step ∝ cbrt(eps)·max(|p|, 1)).
void numericGradient(const Model& model, double x, std::span<const double> p,
                     std::span<double> dfdp);

} // namespace insitu
