#pragma once
// A fit ready to solve: the chosen points, the model, starts, fixed parameters and bounds.

#include "insitu/kinetics/fit.h"

#include "least_squares.h"

#include <memory>
#include <vector>

namespace insitu::kinetics_detail {

/// Everything fitModel derives from its inputs before solving.
struct FitProblem
{
    std::shared_ptr<const Model> model;
    std::vector<std::string> names;
    std::vector<double> x; ///< points kept (window, exclusions)
    std::vector<double> y;
    std::vector<double> start;
    std::vector<bool> isFree;
    std::vector<ParameterBounds> bounds;
    int maxFunctionEvaluations = 20000;
    double tolerance = 1e-15;
    bool multiStart = true;

    [[nodiscard]] LeastSquaresProblem leastSquares() const
    {
        return {model.get(), &x,        &y, start, isFree, bounds, maxFunctionEvaluations,
                tolerance,   multiStart};
    }
    [[nodiscard]] int freeCount() const
    {
        int count = 0;
        for (const bool f : isFree)
            count += f ? 1 : 0;
        return count;
    }
};

/// Builds the problem; throws insitu::Error on bad input (names the offending option or value).
[[nodiscard]] FitProblem makeFitProblem(const std::vector<double>& x, const std::vector<double>& y,
                                        const FitOptions& options);

/// Replaces the t interval of fit's free parameters by the block-bootstrap interval
/// (blockBootstrapInterval) and records it in fit.ciMethod; leaves fit alone when it cannot.
void applyBlockInterval(const FitProblem& problem, const LeastSquaresSolution& solution,
                        const IntervalOptions& options, FitResult& fit);

/// Moving-block bootstrap of the residuals of `fit`; fills the bootstrap fields of its params.
void bootstrapFit(const FitProblem& problem, const BootstrapOptions& options, FitResult& fit);

/// Automatic block length: max(⌈n^(1/3)⌉, 4·first lag with autocorrelation < 1/e), ≤ n/4.
[[nodiscard]] int automaticBlockLength(const std::vector<double>& residuals);

} // namespace insitu::kinetics_detail
