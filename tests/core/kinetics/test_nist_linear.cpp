// NIST StRD linear regression (Norris, Pontius, NoInt1/2, Longley, Filip, Wampler1–5): certified
// parameters and standard deviations to ≥ 6 significant digits through the linear (QR) path.

#include "nist_strd.h"

#include <catch2/catch.hpp>

#include "insitu/kinetics/fit.h"

#include <cmath>

using insitu::test::logRelativeError;
using insitu::test::readNistDataset;

namespace {

struct Outcome
{
    double minParamLre = 99;
    double minSdLre = 99;
    double residualSdLre = 99;
};

/// Polynomial of `degree` (with or without intercept) in one predictor, or Longley's six
/// predictors (x = row index into the table).
Outcome fitLinear(const std::string& name)
{
    const auto data = readNistDataset(name);
    const std::size_t parameterCount = data.certified.size();
    insitu::CallableModelSpec spec;
    spec.name = name;
    spec.linearInParameters = true;
    spec.start.assign(parameterCount, 0.0);
    std::vector<double> x;
    const std::vector<double> y = data.column(0);
    const bool noIntercept = name.rfind("NoInt", 0) == 0;
    const bool longley = name == "Longley";
    for (std::size_t i = 0; i < parameterCount; ++i)
        spec.parameterNames.push_back("B" + std::to_string(noIntercept ? i + 1 : i));
    if (longley) {
        for (std::size_t i = 0; i < data.rows.size(); ++i)
            x.push_back(static_cast<double>(i));
        spec.gradient = [&data](double row, std::span<const double>, std::span<double> g) {
            const auto& r = data.rows[static_cast<std::size_t>(row)];
            g[0] = 1;
            for (std::size_t k = 1; k < 7; ++k)
                g[k] = r[k];
        };
    } else {
        x = data.column(1);
        spec.gradient = [noIntercept, parameterCount](double t, std::span<const double>,
                                                      std::span<double> g) {
            double power = noIntercept ? t : 1.0;
            for (std::size_t k = 0; k < parameterCount; ++k) {
                g[k] = power;
                power *= t;
            }
        };
    }
    const auto gradient = spec.gradient;
    const std::size_t count = parameterCount;
    spec.value = [gradient, count](double t, std::span<const double> p) {
        std::vector<double> g(count);
        gradient(t, p, g);
        double sum = 0;
        for (std::size_t k = 0; k < count; ++k)
            sum += p[k] * g[k];
        return sum;
    };
    insitu::FitOptions options;
    options.customModel = insitu::makeCallableModel(spec);
    options.interval.method = insitu::IntervalMethod::T; // certified values are the textbook SEs
    const auto fit = insitu::fitModel(x, y, options);
    Outcome outcome;
    for (std::size_t i = 0; i < parameterCount; ++i) {
        outcome.minParamLre =
            std::min(outcome.minParamLre, logRelativeError(fit.params[i].value, data.certified[i]));
        // Wampler1 and Wampler2 are exact fits: certified standard deviations are 0.
        outcome.minSdLre =
            std::min(outcome.minSdLre,
                     data.certifiedSd[i] == 0
                         ? (fit.params[i].standardError < 1e-9 ? 15.0 : 0.0)
                         : logRelativeError(fit.params[i].standardError, data.certifiedSd[i]));
    }
    outcome.residualSdLre = data.residualSd == 0
                                ? (fit.residualSd < 1e-9 ? 15.0 : 0.0)
                                : logRelativeError(fit.residualSd, data.residualSd);
    return outcome;
}

} // namespace

TEST_CASE("NIST StRD linear problems reproduce certified values", "[fit][nist]")
{
    const auto name =
        GENERATE(as<std::string>{}, "Norris", "Pontius", "NoInt1", "NoInt2", "Longley", "Filip",
                 "Wampler1", "Wampler2", "Wampler3", "Wampler4", "Wampler5");
    const auto outcome = fitLinear(name);
    INFO(name << ": parameter LRE " << outcome.minParamLre << ", standard deviation LRE "
              << outcome.minSdLre << ", residual SD LRE " << outcome.residualSdLre);
    CHECK(outcome.minParamLre >= 6);
    CHECK(outcome.minSdLre >= 6);
    CHECK(outcome.residualSdLre >= 6);
}
