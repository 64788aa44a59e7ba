#pragma once
// The solver behind fitModel: QR for linear models, bounded Levenberg–Marquardt otherwise.

#include "insitu/kinetics/model.h"

#include <Eigen/Core>

#include <vector>

namespace insitu::kinetics_detail {

/// One least-squares problem: model, data, which parameters move and within which bounds.
struct LeastSquaresProblem
{
    const Model* model = nullptr;
    const std::vector<double>* x = nullptr;
    const std::vector<double>* y = nullptr;
    std::vector<double> start;           ///< all parameters (fixed ones hold their value)
    std::vector<bool> isFree;            ///< per parameter
    std::vector<ParameterBounds> bounds; ///< per parameter
    int maxFunctionEvaluations = 20000;
    double tolerance = 1e-15;
    bool multiStart = true; ///< also try shorter LM step bounds (≤ 2000 points)
};

/// Its solution and the unscaled covariance (JᵀJ)⁻¹ of the free parameters.
struct LeastSquaresSolution
{
    std::vector<double> params;         ///< all parameters
    Eigen::MatrixXd covarianceUnscaled; ///< free × free, in the order of the free parameters
    std::vector<bool> atBound;          ///< per parameter
    double rss = 0;
    bool converged = true;
    bool rankDeficient = false;
    int evaluations = 0;
};

/// Solves the problem. Linear-in-parameters models without active bounds: one column-scaled,
/// column-pivoted Householder QR in long double with one step of iterative refinement.
/// Others: Eigen's MINPACK Levenberg–Marquardt (lmder) on transformed parameters (sin transform
/// for two-sided bounds, √(u²+1) for one-sided, as in MINUIT), restarted until it stops improving.
[[nodiscard]] LeastSquaresSolution solveLeastSquares(const LeastSquaresProblem& problem);

/// Indices of the free parameters, in order.
[[nodiscard]] std::vector<int> freeIndices(const std::vector<bool>& isFree);

/// J (free columns only, one row per x) of the model at p.
[[nodiscard]] Eigen::MatrixXd jacobian(const Model& model, const std::vector<double>& x,
                                       const std::vector<double>& p, const std::vector<int>& free);

/// Residual sum of squares of the model at p.
[[nodiscard]] double residualSumOfSquares(const Model& model, const std::vector<double>& x,
                                          const std::vector<double>& y,
                                          const std::vector<double>& p);

} // namespace insitu::kinetics_detail
