#include "panels/fit_warnings.h"

#include "insitu/export/csv_export.h"

#include <QCoreApplication>

#include <cmath>

namespace insitu::app {

namespace {
QString tr(const char* text)
{
    return QCoreApplication::translate("FitWarnings", text);
}

QString modelText(const std::string& model)
{
    if (model == "linear")
        return tr("L ∝ t (linear)");
    if (model == "parabolic")
        return tr("L ∝ √t (parabolic)");
    if (model == "power")
        return tr("the power law L ∝ (t − t0)ⁿ");
    return QString::fromStdString(model);
}
} // namespace

QString fitFailure(const FitResult& fit)
{
    if (!fit.converged)
        return tr("the fit did not converge");
    if (fit.params.empty())
        return tr("the fit has no parameters");
    for (const FitParameter& p : fit.params) {
        if (!std::isfinite(p.value))
            return tr("%1 is not a finite number").arg(QString::fromStdString(p.name));
        if (!p.fixed && !std::isfinite(p.standardError))
            return tr("the standard error of %1 is not finite (the model is not identifiable "
                      "from these points)")
                .arg(QString::fromStdString(p.name));
    }
    if (!std::isfinite(fit.rss))
        return tr("the residuals are not finite");
    return {};
}

bool fitSucceeded(const FitResult& fit)
{
    return fitFailure(fit).isEmpty();
}

std::optional<BetterModel> betterModel(const FitResult& fit, double aicMargin)
{
    const auto chosen = fit.candidateAic.find(fit.model);
    if (chosen == fit.candidateAic.end())
        return std::nullopt;
    std::optional<BetterModel> best;
    for (const auto& [model, aic] : fit.candidateAic) {
        const double delta = chosen->second - aic;
        if (model != fit.model && std::isfinite(aic) && delta > aicMargin &&
            (!best || delta > best->deltaAic))
            best = BetterModel{model, delta};
    }
    return best;
}

QString fitWarning(const FrontTrack& track)
{
    const QString front = frontLabel(track);
    if (!track.fit) {
        if (static_cast<int>(track.frames.size()) < kMinFramesToFit)
            return tr("%1 not fitted: found in %2 frames only (%3 needed)")
                .arg(front)
                .arg(track.frames.size())
                .arg(kMinFramesToFit);
        return tr("%1 not fitted: the fit failed on these points").arg(front);
    }
    const FitResult& fit = *track.fit;
    if (const QString failure = fitFailure(fit); !failure.isEmpty())
        return tr("%1: fit failed — %2; no result").arg(front, failure);
    if (const auto better = betterModel(fit))
        return tr("%1: %2 fits far better than the chosen %3 (ΔAIC = %4) — check the track "
                  "(a jump or a stall bends L(t)), or the kinetics is neither linear nor √t")
            .arg(front, modelText(better->model), modelText(fit.model))
            .arg(better->deltaAic, 0, 'f', 1);
    return {};
}

QString frontLabel(const FrontTrack& track)
{
    return QString::fromStdString(frontName(track.index));
}

} // namespace insitu::app
