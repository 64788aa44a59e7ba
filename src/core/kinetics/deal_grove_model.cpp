// Deal–Grove mixed kinetics: t − t0 = ΔL²/B + ΔL/(B/A), reaction-limited early, diffusion late.

#include "insitu/kinetics/models.h"

#include "model_support.h"

#include <algorithm>
#include <cmath>

namespace insitu {

namespace {

/// ΔL(τ) = 2Bτ/(A + √(A² + 4Bτ)) with A = B/(B/A): the positive root of ΔL² + A·ΔL = B·τ,
/// written without cancellation so that the fit is a plain least-squares problem in L.
class DealGroveModel final : public Model
{
public:
    explicit DealGroveModel(ModelUnits units) : m_units(std::move(units)) {}
    [[nodiscard]] std::string name() const override { return "deal-grove"; }
    [[nodiscard]] std::vector<std::string> parameterNames() const override
    {
        const auto& u = m_units;
        return {"L0_" + u.length, "B_" + u.length + "2_per_" + u.time,
                "BA_" + u.length + "_per_" + u.time, "t0_" + u.time};
    }
    [[nodiscard]] double value(double t, std::span<const double> p) const override
    {
        const double tau = t - p[3];
        if (tau <= 0)
            return p[0];
        const double b = p[1];
        const double a = b / p[2];
        return p[0] + 2 * b * tau / (a + std::sqrt(a * a + 4 * b * tau));
    }
    void gradient(double t, std::span<const double> p, std::span<double> dfdp) const override
    {
        const double tau = t - p[3];
        dfdp[0] = 1;
        if (tau <= 0) {
            dfdp[1] = dfdp[2] = dfdp[3] = 0;
            return;
        }
        const double b = p[1];
        const double ba = p[2];
        const double a = b / ba;
        const double d = std::sqrt(a * a + 4 * b * tau);
        // ∂ΔL/∂A = (A/D − 1)/2 = −2Bτ/(D(A + D)), cancellation-free.
        const double dA = -2 * b * tau / (d * (a + d));
        dfdp[1] = tau / d + dA / ba;
        dfdp[2] = dA * (-b / (ba * ba));
        dfdp[3] = -b / d;
    }
    [[nodiscard]] std::vector<double> startValues(const std::vector<double>& x,
                                                  const std::vector<double>& y) const override
    {
        const auto span = kinetics_detail::xSpan(x);
        const auto line = kinetics_detail::fitLine(x, y, [](double t) { return t; });
        const auto [lo, hi] = std::minmax_element(y.begin(), y.end());
        const double rise = std::max(*hi - *lo, 1e-12);
        const double ba = std::max(std::abs(line.slope), rise / std::max(span.width(), 1e-12));
        // Crossover length A ≈ the observed rise: both regimes visible.
        return {line.intercept + line.slope * span.first, ba * rise, ba, span.first};
    }
    [[nodiscard]] std::vector<ParameterBounds>
    bounds(const std::vector<double>& x, const std::vector<double>& /*y*/) const override
    {
        constexpr double tiny = 1e-300;
        return {{}, {tiny, HUGE_VAL}, {tiny, HUGE_VAL}, kinetics_detail::onsetBounds(x)};
    }

private:
    ModelUnits m_units;
};

} // namespace

std::unique_ptr<Model> makeDealGroveModel(const ModelUnits& units)
{
    return std::make_unique<DealGroveModel>(units);
}

} // namespace insitu
