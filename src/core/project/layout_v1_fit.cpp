// Layout v1: a kinetics fit as an HDF5 group (docs/project-file.md).

#include "layout_v1_parts.h"

#include "insitu/error.h"
#include "insitu/json_text.h"

#include <cmath>
#include <limits>

namespace insitu::layout::v1 {

using h5::Handle;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::vector<double> optionalColumn(const std::vector<FitParameter>& params,
                                   std::optional<double> FitParameter::*member)
{
    std::vector<double> column;
    for (const auto& p : params)
        column.push_back((p.*member).value_or(kNaN));
    return column;
}

} // namespace

void writeFit(hid_t parent, const std::string& name, const FitResult& fit)
{
    Handle group = h5::createGroup(parent, name);
    const hid_t g = group.id();
    h5::writeAttribute(g, "model", fit.model);
    h5::writeAttribute(g, "formula", fit.formula);
    h5::writeAttribute(g, "r2", fit.r2);
    h5::writeAttribute(g, "aic", fit.aic);
    h5::writeAttribute(g, "bic", fit.bic);
    h5::writeAttribute(g, "rss", fit.rss);
    writeInt(g, "point_count", fit.pointCount);
    h5::writeOptionalAttribute(g, "window_start", fit.windowStart);
    h5::writeOptionalAttribute(g, "window_end", fit.windowEnd);
    h5::writeAttribute(g, "verdict", fit.verdict);
    h5::writeOptionalAttribute(g, "delta_aic", fit.deltaAic);
    h5::writeAttribute(g, "candidate_aic", dumpJson(nlohmann::json(fit.candidateAic)));
    h5::writeAttribute(g, "x_unit", fit.xUnit);
    h5::writeAttribute(g, "y_unit", fit.yUnit);
    writeInt(g, "degrees_of_freedom", fit.degreesOfFreedom);
    h5::writeAttribute(g, "residual_sd", fit.residualSd);
    writeBool(g, "converged", fit.converged);
    writeInt(g, "iterations", fit.iterations);
    writeInt(g, "bootstrap_samples", fit.bootstrapSamples);
    writeInt(g, "bootstrap_block_length", fit.bootstrapBlockLength);
    h5::writeAttribute(g, "bootstrap_seed", fit.bootstrapSeed);
    h5::writeAttribute(g, "ci_method", fit.ciMethod);
    writeInt(g, "ci_block_length", fit.ciBlockLength);
    h5::writeAttribute(g, "ci_effective_samples", fit.ciEffectiveSamples);
    h5::writeDataset(g, "x", fit.x, fit.xUnit);
    h5::writeDataset(g, "residuals", fit.residuals, fit.yUnit);
    h5::writeDataset(g, "excluded",
                     std::vector<std::int32_t>(fit.excluded.begin(), fit.excluded.end()), "");

    Handle params = h5::createGroup(g, "params");
    std::vector<std::string> names;
    std::vector<double> value, stderrs, low, high;
    std::vector<std::uint8_t> fixed, atBound;
    for (const auto& p : fit.params) {
        names.push_back(p.name);
        value.push_back(p.value);
        stderrs.push_back(p.standardError);
        low.push_back(p.ci95Low);
        high.push_back(p.ci95High);
        fixed.push_back(p.fixed ? 1 : 0);
        atBound.push_back(p.atBound ? 1 : 0);
    }
    h5::writeDataset(params.id(), "name", names);
    h5::writeDataset(params.id(), "value", value, "");
    h5::writeDataset(params.id(), "standard_error", stderrs, "");
    h5::writeDataset(params.id(), "ci95_low", low, "");
    h5::writeDataset(params.id(), "ci95_high", high, "");
    h5::writeDataset(params.id(), "bootstrap_ci95_low",
                     optionalColumn(fit.params, &FitParameter::bootstrapCi95Low), "");
    h5::writeDataset(params.id(), "bootstrap_ci95_high",
                     optionalColumn(fit.params, &FitParameter::bootstrapCi95High), "");
    h5::writeDataset(params.id(), "bootstrap_standard_error",
                     optionalColumn(fit.params, &FitParameter::bootstrapStandardError), "");
    h5::writeDataset(params.id(), "fixed", fixed, "");
    h5::writeDataset(params.id(), "at_bound", atBound, "");
}

