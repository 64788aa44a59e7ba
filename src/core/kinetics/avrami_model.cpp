// Avrami / JMAK area ratio A/A0 = 1 + (r∞ − 1)(1 − e^(−((t − t0)/τ)^n)), A/A0 = 1 before t0.

#include "insitu/kinetics/models.h"

#include "model_support.h"

#include <algorithm>
#include <cmath>

namespace insitu {

namespace {

/// Sigmoidal transformation kinetics of the area ratio with onset t0 and exponent n.
class AvramiModel final : public Model
{
public:
    explicit AvramiModel(ModelUnits units) : m_units(std::move(units)) {}
    [[nodiscard]] std::string name() const override { return "avrami"; }
    [[nodiscard]] std::vector<std::string> parameterNames() const override
    {
        return {"ratio_inf", "tau_" + m_units.time, "n", "t0_" + m_units.time};
    }
    [[nodiscard]] double value(double t, std::span<const double> p) const override
    {
        const double u = std::max(0.0, t - p[3]) / p[1];
        return 1 + (p[0] - 1) * (1 - std::exp(-std::pow(u, p[2])));
    }
    [[nodiscard]] std::vector<double> startValues(const std::vector<double>& x,
                                                  const std::vector<double>& y) const override
    {
        const auto span = kinetics_detail::xSpan(x);
        const double width = span.width() > 0 ? span.width() : 1.0;
        const double last = y.empty() ? 1 : y.back();
        // Onset: first point 10 % of the way to the last value; τ: 63 % of the way.
        double onset = span.first, t63 = span.first + width / 3;
        bool onsetFound = false;
        for (std::size_t k = 0; k < x.size(); ++k) {
            const double f = (y[k] - 1) / (last - 1 == 0 ? 1 : last - 1);
            if (!onsetFound && f > 0.1) {
                onset = x[k];
                onsetFound = true;
            }
            if (f > 0.63) {
                t63 = x[k];
                break;
            }
        }
        return {last, std::max(width / 100, t63 - onset), 1.5, onset - 0.02 * width};
    }
    [[nodiscard]] std::vector<ParameterBounds>
    bounds(const std::vector<double>& x, const std::vector<double>& /*y*/) const override
    {
        const auto span = kinetics_detail::xSpan(x);
        return {{}, {1e-300, HUGE_VAL}, {0.3, 6}, {span.first - span.width(), span.last}};
    }

private:
    ModelUnits m_units;
};

} // namespace

std::unique_ptr<Model> makeAvramiModel(const ModelUnits& units)
{
    return std::make_unique<AvramiModel>(units);
}

} // namespace insitu
