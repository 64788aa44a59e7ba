#include "panels/front_series.h"

#include "insitu/kinetics/models.h"

#include <Eigen/Dense>

#include <cmath>
#include <memory>

namespace insitu::app {

FrontSeries frontSeries(const FrontTrack& track, const Calibration& calibration)
{
    FrontSeries series;
    const bool timed = calibration.timeOfFrameS(0).has_value();
    series.xUnit = timed ? QStringLiteral("s") : QStringLiteral("frame");
    series.yUnit = calibration.nmPerPixel ? QStringLiteral("nm") : QStringLiteral("px");
    for (std::size_t i = 0; i < track.frames.size(); ++i) {
        const int frame = track.frames[i];
        series.x.push_back(timed ? *calibration.timeOfFrameS(frame) : frame);
        series.y.push_back(track.positionsPx[i] * calibration.nmPerPixel.value_or(1.0));
    }
    return series;
}

FitCurve fitCurve(const FitResult& fit, const std::string& lengthUnit, const std::string& timeUnit,
                  double xFrom, double xTo, int samples)
{
    FitCurve curve;
    std::unique_ptr<Model> model;
    try {
        model = fit.model == "formula" ? makeFormulaModel(fit.formula)
                                       : makeModel(fit.model, ModelUnits{lengthUnit, timeUnit});
    } catch (const std::exception&) {
        return curve;
    }
    const auto names = model->parameterNames();
    std::vector<double> p(names.size(), 0.0);
    std::vector<bool> freeParam(names.size(), true);
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (const FitParameter* fp = fit.param(names[i])) {
            p[i] = fp->value;
            freeParam[i] = !fp->fixed;
        }
    }
    // Covariance of the free parameters from the fitted points: s²(JᵀJ)⁻¹.
    std::vector<int> freeIndex;
    for (std::size_t i = 0; i < names.size(); ++i)
        if (freeParam[i])
            freeIndex.push_back(static_cast<int>(i));
    const int n = static_cast<int>(fit.x.size());
    const int k = static_cast<int>(freeIndex.size());
    Eigen::MatrixXd covariance;
    if (n > k && k > 0) {
        Eigen::MatrixXd jacobian(n, k);
        std::vector<double> gradient(names.size());
        for (int r = 0; r < n; ++r) {
            model->gradient(fit.x[static_cast<std::size_t>(r)], p, gradient);
            for (int c = 0; c < k; ++c)
                jacobian(r, c) = gradient[static_cast<std::size_t>(freeIndex[static_cast<std::size_t>(c)])];
        }
        const double s2 = fit.rss / (n - k);
        const Eigen::MatrixXd jtj = jacobian.transpose() * jacobian;
        Eigen::FullPivLU<Eigen::MatrixXd> lu(jtj);
        if (lu.isInvertible())
            covariance = s2 * lu.inverse();
    }
    std::vector<double> gradient(names.size());
    for (int i = 0; i < samples; ++i) {
        const double x = xFrom + (xTo - xFrom) * i / std::max(samples - 1, 1);
        const double y = model->value(x, p);
        double half = 0;
        if (covariance.size() > 0) {
            model->gradient(x, p, gradient);
            Eigen::VectorXd g(k);
            for (int c = 0; c < k; ++c)
                g(c) = gradient[static_cast<std::size_t>(freeIndex[static_cast<std::size_t>(c)])];
            half = 1.96 * std::sqrt(std::max(0.0, g.dot(covariance * g)));
        }
        curve.x.push_back(x);
        curve.y.push_back(y);
        curve.low.push_back(y - half);
        curve.high.push_back(y + half);
    }
    return curve;
}

} // namespace insitu::app
