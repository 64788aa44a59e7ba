// A model typed by the user, parsed with muParser (libmuparser-dev); numeric Jacobian.

#include "insitu/kinetics/models.h"

#include "insitu/error.h"

#include <muParser.h>

#include <deque>

namespace insitu {

namespace {

/// y = formula(t; parameters); every variable other than t and x is a parameter.
class FormulaModel final : public Model
{
public:
    explicit FormulaModel(const std::string& formula) : m_formula(formula)
    {
        try {
            m_parser.DefineVar("t", &m_t);
            m_parser.DefineVar("x", &m_t);
            m_parser.SetVarFactory(&FormulaModel::createVariable, this);
            m_parser.SetExpr(formula);
            (void)m_parser.Eval(); // parses now, so syntax errors surface here
            for (const auto& [variable, storage] : m_parser.GetUsedVar()) {
                if (variable == "t" || variable == "x")
                    continue;
                m_names.push_back(variable);
                m_slots.push_back(storage);
            }
        } catch (const mu::Parser::exception_type& e) {
            throw Error("formula \"" + formula + "\": " + e.GetMsg());
        }
        if (m_names.empty())
            throw Error("formula \"" + formula + "\": has no parameters to fit");
    }
    FormulaModel(const FormulaModel&) = delete;
    FormulaModel& operator=(const FormulaModel&) = delete;

    [[nodiscard]] std::string name() const override { return "formula"; }
    [[nodiscard]] std::string formula() const override { return m_formula; }
    [[nodiscard]] std::vector<std::string> parameterNames() const override { return m_names; }
    [[nodiscard]] double value(double t, std::span<const double> p) const override
    {
        m_t = t;
        for (std::size_t i = 0; i < m_slots.size(); ++i)
            *m_slots[i] = p[i];
        try {
            return m_parser.Eval();
        } catch (const mu::Parser::exception_type& e) {
            throw Error("formula \"" + m_formula + "\": " + e.GetMsg());
        }
    }
    [[nodiscard]] std::vector<double> startValues(const std::vector<double>& /*x*/,
                                                  const std::vector<double>& /*y*/) const override
    {
        return std::vector<double>(m_names.size(), 1.0); // the user gives real ones via start
    }

private:
    static double* createVariable(const char* /*name*/, void* self)
    {
        auto* model = static_cast<FormulaModel*>(self);
        model->m_storage.push_back(0.0);
        return &model->m_storage.back(); // deque: addresses stay valid
    }

    std::string m_formula;
    mutable mu::Parser m_parser;
    mutable double m_t = 0;
    std::deque<double> m_storage;
    std::vector<std::string> m_names;
    std::vector<double*> m_slots;
};

} // namespace

std::unique_ptr<Model> makeFormulaModel(const std::string& formula)
{
    return std::make_unique<FormulaModel>(formula);
}

} // namespace insitu
