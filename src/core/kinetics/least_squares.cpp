// Least-squares solvers: long-double QR for linear models, bounded MINPACK LM for the rest.

#include "least_squares.h"

#include "insitu/error.h"

#include <Eigen/Dense>
#include <unsupported/Eigen/NonLinearOptimization>

#include <algorithm>
#include <cmath>

namespace insitu::kinetics_detail {

namespace {

using MatrixL = Eigen::Matrix<long double, Eigen::Dynamic, Eigen::Dynamic>;
using VectorL = Eigen::Matrix<long double, Eigen::Dynamic, 1>;

/// Column-scaled pivoted QR of J in long double: (JᵀJ)⁻¹ = D⁻¹ P R⁻¹ R⁻ᵀ Pᵀ D⁻¹.
struct ScaledQr
{
    VectorL scale;
    Eigen::ColPivHouseholderQR<MatrixL> qr;
    explicit ScaledQr(const Eigen::MatrixXd& jac)
    {
        MatrixL a = jac.cast<long double>();
        scale = VectorL::Ones(a.cols());
        for (Eigen::Index j = 0; j < a.cols(); ++j) {
            const long double norm = a.col(j).norm();
            if (norm > 0)
                scale(j) = norm;
            a.col(j) /= scale(j);
        }
        qr.compute(a);
    }
    [[nodiscard]] bool fullRank() const { return qr.rank() == qr.cols(); }
    [[nodiscard]] VectorL solve(const VectorL& rhs) const
    {
        return (qr.solve(rhs).array() / scale.array()).matrix();
    }
    [[nodiscard]] Eigen::MatrixXd inverseNormal() const
    {
        const Eigen::Index n = qr.cols();
        const MatrixL r = qr.matrixR().topLeftCorner(n, n).template triangularView<Eigen::Upper>();
        const MatrixL rInv =
            r.template triangularView<Eigen::Upper>().solve(MatrixL::Identity(n, n));
        const MatrixL pivoted = rInv * rInv.transpose();
        MatrixL inverse = qr.colsPermutation() * pivoted * qr.colsPermutation().transpose();
        for (Eigen::Index i = 0; i < n; ++i)
            for (Eigen::Index j = 0; j < n; ++j)
                inverse(i, j) /= scale(i) * scale(j);
        return inverse.cast<double>();
    }
};

LeastSquaresSolution solveLinear(const LeastSquaresProblem& problem, const std::vector<int>& free)
{
    const auto& x = *problem.x;
    const auto& y = *problem.y;
    const Model& model = *problem.model;
    LeastSquaresSolution solution;
    solution.params = problem.start;
    // Basis g_j(x) = ∂f/∂p_j; fixed parameters contribute p_j·g_j(x) to the offset.
    const Eigen::Index m = static_cast<Eigen::Index>(x.size());
    MatrixL basis(m, static_cast<Eigen::Index>(free.size()));
    VectorL target(m);
    std::vector<double> row(problem.start.size());
    for (Eigen::Index i = 0; i < m; ++i) {
        model.gradient(x[i], problem.start, row);
        long double offset = 0;
        for (std::size_t j = 0; j < row.size(); ++j)
            if (!problem.isFree[j])
                offset += static_cast<long double>(row[j]) * problem.start[j];
        for (std::size_t j = 0; j < free.size(); ++j)
            basis(i, static_cast<Eigen::Index>(j)) = row[free[j]];
        target(i) = static_cast<long double>(y[i]) - offset;
    }
    const ScaledQr qr(basis.cast<double>());
    // Basis columns in long double for the refinement residual.
    VectorL coef = qr.solve(target);
    for (int pass = 0; pass < 2; ++pass) {
        const VectorL residual = target - basis * coef;
        coef += qr.solve(residual);
    }
    for (std::size_t j = 0; j < free.size(); ++j)
        solution.params[free[j]] = static_cast<double>(coef(static_cast<Eigen::Index>(j)));
    solution.rankDeficient = !qr.fullRank();
    return solution;
}

/// Maps an internal unbounded variable u to a parameter within bounds (MINUIT transforms).
struct Transform
{
    ParameterBounds bounds;
    double scale = 1;

