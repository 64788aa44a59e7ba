// fitModel: selects the points, sets up the problem, solves it and computes the statistics.

#include "insitu/kinetics/fit.h"

#include "insitu/error.h"

#include "block_interval.h"
#include "fit_problem.h"
#include "model_support.h"
#include "student_t.h"

#include <algorithm>
#include <cmath>
#include <set>

namespace insitu {

namespace kinetics_detail {

namespace {

std::shared_ptr<const Model> chooseModel(const FitOptions& options)
{
    if (options.customModel)
        return options.customModel;
    if (options.model == "formula" || (!options.formula.empty() && options.model.empty())) {
        if (options.formula.empty())
            throw Error("model formula: no formula given");
        return makeFormulaModel(options.formula);
    }
    if (options.model == "auto")
        throw Error("model auto: call fitAuto (or fit) rather than fitModel");
    return makeModel(options.model, options.units);
}

std::size_t indexOf(const std::vector<std::string>& names, const std::string& name,
                    const std::string& what)
{
    const auto it = std::find(names.begin(), names.end(), name);
    if (it == names.end()) {
        std::string list;
        for (const auto& n : names)
            list += (list.empty() ? "" : ", ") + n;
        throw Error(what + ": unknown parameter \"" + name + "\" (parameters: " + list + ")");
    }
    return static_cast<std::size_t>(it - names.begin());
}

} // namespace

void applyBlockInterval(const FitProblem& problem, const LeastSquaresSolution& solution,
                        const IntervalOptions& options, FitResult& fit)
{
    const auto free = freeIndices(problem.isFree);
    const auto interval =
        blockBootstrapInterval(jacobian(*problem.model, problem.x, solution.params, free),
                               solution.covarianceUnscaled, fit.residuals, options);
    if (interval.standardError.size() != free.size())
        return; // rank-deficient or too few points: the t interval (NaN when singular) stays
    fit.ciMethod = intervalMethodName(IntervalMethod::MovingBlockBootstrap);
    fit.ciBlockLength = interval.blockLength;
    fit.ciEffectiveSamples =
        *std::min_element(interval.effectiveSamples.begin(), interval.effectiveSamples.end());
    for (std::size_t j = 0; j < free.size(); ++j) {
        FitParameter& p = fit.params[static_cast<std::size_t>(free[j])];
        const double quantile = studentTQuantile(0.975, interval.degreesOfFreedom[j]);
        p.standardError = interval.standardError[j];
        p.ci95Low = p.value - quantile * p.standardError;
        p.ci95High = p.value + quantile * p.standardError;
    }
}

FitProblem makeFitProblem(const std::vector<double>& x, const std::vector<double>& y,
                          const FitOptions& options)
{
    if (x.size() != y.size())
        throw Error("fit: x has " + std::to_string(x.size()) + " values but y has " +
                    std::to_string(y.size()));
    FitProblem problem;
    problem.model = chooseModel(options);
    problem.names = problem.model->parameterNames();
    const std::set<int> excluded(options.excluded.begin(), options.excluded.end());
    for (const int index : excluded)
        if (index < 0 || index >= static_cast<int>(x.size()))
            throw Error("fit: excluded point " + std::to_string(index) + " is out of range 0.." +
                        std::to_string(static_cast<int>(x.size()) - 1));
    for (std::size_t i = 0; i < x.size(); ++i) {
        if (excluded.count(static_cast<int>(i)))
            continue;
        if (options.windowStart && x[i] < *options.windowStart)
            continue;
        if (options.windowEnd && x[i] > *options.windowEnd)
            continue;
        if (!std::isfinite(x[i]) || !std::isfinite(y[i]))
            continue; // missing values (NaN) are skipped, like excluded points
        problem.x.push_back(x[i]);
        problem.y.push_back(y[i]);
    }
    const std::size_t count = problem.names.size();
    problem.start = problem.model->startValues(problem.x, problem.y);
    problem.bounds = problem.model->bounds(problem.x, problem.y);
    if (problem.start.size() != count || problem.bounds.size() != count)
        throw Error("model " + problem.model->name() + ": start values or bounds do not match");
    problem.isFree.assign(count, true);

    // The onset may not precede the first fitted point by more than t0SpanFactor spans.
    const auto span = xSpan(problem.x);
    for (std::size_t j = 0; j < count; ++j)
        if (problem.names[j].rfind("t0_", 0) == 0)
            problem.bounds[j] = {span.first - options.t0SpanFactor * span.width(), span.first};

    for (const auto& [name, value] : options.start)
        problem.start[indexOf(problem.names, name, "start")] = value;
    auto fixed = problem.model->defaultFixed(problem.x, problem.y);
    for (const auto& [name, value] : options.fixed)
        fixed[name] = value;
    for (const auto& [name, value] : fixed) {
        const auto j = indexOf(problem.names, name, "fix");
        if (!std::isfinite(value))
            throw Error("fix: " + name + " must be a finite number");
        problem.start[j] = value;
        problem.isFree[j] = false;
    }
    for (std::size_t j = 0; j < count; ++j)
        if (problem.isFree[j])
            problem.start[j] =
                std::clamp(problem.start[j], problem.bounds[j].low, problem.bounds[j].high);

    const int freeCount = problem.freeCount();
    if (static_cast<int>(problem.x.size()) <= freeCount)
        throw Error("fit: " + std::to_string(problem.x.size()) + " points for " +
                    std::to_string(freeCount) + " free parameters of model " +
                    problem.model->name() + " (need more points than parameters)");
    problem.maxFunctionEvaluations = options.maxFunctionEvaluations;
    problem.tolerance = options.tolerance;
    return problem;
}

} // namespace kinetics_detail

FitResult fitModel(const std::vector<double>& x, const std::vector<double>& y,
                   const FitOptions& options)
{
    using namespace kinetics_detail;
    const FitProblem problem = makeFitProblem(x, y, options);
    const auto solution = solveLeastSquares(problem.leastSquares());

    FitResult fit;
    fit.model = problem.model->name();
    fit.formula = problem.model->formula();
    fit.xUnit = options.units.time;
    fit.yUnit = options.units.length;
    fit.pointCount = static_cast<int>(problem.x.size());
    fit.x = problem.x;
    fit.windowStart = options.windowStart;
    fit.windowEnd = options.windowEnd;
    fit.excluded = options.excluded;
    std::sort(fit.excluded.begin(), fit.excluded.end());
    fit.excluded.erase(std::unique(fit.excluded.begin(), fit.excluded.end()), fit.excluded.end());
    fit.converged = solution.converged;
    fit.iterations = solution.evaluations;

    const int k = problem.freeCount();
    const int n = fit.pointCount;
    fit.degreesOfFreedom = n - k;
    fit.rss = solution.rss;
    fit.residualSd = std::sqrt(fit.rss / fit.degreesOfFreedom);
    double mean = 0;
    for (const double v : problem.y)
        mean += v;
    mean /= n;
    double tss = 0;
    fit.residuals.resize(problem.x.size());
    for (std::size_t i = 0; i < problem.x.size(); ++i) {
        tss += (problem.y[i] - mean) * (problem.y[i] - mean);
        fit.residuals[i] = problem.y[i] - problem.model->value(problem.x[i], solution.params);
    }
    fit.r2 = tss > 0 ? 1 - fit.rss / tss : 0;
    // Gaussian log-likelihood up to a constant; the constant cancels in ΔAIC and ΔBIC.
    const double logTerm = n * std::log(std::max(fit.rss, 1e-300) / n);
    fit.aic = logTerm + 2.0 * k;
    fit.bic = logTerm + k * std::log(static_cast<double>(n));

    const double tQuantile = studentTQuantile(0.975, fit.degreesOfFreedom);
    int freeIndex = 0;
    for (std::size_t j = 0; j < problem.names.size(); ++j) {
        FitParameter p;
        p.name = problem.names[j];
        p.value = solution.params[j];
        p.fixed = !problem.isFree[j];
        if (!p.fixed) {
            const double variance = solution.covarianceUnscaled(freeIndex, freeIndex);
            p.standardError = fit.residualSd * std::sqrt(variance);
            p.atBound = solution.atBound[j];
            ++freeIndex;
        }
        p.ci95Low = p.value - tQuantile * p.standardError;
        p.ci95High = p.value + tQuantile * p.standardError;
        fit.params.push_back(p);
    }
    fit.ciMethod = intervalMethodName(IntervalMethod::T);
    if (options.interval.method == IntervalMethod::MovingBlockBootstrap && k > 0)
        applyBlockInterval(problem, solution, options.interval, fit);
    if (options.bootstrap.samples > 0)
        bootstrapFit(problem, options.bootstrap, fit);
    return fit;
}

FitResult fit(const std::vector<double>& x, const std::vector<double>& y, const FitOptions& options)
{
    if (options.model == "auto" && !options.customModel)
        return fitAuto(x, y, options);
    return fitModel(x, y, options);
}

} // namespace insitu
