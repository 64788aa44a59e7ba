// fitBand: a stored fit's curve and band from its reported intervals (one band for every view).

#include "insitu/kinetics/fit_band.h"

#include "insitu/error.h"
#include "insitu/kinetics/models.h"

#include <Eigen/Dense>

#include <cmath>

namespace insitu {

std::unique_ptr<Model> modelOfFit(const FitResult& fit)
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

std::optional<FitBand> fitBand(const FitResult& fit, const std::vector<double>& xs)
{
    const auto model = modelOfFit(fit);
    if (!model)
        return std::nullopt;
    const auto names = model->parameterNames();
    std::vector<double> p;
    std::vector<std::size_t> freeIndex;
    std::vector<double> halfWidth;
    for (std::size_t i = 0; i < names.size(); ++i) {
        const FitParameter* fp = fit.param(names[i]);
        if (!fp)
            return std::nullopt;
        p.push_back(fp->value);
        if (!fp->fixed) {
            freeIndex.push_back(i);
            halfWidth.push_back((fp->ci95High - fp->ci95Low) / 2);
        }
    }
    FitBand band;
    band.x = xs;
    for (const double x : xs)
        band.y.push_back(model->value(x, p));

    const auto n = static_cast<Eigen::Index>(fit.x.size());
    const auto m = static_cast<Eigen::Index>(freeIndex.size());
    if (m == 0 || n <= m)
        return band;
    for (const double h : halfWidth)
        if (!(std::isfinite(h) && h >= 0))
            return band;
    std::vector<double> gradient(p.size());
    Eigen::MatrixXd jacobian(n, m);
    for (Eigen::Index i = 0; i < n; ++i) {
        model->gradient(fit.x[static_cast<std::size_t>(i)], p, gradient);
        for (Eigen::Index j = 0; j < m; ++j)
            jacobian(i, j) = gradient[freeIndex[static_cast<std::size_t>(j)]];
    }
    const Eigen::CompleteOrthogonalDecomposition<Eigen::MatrixXd> solver(jacobian.transpose() *
                                                                         jacobian);
    if (solver.rank() < m)
        return band; // singular: no honest band
    const Eigen::MatrixXd unscaled = solver.pseudoInverse();
    // S R S with R the correlation of (JᵀJ)⁻¹ and S the reported half-widths.
    Eigen::MatrixXd covariance(m, m);
    for (Eigen::Index i = 0; i < m; ++i)
        for (Eigen::Index j = 0; j < m; ++j)
            covariance(i, j) = unscaled(i, j) / std::sqrt(unscaled(i, i) * unscaled(j, j)) *
                               halfWidth[static_cast<std::size_t>(i)] *
                               halfWidth[static_cast<std::size_t>(j)];
    Eigen::VectorXd g(m);
    for (std::size_t k = 0; k < xs.size(); ++k) {
        model->gradient(xs[k], p, gradient);
        for (Eigen::Index j = 0; j < m; ++j)
            g(j) = gradient[freeIndex[static_cast<std::size_t>(j)]];
        const double half = std::sqrt(std::max(0.0, g.dot(covariance * g)));
        band.low.push_back(band.y[k] - half);
        band.high.push_back(band.y[k] + half);
    }
    return band;
}

} // namespace insitu