    [[nodiscard]] bool lowFinite() const { return std::isfinite(bounds.low); }
    [[nodiscard]] bool highFinite() const { return std::isfinite(bounds.high); }
    [[nodiscard]] double toParam(double u) const
    {
        if (lowFinite() && highFinite())
            return bounds.low + (bounds.high - bounds.low) * (std::sin(u) + 1) / 2;
        if (lowFinite())
            return bounds.low + scale * (std::sqrt(u * u + 1) - 1);
        if (highFinite())
            return bounds.high - scale * (std::sqrt(u * u + 1) - 1);
        return u;
    }
    [[nodiscard]] double derivative(double u) const
    {
        if (lowFinite() && highFinite())
            return (bounds.high - bounds.low) * std::cos(u) / 2;
        if (lowFinite())
            return scale * u / std::sqrt(u * u + 1);
        if (highFinite())
            return -scale * u / std::sqrt(u * u + 1);
        return 1;
    }
    [[nodiscard]] double toInternal(double p)
    {
        if (lowFinite() && highFinite()) {
            const double width = bounds.high - bounds.low;
            const double margin = 1e-3 * width; // away from the bound, where dp/du = 0
            p = std::clamp(p, bounds.low + margin, bounds.high - margin);
            return std::asin(std::clamp(2 * (p - bounds.low) / width - 1, -1.0, 1.0));
        }
        if (lowFinite() || highFinite()) {
            const double edge = lowFinite() ? bounds.low : bounds.high;
            double distance = std::abs(p - edge);
            scale = std::max({distance, std::abs(p), std::abs(edge) * 1e-6, 1e-300});
            distance = std::max(distance, 1e-3 * scale);
            const double d = distance / scale + 1; // √(u²+1) = d
            return std::sqrt(d * d - 1);
        }
        return p;
    }
};

/// Residuals f(x) − y and their Jacobian in the internal variables, for Eigen's LM.
struct Functor
{
    const LeastSquaresProblem* problem = nullptr;
    std::vector<int> free;
    std::vector<Transform> transforms;
    mutable int evaluations = 0;

