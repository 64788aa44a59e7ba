// A model given by std::function callables (NIST tests, ad-hoc models).

#include "insitu/kinetics/models.h"

#include "insitu/error.h"

namespace insitu {

namespace {

/// Adapts a CallableModelSpec to the Model interface.
class CallableModel final : public Model
{
public:
    explicit CallableModel(CallableModelSpec spec) : m_spec(std::move(spec))
    {
        if (!m_spec.value)
            throw Error("callable model " + m_spec.name + ": no value function");
        if (m_spec.start.size() != m_spec.parameterNames.size())
            throw Error("callable model " + m_spec.name + ": start values do not match parameters");
        if (!m_spec.bounds.empty() && m_spec.bounds.size() != m_spec.parameterNames.size())
            throw Error("callable model " + m_spec.name + ": bounds do not match parameters");
    }
    [[nodiscard]] std::string name() const override { return m_spec.name; }
    [[nodiscard]] std::vector<std::string> parameterNames() const override
    {
        return m_spec.parameterNames;
    }
    [[nodiscard]] double value(double x, std::span<const double> p) const override
    {
        return m_spec.value(x, p);
    }
    void gradient(double x, std::span<const double> p, std::span<double> dfdp) const override
    {
        if (m_spec.gradient)
            m_spec.gradient(x, p, dfdp);
        else
            numericGradient(*this, x, p, dfdp);
    }
    [[nodiscard]] std::vector<double> startValues(const std::vector<double>& /*x*/,
                                                  const std::vector<double>& /*y*/) const override
    {
        return m_spec.start;
    }
    [[nodiscard]] std::vector<ParameterBounds>
    bounds(const std::vector<double>& /*x*/, const std::vector<double>& /*y*/) const override
    {
        return m_spec.bounds.empty() ? std::vector<ParameterBounds>(m_spec.parameterNames.size())
                                     : m_spec.bounds;
    }
    [[nodiscard]] bool isLinearInParameters() const override { return m_spec.linearInParameters; }

private:
    CallableModelSpec m_spec;
};

} // namespace

std::unique_ptr<Model> makeCallableModel(CallableModelSpec spec)
{
    return std::make_unique<CallableModel>(std::move(spec));
}

} // namespace insitu
