// Parabolic growth L = L0 + k·√(t − t0): diffusion-limited kinetics.

#include "insitu/kinetics/models.h"

#include "model_support.h"

#include <cmath>
#include <limits>

namespace insitu {

namespace {

/// L = L0 + k·√(t − t0) for t > t0, L0 before; t0 bounded to [x_first − span, x_first].
class ParabolicModel final : public Model
{
public:
    explicit ParabolicModel(ModelUnits units) : m_units(std::move(units)) {}
    [[nodiscard]] std::string name() const override { return "parabolic"; }
    [[nodiscard]] std::vector<std::string> parameterNames() const override
    {
        return {"L0_" + m_units.length, "k_" + m_units.length + "_per_sqrt_" + m_units.time,
                "t0_" + m_units.time};
    }
    [[nodiscard]] double value(double t, std::span<const double> p) const override
    {
        const double tau = t - p[2];
        return tau > 0 ? p[0] + p[1] * std::sqrt(tau) : p[0];
    }
    void gradient(double t, std::span<const double> p, std::span<double> dfdp) const override
    {
        const double tau = t - p[2];
        dfdp[0] = 1;
        if (tau > 0) {
            const double s = std::sqrt(tau);
            dfdp[1] = s;
            dfdp[2] = -p[1] / (2 * s);
        } else {
            dfdp[1] = 0;
            dfdp[2] = 0;
        }
    }
    [[nodiscard]] std::vector<double> startValues(const std::vector<double>& x,
                                                  const std::vector<double>& y) const override
    {
        // Scan the allowed onsets and keep the best linear fit in √(t − t0).
        const auto bounds = kinetics_detail::onsetBounds(x);
        std::vector<double> best{0, 0, bounds.high};
        double bestRss = std::numeric_limits<double>::infinity();
        constexpr int steps = 40;
        for (int i = 0; i <= steps; ++i) {
            const double t0 = bounds.high - (bounds.high - bounds.low) * i / steps;
            const auto line = kinetics_detail::fitLine(
                x, y, [t0](double t) { return t > t0 ? std::sqrt(t - t0) : 0.0; });
            if (line.rss < bestRss) {
                bestRss = line.rss;
                best = {line.intercept, line.slope, t0};
            }
        }
        return best;
    }
    [[nodiscard]] std::vector<ParameterBounds>
    bounds(const std::vector<double>& x, const std::vector<double>& /*y*/) const override
    {
        return {{}, {}, kinetics_detail::onsetBounds(x)};
    }

private:
    ModelUnits m_units;
};

} // namespace

std::unique_ptr<Model> makeParabolicModel(const ModelUnits& units)
{
    return std::make_unique<ParabolicModel>(units);
}

} // namespace insitu