    [[nodiscard]] std::vector<double> params(const Eigen::VectorXd& u) const
    {
        std::vector<double> p = problem->start;
        for (std::size_t j = 0; j < free.size(); ++j)
            p[free[j]] = transforms[j].toParam(u(static_cast<Eigen::Index>(j)));
        return p;
    }
    [[nodiscard]] int values() const { return static_cast<int>(problem->x->size()); }
    int operator()(const Eigen::VectorXd& u, Eigen::VectorXd& fvec) const
    {
        ++evaluations;
        const auto p = params(u);
        const auto& x = *problem->x;
        const auto& y = *problem->y;
        for (std::size_t i = 0; i < x.size(); ++i)
            fvec(static_cast<Eigen::Index>(i)) = problem->model->value(x[i], p) - y[i];
        // A trial step into overflow (exp of a huge argument) must be rejected, not abort the
        // search: a huge finite residual makes MINPACK shrink its trust region instead.
        for (Eigen::Index i = 0; i < fvec.size(); ++i)
            if (!std::isfinite(fvec(i)))
                fvec(i) = 1e100;
        return 0;
    }
    int df(const Eigen::VectorXd& u, Eigen::MatrixXd& fjac) const
    {
        const auto p = params(u);
        fjac = jacobian(*problem->model, *problem->x, p, free);
        for (std::size_t j = 0; j < free.size(); ++j)
            fjac.col(static_cast<Eigen::Index>(j)) *=
                transforms[j].derivative(u(static_cast<Eigen::Index>(j)));
        return fjac.allFinite() ? 0 : -1;
    }
};

LeastSquaresSolution solveNonlinearOnce(const LeastSquaresProblem& problem,
                                        const std::vector<int>& free, double stepBound, int budget)
{
    Functor functor;
    functor.problem = &problem;
    functor.free = free;
    Eigen::VectorXd u(static_cast<Eigen::Index>(free.size()));
    for (std::size_t j = 0; j < free.size(); ++j) {
        Transform t{problem.bounds[free[j]]};
        u(static_cast<Eigen::Index>(j)) = t.toInternal(problem.start[free[j]]);
        functor.transforms.push_back(t);
    }
    LeastSquaresSolution solution;
    Eigen::LevenbergMarquardt<Functor> lm(functor);
    lm.parameters.ftol = problem.tolerance;
    lm.parameters.xtol = problem.tolerance;
    lm.parameters.gtol = 0;
    lm.parameters.factor = stepBound;
    double previous = HUGE_VAL;
    solution.converged = false;
    // MINPACK stops on relative tests; a restart resets the damping and often finishes the job.
    // A flat valley (the power law's L0 and t0 when n ≈ 1) lets MINPACK crawl for thousands of
    // evaluations on 10⁴ points; stop once 10 steps gain less than 10⁻³ of s² = RSS/n (Δχ² <
    // 10⁻³: statistically nothing; well-determined problems converge long before).
    const double points = static_cast<double>(problem.x->size());
    const auto minimizeUntilStalled = [&](Eigen::VectorXd& v) {
        auto status = lm.minimizeInit(v);
        if (status == Eigen::LevenbergMarquardtSpace::ImproperInputParameters)
            return status;
        std::vector<double> history;
        do {
            status = lm.minimizeOneStep(v);
            history.push_back(lm.fnorm * lm.fnorm);
            constexpr std::size_t window = 10;
            if (status == Eigen::LevenbergMarquardtSpace::Running && history.size() > window) {
                const double now = history.back();
                if (history[history.size() - 1 - window] - now < 1e-3 * now / points)
                    return Eigen::LevenbergMarquardtSpace::RelativeReductionTooSmall;
            }
        } while (status == Eigen::LevenbergMarquardtSpace::Running);
        return status;
    };
    for (int restart = 0; restart < 6; ++restart) {
        lm.parameters.maxfev = std::max(1, budget - functor.evaluations);
        const auto status = minimizeUntilStalled(u);
        if (status == Eigen::LevenbergMarquardtSpace::ImproperInputParameters)
            throw Error("least squares: improper input (more parameters than points?)");
        if (status == Eigen::LevenbergMarquardtSpace::UserAsked ||
            status == Eigen::LevenbergMarquardtSpace::TooManyFunctionEvaluation) {
            solution.converged = false; // NaN/∞ from the model or out of budget
            break;
        }
        solution.converged = true;
        const double now = lm.fnorm;
        if (!(now < previous * (1 - 1e-13)))
            break;
        previous = now;
    }
    solution.evaluations = functor.evaluations;
    solution.params = functor.params(u);
    solution.rss = residualSumOfSquares(*problem.model, *problem.x, *problem.y, solution.params);
    if (!std::isfinite(solution.rss))
        solution.converged = false;
    return solution;
}

LeastSquaresSolution solveNonlinear(const LeastSquaresProblem& problem,
                                    const std::vector<int>& free)
{
    // MINPACK's initial step bound (factor·‖D·x‖) decides which basin a poor start falls into
    // (BoxBOD, MGH17 from NIST start 1); try a long, a medium and a short one, keep the best.
    // On long series (> 2000 points, where each run costs seconds) one run: there the data pin
    // the basin and every step bound measured ends in the same one (power law, 10⁴ points).
    const bool several = problem.multiStart && problem.x->size() <= 2000;
    const std::vector<double> stepBounds =
        several ? std::vector<double>{100.0, 10.0, 1.0, 0.01} : std::vector<double>{100.0};
    LeastSquaresSolution best;
    int evaluations = 0;
    for (const double stepBound : stepBounds) {
        const int budget = std::max(1, problem.maxFunctionEvaluations - evaluations);
        auto solution = solveNonlinearOnce(problem, free, stepBound, budget);
        evaluations += solution.evaluations;
        const bool better = best.params.empty() || (solution.converged && !best.converged) ||
                            (solution.converged == best.converged && solution.rss < best.rss);
        if (better)
            best = std::move(solution);
        if (evaluations >= problem.maxFunctionEvaluations)
            break;
    }
    best.evaluations = evaluations;
    return best;
}

/// A few Gauss–Newton steps with the long-double QR solve after LM: MINPACK stops on relative
/// tests in double, this takes the last digits where the problem's conditioning allows.
void polishGaussNewton(const LeastSquaresProblem& problem, const std::vector<int>& free,
                       LeastSquaresSolution& solution)
{
    const auto& x = *problem.x;
    const auto& y = *problem.y;
    double rss = residualSumOfSquares(*problem.model, x, y, solution.params);
    for (int step = 0; step < 3; ++step) {
        VectorL residual(static_cast<Eigen::Index>(x.size()));
        for (std::size_t i = 0; i < x.size(); ++i)
            residual(static_cast<Eigen::Index>(i)) =
                static_cast<long double>(y[i]) - problem.model->value(x[i], solution.params);
        const ScaledQr qr(jacobian(*problem.model, x, solution.params, free));
        if (!qr.fullRank())
            return;
        const VectorL delta = qr.solve(residual);
        auto trial = solution.params;
        for (std::size_t j = 0; j < free.size(); ++j)
            trial[free[j]] += static_cast<double>(delta(static_cast<Eigen::Index>(j)));
        const double trialRss = residualSumOfSquares(*problem.model, x, y, trial);
        if (!(trialRss <= rss))
            return;
        solution.params = trial;
        rss = trialRss;
    }
}

} // namespace

Eigen::MatrixXd jacobian(const Model& model, const std::vector<double>& x,
                         const std::vector<double>& p, const std::vector<int>& free)
{
    Eigen::MatrixXd jac(static_cast<Eigen::Index>(x.size()),
                        static_cast<Eigen::Index>(free.size()));
    std::vector<double> row(p.size());
    for (std::size_t i = 0; i < x.size(); ++i) {
        model.gradient(x[i], p, row);
        for (std::size_t j = 0; j < free.size(); ++j)
            jac(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)) = row[free[j]];
    }
    return jac;
}

