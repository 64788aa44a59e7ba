// JSON form of FitResult (architecture.md `fit` object) and RateRatio.

#include "insitu/kinetics/fit_json.h"

#include <cmath>

namespace insitu {

namespace {
nlohmann::json number(double value)
{
    return std::isfinite(value) ? nlohmann::json(value) : nlohmann::json(nullptr);
}
nlohmann::json optionalNumber(const std::optional<double>& value)
{
    return value ? number(*value) : nlohmann::json(nullptr);
}
std::optional<double> readOptional(const nlohmann::json& json)
{
    if (json.is_number())
        return json.get<double>();
    return std::nullopt;
}
double readNumber(const nlohmann::json& object, const char* key)
{
    const auto it = object.find(key);
    return (it != object.end() && it->is_number()) ? it->get<double>()
                                                   : std::numeric_limits<double>::quiet_NaN();
}
} // namespace

nlohmann::json fitToJson(const FitResult& fit)
{
    nlohmann::json params = nlohmann::json::object();
    nlohmann::json stderrs = nlohmann::json::object();
    nlohmann::json ci = nlohmann::json::object();
    nlohmann::json bootstrap = nlohmann::json::object();
    nlohmann::json bootstrapStderr = nlohmann::json::object();
    nlohmann::json fixed = nlohmann::json::array();
    nlohmann::json atBound = nlohmann::json::array();
    nlohmann::json order = nlohmann::json::array();
    for (const auto& p : fit.params) {
        order.push_back(p.name);
        params[p.name] = number(p.value);
        stderrs[p.name] = number(p.standardError);
        ci[p.name] = {number(p.ci95Low), number(p.ci95High)};
        if (p.bootstrapCi95Low && p.bootstrapCi95High)
            bootstrap[p.name] = {number(*p.bootstrapCi95Low), number(*p.bootstrapCi95High)};
        if (p.bootstrapStandardError)
            bootstrapStderr[p.name] = number(*p.bootstrapStandardError);
        if (p.fixed)
            fixed.push_back(p.name);
        if (p.atBound)
            atBound.push_back(p.name);
    }
    nlohmann::json json{
        {"model", fit.model},
        {"params", params},
        {"stderr", stderrs},
        {"ci95", ci},
        {"ci_method", fit.ciMethod},
        {"ci_block_length", fit.ciBlockLength},
        {"ci_effective_samples", number(fit.ciEffectiveSamples)},
        {"param_order", order},
        {"fixed", fixed},
        {"at_bound", atBound},
        {"r2", number(fit.r2)},
        {"aic", number(fit.aic)},
        {"bic", number(fit.bic)},
        {"rss", number(fit.rss)},
        {"n", fit.pointCount},
        {"dof", fit.degreesOfFreedom},
        {"residual_sd", number(fit.residualSd)},
        {"converged", fit.converged},
        {"iterations", fit.iterations},
        {"x_unit", fit.xUnit},
        {"y_unit", fit.yUnit},
        {"window",
         (fit.windowStart || fit.windowEnd)
             ? nlohmann::json{optionalNumber(fit.windowStart), optionalNumber(fit.windowEnd)}
             : nlohmann::json(nullptr)},
        {"excluded", fit.excluded},
        {"x", nlohmann::json::array()},
        {"residuals", nlohmann::json::array()},
    };
    for (const double v : fit.x)
        json["x"].push_back(number(v));
    for (const double v : fit.residuals)
        json["residuals"].push_back(number(v));
    if (!fit.formula.empty())
        json["formula"] = fit.formula;
    if (!fit.verdict.empty())
        json["verdict"] = fit.verdict;
    if (fit.deltaAic)
        json["delta_aic"] = number(*fit.deltaAic);
    if (!fit.candidateAic.empty()) {
        json["candidate_aic"] = nlohmann::json::object();
        for (const auto& [name, aic] : fit.candidateAic)
            json["candidate_aic"][name] = number(aic);
    }
    if (fit.bootstrapSamples > 0) {
        json["bootstrap_ci95"] = bootstrap;
        json["bootstrap_stderr"] = bootstrapStderr;
        json["bootstrap"] = {{"samples", fit.bootstrapSamples},
                             {"block_length", fit.bootstrapBlockLength},
                             {"seed", fit.bootstrapSeed}};
    }
    return json;
}

FitResult fitFromJson(const nlohmann::json& json)
{
    FitResult fit;
    fit.model = json.value("model", std::string());
    fit.formula = json.value("formula", std::string());
    std::vector<std::string> order;
    if (json.contains("param_order"))
        order = json.at("param_order").get<std::vector<std::string>>();
    else if (json.contains("params"))
        for (const auto& item : json.at("params").items())
            order.push_back(item.key());
    const auto empty = nlohmann::json::object();
    const auto& params = json.contains("params") ? json.at("params") : empty;
    const auto& stderrs = json.contains("stderr") ? json.at("stderr") : empty;
    const auto& ci = json.contains("ci95") ? json.at("ci95") : empty;
    const auto& boot = json.contains("bootstrap_ci95") ? json.at("bootstrap_ci95") : empty;
    const auto& bootSe = json.contains("bootstrap_stderr") ? json.at("bootstrap_stderr") : empty;
    const auto listed = [&](const char* key, const std::string& name) {
        if (!json.contains(key))
            return false;
        for (const auto& item : json.at(key))
            if (item == name)
                return true;
        return false;
    };
    for (const auto& name : order) {
        FitParameter p;
        p.name = name;
        p.value = readNumber(params, name.c_str());
        p.standardError = readNumber(stderrs, name.c_str());
        if (ci.contains(name) && ci.at(name).size() == 2) {
            p.ci95Low = readOptional(ci.at(name)[0]).value_or(std::nan(""));
            p.ci95High = readOptional(ci.at(name)[1]).value_or(std::nan(""));
        }
        if (boot.contains(name) && boot.at(name).size() == 2) {
            p.bootstrapCi95Low = readOptional(boot.at(name)[0]);
            p.bootstrapCi95High = readOptional(boot.at(name)[1]);
        }
        if (bootSe.contains(name))
            p.bootstrapStandardError = readOptional(bootSe.at(name));
        p.fixed = listed("fixed", name);
        p.atBound = listed("at_bound", name);
        fit.params.push_back(p);
    }
    fit.ciMethod = json.value("ci_method", std::string());
    fit.ciBlockLength = json.value("ci_block_length", 0);
    fit.ciEffectiveSamples =
        readOptional(json.value("ci_effective_samples", nlohmann::json())).value_or(0);
    fit.r2 = readNumber(json, "r2");
    fit.aic = readNumber(json, "aic");
    fit.bic = readNumber(json, "bic");
    fit.rss = readNumber(json, "rss");
    fit.pointCount = json.value("n", 0);
    fit.degreesOfFreedom = json.value("dof", 0);
    fit.residualSd = readNumber(json, "residual_sd");
    fit.converged = json.value("converged", true);
    fit.iterations = json.value("iterations", 0);
    fit.xUnit = json.value("x_unit", std::string());
    fit.yUnit = json.value("y_unit", std::string());
    if (json.contains("window") && json.at("window").is_array() && json.at("window").size() == 2) {
        fit.windowStart = readOptional(json.at("window")[0]);
        fit.windowEnd = readOptional(json.at("window")[1]);
    }
    if (json.contains("excluded"))
        fit.excluded = json.at("excluded").get<std::vector<int>>();
    if (json.contains("x"))
        for (const auto& v : json.at("x"))
            fit.x.push_back(readOptional(v).value_or(std::nan("")));
    if (json.contains("residuals"))
        for (const auto& v : json.at("residuals"))
            fit.residuals.push_back(readOptional(v).value_or(std::nan("")));
    fit.verdict = json.value("verdict", std::string());
    if (json.contains("delta_aic"))
        fit.deltaAic = readOptional(json.at("delta_aic"));
    if (json.contains("candidate_aic"))
        for (const auto& item : json.at("candidate_aic").items())
            fit.candidateAic[item.key()] = readOptional(item.value()).value_or(std::nan(""));
    if (json.contains("bootstrap")) {
        const auto& b = json.at("bootstrap");
        fit.bootstrapSamples = b.value("samples", 0);
        fit.bootstrapBlockLength = b.value("block_length", 0);
        fit.bootstrapSeed = b.value("seed", std::uint64_t{0});
    }
    return fit;
}

nlohmann::json rateRatioToJson(const RateRatio& ratio)
{
    nlohmann::json json{{"ratio", number(ratio.ratio)},
                        {"ci95", {number(ratio.ci95Low), number(ratio.ci95High)}},
                        {"text", ratio.text}};
    json["bootstrap_ci95"] =
        (ratio.bootstrapCi95Low && ratio.bootstrapCi95High)
            ? nlohmann::json{number(*ratio.bootstrapCi95Low), number(*ratio.bootstrapCi95High)}
            : nlohmann::json(nullptr);
    return json;
}

} // namespace insitu
