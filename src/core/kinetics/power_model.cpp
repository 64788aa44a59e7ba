// Power-law growth L = L0 + a·(t − t0)^n.

#include "insitu/kinetics/models.h"

#include "model_support.h"

#include <cmath>
#include <limits>

namespace insitu {

namespace {

/// L = L0 + a·(t − t0)^n for t > t0, L0 before; n in [0.05, 5], t0 bounded like parabolic.
class PowerModel final : public Model
{
public:
    explicit PowerModel(ModelUnits units) : m_units(std::move(units)) {}
    [[nodiscard]] std::string name() const override { return "power"; }
    [[nodiscard]] std::vector<std::string> parameterNames() const override
    {
        return {"L0_" + m_units.length, "a", "n", "t0_" + m_units.time};
    }
    [[nodiscard]] double value(double t, std::span<const double> p) const override
    {
        const double tau = t - p[3];
        return tau > 0 ? p[0] + p[1] * std::pow(tau, p[2]) : p[0];
    }
    void gradient(double t, std::span<const double> p, std::span<double> dfdp) const override
    {
        const double tau = t - p[3];
        dfdp[0] = 1;
        if (tau > 0) {
            const double tn = std::pow(tau, p[2]);
            dfdp[1] = tn;
            dfdp[2] = p[1] * tn * std::log(tau);
            dfdp[3] = -p[1] * p[2] * tn / tau;
        } else {
            dfdp[1] = dfdp[2] = dfdp[3] = 0;
        }
    }
    [[nodiscard]] std::vector<double> startValues(const std::vector<double>& allX,
                                                  const std::vector<double>& allY) const override
    {
        // The 126-point grid of start values needs only the curve's shape: on long series it is
        // searched on every k-th point (at most kStartPoints; LM then fits all points), so 10⁶
        // rows cost what 2·10⁴ do here.
        constexpr std::size_t kStartPoints = 20000;
        const std::size_t stride = (allX.size() + kStartPoints - 1) / kStartPoints;
        std::vector<double> thinX, thinY;
        if (stride > 1)
            for (std::size_t i = 0; i < allX.size(); i += stride) {
                thinX.push_back(allX[i]);
                thinY.push_back(allY[i]);
            }
        const std::vector<double>& x = stride > 1 ? thinX : allX;
        const std::vector<double>& y = stride > 1 ? thinY : allY;
        const auto onset = kinetics_detail::onsetBounds(allX);
        std::vector<double> best{0, 0, 1, onset.high};
        double bestRss = std::numeric_limits<double>::infinity();
        for (const double n : {0.3, 0.5, 0.7, 1.0, 1.4, 2.0}) {
            constexpr int steps = 20;
            for (int i = 0; i <= steps; ++i) {
                const double t0 = onset.high - (onset.high - onset.low) * i / steps;
                const auto line = kinetics_detail::fitLine(
                    x, y, [t0, n](double t) { return t > t0 ? std::pow(t - t0, n) : 0.0; });
                if (line.rss < bestRss) {
                    bestRss = line.rss;
                    best = {line.intercept, line.slope, n, t0};
                }
            }
        }
        return best;
    }
    [[nodiscard]] std::vector<ParameterBounds>
    bounds(const std::vector<double>& x, const std::vector<double>& /*y*/) const override
    {
        return {{}, {}, {0.05, 5.0}, kinetics_detail::onsetBounds(x)};
    }

private:
    ModelUnits m_units;
};

} // namespace

std::unique_ptr<Model> makePowerModel(const ModelUnits& units)
{
    return std::make_unique<PowerModel>(units);
}

} // namespace insitu
