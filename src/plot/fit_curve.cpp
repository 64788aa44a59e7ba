#include "fit_curve.h"

#include "insitu/error.h"
#include "insitu/kinetics/models.h"

#include <Eigen/Dense>

#include <cmath>

namespace insitu::plot {

namespace {

std::unique_ptr<Model> modelOf(const FitResult& fit)
{
    try {
        if (fit.model == "formula")
            return makeFormulaModel(fit.formula);
        ModelUnits units;
        if (!fit.yUnit.empty())
            units.length = fit.yUnit;
        if (!fit.xUnit.empty())
            units.time = fit.xUnit;
        return makeModel(fit.model, units);
    } catch (const Error&) {
        return nullptr;
    }
}

double tQuantile(const FitResult& fit)
{
    for (const auto& p : fit.params)
        if (!p.fixed && p.standardError > 0 && std::isfinite(p.ci95High))
            return (p.ci95High - p.value) / p.standardError;
    return 1.96;
}

} // namespace

std::optional<FitCurve> fitCurve(const FitResult& fit, double xMin, double xMax, int points)
{
    const auto model = modelOf(fit);
    if (!model || points < 2 || !(xMax > xMin))
        return std::nullopt;
    const auto names = model->parameterNames();
    std::vector<double> p;
    std::vector<int> freeIndex;
    for (std::size_t i = 0; i < names.size(); ++i) {
        const FitParameter* fp = fit.param(names[i]);
        if (!fp)
            return std::nullopt;
        p.push_back(fp->value);
        if (!fp->fixed)
            freeIndex.push_back(static_cast<int>(i));
    }

    FitCurve curve;
    for (int k = 0; k < points; ++k) {
        const double x = xMin + (xMax - xMin) * k / (points - 1);
        curve.x.push_back(x);
        curve.y.push_back(model->value(x, p));
    }

    const auto n = static_cast<Eigen::Index>(fit.x.size());
    const auto m = static_cast<Eigen::Index>(freeIndex.size());
    const double dof = fit.degreesOfFreedom > 0 ? fit.degreesOfFreedom : static_cast<double>(n - m);
    const double s = fit.residualSd > 0 ? fit.residualSd : (dof > 0 ? std::sqrt(fit.rss / dof) : 0.0);
    if (m == 0 || n <= m || !(s > 0))
        return curve;
    std::vector<double> gradient(p.size());
    Eigen::MatrixXd jacobian(n, m);
    for (Eigen::Index i = 0; i < n; ++i) {
        model->gradient(fit.x[static_cast<std::size_t>(i)], p, gradient);
        for (Eigen::Index j = 0; j < m; ++j)
            jacobian(i, j) = gradient[static_cast<std::size_t>(freeIndex[static_cast<std::size_t>(j)])];
    }
    const Eigen::MatrixXd normal = jacobian.transpose() * jacobian;
    const Eigen::CompleteOrthogonalDecomposition<Eigen::MatrixXd> solver(normal);
    if (solver.rank() < m)
        return curve;  // singular: no honest band
    const Eigen::MatrixXd covariance = s * s * solver.pseudoInverse();
    const double t = tQuantile(fit);
    Eigen::VectorXd g(m);
    for (std::size_t k = 0; k < curve.x.size(); ++k) {
        model->gradient(curve.x[k], p, gradient);
        for (Eigen::Index j = 0; j < m; ++j)
            g(j) = gradient[static_cast<std::size_t>(freeIndex[static_cast<std::size_t>(j)])];
        const double halfWidth = t * std::sqrt(std::max(0.0, g.dot(covariance * g)));
        curve.low.push_back(curve.y[k] - halfWidth);
        curve.high.push_back(curve.y[k] + halfWidth);
    }
    return curve;
}

} // namespace insitu::plot
