// fitAuto: linear vs √t decided by AIC, with the power-law exponent as extra evidence.

#include "insitu/kinetics/fit.h"

#include "insitu/error.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace insitu {

namespace {
std::string format(const char* pattern, double value)
{
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, pattern, value);
    return buffer;
}
} // namespace

FitResult fitAuto(const std::vector<double>& x, const std::vector<double>& y,
                  const FitOptions& options)
{
    FitOptions candidateOptions = options;
    candidateOptions.bootstrap.samples = 0;
    candidateOptions.customModel.reset();
    // A start or fixed value must name a parameter of at least one candidate.
    std::vector<std::string> known;
    for (const auto& name : options.autoCandidates)
        for (const auto& p : makeModel(name, options.units)->parameterNames())
            if (std::find(known.begin(), known.end(), p) == known.end())
                known.push_back(p);
    for (const auto* given : {&options.start, &options.fixed})
        for (const auto& entry : *given)
            if (std::find(known.begin(), known.end(), entry.first) == known.end()) {
                std::string list;
                for (const auto& p : known)
                    list += (list.empty() ? "" : ", ") + p;
                throw Error(std::string(given == &options.start ? "start" : "fix") +
                            ": unknown parameter \"" + entry.first + "\" (parameters: " + list +
                            ")");
            }
    std::map<std::string, FitResult> fits;
    std::string firstError;
    for (const auto& name : options.autoCandidates) {
        candidateOptions.model = name;
        // Starting values and fixed values apply to the models that have those parameters.
        candidateOptions.start.clear();
        candidateOptions.fixed.clear();
        const auto names = makeModel(name, options.units)->parameterNames();
        const auto has = [&](const std::string& n) {
            return std::find(names.begin(), names.end(), n) != names.end();
        };
        for (const auto& [n, v] : options.start)
            if (has(n))
                candidateOptions.start[n] = v;
        for (const auto& [n, v] : options.fixed)
            if (has(n))
                candidateOptions.fixed[n] = v;
        try {
            fits.emplace(name, fitModel(x, y, candidateOptions));
        } catch (const Error& e) {
            if (firstError.empty())
                firstError = e.what();
        }
    }
    const auto linear = fits.find("linear");
    const auto parabolic = fits.find("parabolic");
    if (linear == fits.end() && parabolic == fits.end())
        throw Error(firstError.empty() ? "fit auto: no candidate model could be fitted"
                                       : firstError);

    std::string chosen;
    std::string verdict;
    std::optional<double> delta;
    if (linear != fits.end() && parabolic != fits.end()) {
        const double gap = linear->second.aic - parabolic->second.aic;
        delta = std::abs(gap);
        chosen = gap <= 0 ? "linear" : "parabolic";
        const std::string deltaText = format("%.1f", *delta);
        if (*delta > 10)
            verdict = gap <= 0 ? "reaction-limited: L ∝ t (ΔAIC " + deltaText + " over L ∝ √t)"
                               : "diffusion-limited: L ∝ √t (ΔAIC " + deltaText + " over L ∝ t)";
        else
            verdict = "undetermined: ΔAIC " + deltaText + " ≤ 10 between L ∝ t and L ∝ √t (" +
                      (gap <= 0 ? std::string("L ∝ t") : std::string("L ∝ √t")) +
                      " slightly better); a longer or less noisy record is needed";
    } else {
        chosen = linear != fits.end() ? "linear" : "parabolic";
        verdict = "undetermined: only the " + chosen + " model could be fitted";
    }
    if (const auto power = fits.find("power"); power != fits.end()) {
        if (const auto* n = power->second.param("n"))
            verdict += "; power law n = " + format("%.3g", n->value) + " ± " +
                       format("%.2g", n->standardError);
    }

    FitResult result = fits.at(chosen);
    if (options.bootstrap.samples > 0) {
        candidateOptions.model = chosen;
        candidateOptions.bootstrap = options.bootstrap;
        candidateOptions.start.clear();
        const auto names = makeModel(chosen, options.units)->parameterNames();
        std::map<std::string, double> fixed;
        for (const auto& [n, v] : options.fixed)
            if (std::find(names.begin(), names.end(), n) != names.end())
                fixed[n] = v;
        candidateOptions.fixed = fixed;
        for (const auto& p : fits.at(chosen).params)
            if (!p.fixed)
                candidateOptions.start[p.name] = p.value;
        result = fitModel(x, y, candidateOptions);
    }
    result.verdict = verdict;
    result.deltaAic = delta;
    for (const auto& [name, f] : fits)
        result.candidateAic[name] = f.aic;
    return result;
}

} // namespace insitu
