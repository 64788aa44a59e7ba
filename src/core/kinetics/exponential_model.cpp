// Saturating exponential A = A∞ − (A∞ − A0)·e^(−(t − t0)/τ), e.g. the area of an expanding
// particle.

#include "insitu/kinetics/models.h"

#include "model_support.h"

#include <cmath>

namespace insitu {

namespace {

/// A∞ − (A∞ − A0)·e^(−(t − t0)/τ); t0 is fixed at the first fitted x by default.
class ExponentialModel final : public Model
{
public:
    explicit ExponentialModel(ModelUnits units) : m_units(std::move(units)) {}
    [[nodiscard]] std::string name() const override { return "exponential"; }
    [[nodiscard]] std::vector<std::string> parameterNames() const override
    {
        return {"A0_" + m_units.length, "Ainf_" + m_units.length, "tau_" + m_units.time,
                "t0_" + m_units.time};
    }
    [[nodiscard]] double value(double t, std::span<const double> p) const override
    {
        return p[1] - (p[1] - p[0]) * std::exp(-(t - p[3]) / p[2]);
    }
    void gradient(double t, std::span<const double> p, std::span<double> dfdp) const override
    {
        const double tau = t - p[3];
        const double e = std::exp(-tau / p[2]);
        const double amplitude = p[1] - p[0];
        dfdp[0] = e;
        dfdp[1] = 1 - e;
        dfdp[2] = -amplitude * e * tau / (p[2] * p[2]);
        dfdp[3] = -amplitude * e / p[2];
    }
    [[nodiscard]] std::vector<double> startValues(const std::vector<double>& x,
                                                  const std::vector<double>& y) const override
    {
        const auto span = kinetics_detail::xSpan(x);
        const double width = span.width() > 0 ? span.width() : 1.0;
        // Scan τ; for each, A0 and A∞ follow from a linear fit in e^(−τ'/τ).
        double bestRss = HUGE_VAL;
        std::vector<double> best{y.empty() ? 0 : y.front(), y.empty() ? 0 : y.back(), width / 3,
                                 span.first};
        for (int i = 0; i <= 40; ++i) {
            const double timeConstant = width * std::pow(10.0, -2.0 + 3.0 * i / 40);
            const auto line = kinetics_detail::fitLine(
                x, y, [&](double t) { return std::exp(-(t - span.first) / timeConstant); });
            if (line.rss < bestRss) {
                bestRss = line.rss;
                // y = c0 + c1·e → A∞ = c0, A0 = c0 + c1.
                best = {line.intercept + line.slope, line.intercept, timeConstant, span.first};
            }
        }
        return best;
    }
    [[nodiscard]] std::vector<ParameterBounds>
    bounds(const std::vector<double>& x, const std::vector<double>& /*y*/) const override
    {
        return {{}, {}, {1e-300, HUGE_VAL}, kinetics_detail::onsetBounds(x)};
    }
    [[nodiscard]] std::map<std::string, double>
    defaultFixed(const std::vector<double>& x, const std::vector<double>& /*y*/) const override
    {
        return {{"t0_" + m_units.time, kinetics_detail::xSpan(x).first}};
    }

private:
    ModelUnits m_units;
};

} // namespace

std::unique_ptr<Model> makeExponentialModel(const ModelUnits& units)
{
    return std::make_unique<ExponentialModel>(units);
}

} // namespace insitu