double residualSumOfSquares(const Model& model, const std::vector<double>& x,
                            const std::vector<double>& y, const std::vector<double>& p)
{
    long double rss = 0;
    for (std::size_t i = 0; i < x.size(); ++i) {
        const long double r = static_cast<long double>(model.value(x[i], p)) - y[i];
        rss += r * r;
    }
    return static_cast<double>(rss);
}

std::vector<int> freeIndices(const std::vector<bool>& isFree)
{
    std::vector<int> indices;
    for (std::size_t i = 0; i < isFree.size(); ++i)
        if (isFree[i])
            indices.push_back(static_cast<int>(i));
    return indices;
}

LeastSquaresSolution solveLeastSquares(const LeastSquaresProblem& problem)
{
    const auto free = freeIndices(problem.isFree);
    bool bounded = false;
    for (const int j : free)
        bounded = bounded || std::isfinite(problem.bounds[j].low) ||
                  std::isfinite(problem.bounds[j].high);
    LeastSquaresSolution solution;
    if (free.empty())
        solution.params = problem.start; // everything fixed: only the statistics are wanted
    else if (problem.model->isLinearInParameters() && !bounded)
        solution = solveLinear(problem, free);
    else {
        solution = solveNonlinear(problem, free);
        if (!bounded)
            polishGaussNewton(problem, free, solution);
    }
    solution.rss = residualSumOfSquares(*problem.model, *problem.x, *problem.y, solution.params);
    solution.atBound.assign(solution.params.size(), false);
    for (const int j : free) {
        const auto& b = problem.bounds[j];
        const double p = solution.params[j];
        const double width = (std::isfinite(b.low) && std::isfinite(b.high)) ? b.high - b.low : 0;
        const double tol = std::max(1e-7 * width, 1e-9 * std::max(std::abs(p), 1e-300));
        solution.atBound[j] = (std::isfinite(b.low) && p - b.low <= tol) ||
                              (std::isfinite(b.high) && b.high - p <= tol);
    }
    if (!free.empty()) {
        const ScaledQr qr(jacobian(*problem.model, *problem.x, solution.params, free));
        solution.rankDeficient = solution.rankDeficient || !qr.fullRank();
        if (qr.fullRank())
            solution.covarianceUnscaled = qr.inverseNormal();
        else
            solution.covarianceUnscaled = Eigen::MatrixXd::Constant(
                static_cast<Eigen::Index>(free.size()), static_cast<Eigen::Index>(free.size()),
                std::numeric_limits<double>::quiet_NaN());
    }
    return solution;
}

} // namespace insitu::kinetics_detail