FitResult readFit(hid_t parent, const std::string& name)
{
    Handle group = h5::openGroup(parent, name);
    const hid_t g = group.id();
    FitResult fit;
    fit.model = h5::readStringAttribute(g, "model");
    fit.formula = h5::readStringAttribute(g, "formula");
    fit.r2 = h5::readDoubleAttribute(g, "r2");
    fit.aic = h5::readDoubleAttribute(g, "aic");
    fit.bic = h5::readDoubleAttribute(g, "bic");
    fit.rss = h5::readDoubleAttribute(g, "rss");
    fit.pointCount = readInt(g, "point_count");
    fit.windowStart = h5::readOptionalDoubleAttribute(g, "window_start");
    fit.windowEnd = h5::readOptionalDoubleAttribute(g, "window_end");
    fit.verdict = h5::readStringAttribute(g, "verdict");
    fit.deltaAic = h5::readOptionalDoubleAttribute(g, "delta_aic");
    const auto candidates = parseJsonAttribute(g, "candidate_aic");
    require(candidates.is_object(), "attribute candidate_aic is not a JSON object");
    for (const auto& [model, aic] : candidates.items()) {
        require(aic.is_number(), "attribute candidate_aic holds a non-number");
        fit.candidateAic[model] = aic.get<double>();
    }
    fit.xUnit = h5::readStringAttribute(g, "x_unit");
    fit.yUnit = h5::readStringAttribute(g, "y_unit");
    fit.degreesOfFreedom = readInt(g, "degrees_of_freedom");
    fit.residualSd = h5::readDoubleAttribute(g, "residual_sd");
    fit.converged = readBool(g, "converged");
    fit.iterations = readInt(g, "iterations");
    fit.bootstrapSamples = readInt(g, "bootstrap_samples");
    fit.bootstrapBlockLength = readInt(g, "bootstrap_block_length");
    fit.bootstrapSeed = h5::readUInt64Attribute(g, "bootstrap_seed");
    // Files written before the interval method was recorded hold t intervals (method "").
    if (h5::hasAttribute(g, "ci_method")) {
        fit.ciMethod = h5::readStringAttribute(g, "ci_method");
        fit.ciBlockLength = readInt(g, "ci_block_length");
        fit.ciEffectiveSamples = h5::readDoubleAttribute(g, "ci_effective_samples");
    }
    fit.x = h5::readDoubles(g, "x");
    fit.residuals = h5::readDoubles(g, "residuals");
    const auto excluded = h5::readInts(g, "excluded");
    fit.excluded.assign(excluded.begin(), excluded.end());

    Handle params = h5::openGroup(g, "params");
    const auto names = h5::readStrings(params.id(), "name");
    const auto value = h5::readDoubles(params.id(), "value");
    const auto stderrs = h5::readDoubles(params.id(), "standard_error");
    const auto low = h5::readDoubles(params.id(), "ci95_low");
    const auto high = h5::readDoubles(params.id(), "ci95_high");
    const auto bootLow = h5::readDoubles(params.id(), "bootstrap_ci95_low");
    const auto bootHigh = h5::readDoubles(params.id(), "bootstrap_ci95_high");
    const auto bootStderr = h5::readDoubles(params.id(), "bootstrap_standard_error");
    const auto fixed = h5::readBytes(params.id(), "fixed");
    const auto atBound = h5::readBytes(params.id(), "at_bound");
    const std::size_t n = names.size();
    require(value.size() == n && stderrs.size() == n && low.size() == n && high.size() == n &&
                bootLow.size() == n && bootHigh.size() == n && bootStderr.size() == n &&
                fixed.size() == n && atBound.size() == n,
            "fit parameter columns of " + name + " differ in length");
    for (std::size_t i = 0; i < n; ++i) {
        FitParameter p;
        p.name = names[i];
        p.value = value[i];
        p.standardError = stderrs[i];
        p.ci95Low = low[i];
        p.ci95High = high[i];
        if (!std::isnan(bootLow[i]))
            p.bootstrapCi95Low = bootLow[i];
        if (!std::isnan(bootHigh[i]))
            p.bootstrapCi95High = bootHigh[i];
        if (!std::isnan(bootStderr[i]))
            p.bootstrapStandardError = bootStderr[i];
        p.fixed = fixed[i] != 0;
        p.atBound = atBound[i] != 0;
        fit.params.push_back(std::move(p));
    }
    return fit;
}

} // namespace insitu::layout::v1
