// Area ratio A/A0 = 1 + (r∞ − 1)(1 − e^(−(t − t0)/τ)) for data already divided by the first area.

#include "insitu/kinetics/models.h"

#include "model_support.h"

#include <cmath>

namespace insitu {

namespace {

/// A/A0 starting at 1 at t0 and saturating at r∞ with time constant τ.
class AreaRatioModel final : public Model
{
public:
    explicit AreaRatioModel(ModelUnits units) : m_units(std::move(units)) {}
    [[nodiscard]] std::string name() const override { return "area-ratio"; }
    [[nodiscard]] std::vector<std::string> parameterNames() const override
    {
        return {"ratio_inf", "tau_" + m_units.time, "t0_" + m_units.time};
    }
    [[nodiscard]] double value(double t, std::span<const double> p) const override
    {
        return 1 + (p[0] - 1) * (1 - std::exp(-(t - p[2]) / p[1]));
    }
    void gradient(double t, std::span<const double> p, std::span<double> dfdp) const override
    {
        const double tau = t - p[2];
        const double e = std::exp(-tau / p[1]);
        dfdp[0] = 1 - e;
        dfdp[1] = -(p[0] - 1) * e * tau / (p[1] * p[1]);
        dfdp[2] = -(p[0] - 1) * e / p[1];
    }
    [[nodiscard]] std::vector<double> startValues(const std::vector<double>& x,
                                                  const std::vector<double>& y) const override
    {
        const auto span = kinetics_detail::xSpan(x);
        const double width = span.width() > 0 ? span.width() : 1.0;
        double bestRss = HUGE_VAL;
        std::vector<double> best{y.empty() ? 1 : y.back(), width / 3, span.first};
        for (int i = 0; i <= 40; ++i) {
            const double timeConstant = width * std::pow(10.0, -2.0 + 3.0 * i / 40);
            // y − 1 = (r∞ − 1)·g with g = 1 − e: slope through the origin.
            double sgg = 0;
            double sgy = 0;
            for (std::size_t k = 0; k < x.size(); ++k) {
                const double g = 1 - std::exp(-(x[k] - span.first) / timeConstant);
                sgg += g * g;
                sgy += g * (y[k] - 1);
            }
            const double amplitude = sgg > 0 ? sgy / sgg : 0;
            double rss = 0;
            for (std::size_t k = 0; k < x.size(); ++k) {
                const double g = 1 - std::exp(-(x[k] - span.first) / timeConstant);
                rss += (y[k] - 1 - amplitude * g) * (y[k] - 1 - amplitude * g);
            }
            if (rss < bestRss) {
                bestRss = rss;
                best = {1 + amplitude, timeConstant, span.first};
            }
        }
        return best;
    }
    [[nodiscard]] std::vector<ParameterBounds>
    bounds(const std::vector<double>& x, const std::vector<double>& /*y*/) const override
    {
        return {{}, {1e-300, HUGE_VAL}, kinetics_detail::onsetBounds(x)};
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

std::unique_ptr<Model> makeAreaRatioModel(const ModelUnits& units)
{
    return std::make_unique<AreaRatioModel>(units);
}

} // namespace insitu
