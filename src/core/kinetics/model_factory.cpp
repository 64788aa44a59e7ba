// The built-in models by CLI name.

#include "insitu/kinetics/models.h"

#include "insitu/error.h"

#include <functional>
#include <map>

namespace insitu {

namespace {
using Factory = std::unique_ptr<Model> (*)(const ModelUnits&);
const std::map<std::string, Factory>& factories()
{
    static const std::map<std::string, Factory> table{
        {"linear", &makeLinearModel},
        {"parabolic", &makeParabolicModel},
        {"power", &makePowerModel},
        {"deal-grove", &makeDealGroveModel},
        {"exponential", &makeExponentialModel},
        {"area-ratio", &makeAreaRatioModel},
        {"avrami", &makeAvramiModel},
    };
    return table;
}
} // namespace

std::vector<std::string> builtinModelNames()
{
    std::vector<std::string> names;
    for (const auto& entry : factories())
        names.push_back(entry.first);
    return names;
}

std::unique_ptr<Model> makeModel(const std::string& name, const ModelUnits& units)
{
    const auto it = factories().find(name);
    if (it == factories().end()) {
        std::string choices;
        for (const auto& entry : factories())
            choices += (choices.empty() ? "" : ", ") + entry.first;
        throw Error("unknown model \"" + name + "\" (choose " + choices + ", formula or auto)");
    }
    return it->second(units);
}

} // namespace insitu
