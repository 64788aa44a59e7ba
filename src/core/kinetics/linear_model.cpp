// Linear growth L = L0 + v·t: reaction (interface) limited kinetics.

#include "insitu/kinetics/models.h"

#include "model_support.h"

namespace insitu {

namespace {

/// L = L0 + v·t, linear in its parameters.
class LinearModel final : public Model
{
public:
    explicit LinearModel(ModelUnits units) : m_units(std::move(units)) {}
    [[nodiscard]] std::string name() const override { return "linear"; }
    [[nodiscard]] std::vector<std::string> parameterNames() const override
    {
        return {"L0_" + m_units.length, "v_" + m_units.length + "_per_" + m_units.time};
    }
    [[nodiscard]] double value(double t, std::span<const double> p) const override
    {
        return p[0] + p[1] * t;
    }
    void gradient(double t, std::span<const double> /*p*/, std::span<double> dfdp) const override
    {
        dfdp[0] = 1;
        dfdp[1] = t;
    }
    [[nodiscard]] std::vector<double> startValues(const std::vector<double>& x,
                                                  const std::vector<double>& y) const override
    {
        const auto line = kinetics_detail::fitLine(x, y, [](double t) { return t; });
        return {line.intercept, line.slope};
    }
    [[nodiscard]] bool isLinearInParameters() const override { return true; }

private:
    ModelUnits m_units;
};

} // namespace

std::unique_ptr<Model> makeLinearModel(const ModelUnits& units)
{
    return std::make_unique<LinearModel>(units);
}

} // namespace insitu
