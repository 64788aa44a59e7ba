#pragma once
// Fit warnings: what a user must see next to a front's fit — a failed fit, a front too short to
// fit, a model that fits far better than the chosen one (often the sign of a bad track).

#include "insitu/front/front_fit.h"
#include "insitu/front/front_result.h"

#include <QString>

#include <optional>

namespace insitu::app {

/// Fewest frames a front needs to be fitted (insitu::fitFronts skips shorter ones).
inline constexpr int kMinFramesToFit = kMinFrontFitFrames;

/// True when fit is a usable result: converged, finite values and, for free parameters,
/// finite standard errors. A failed fit is shown as a failure, never as numbers.
[[nodiscard]] bool fitSucceeded(const FitResult& fit);

/// Why fit failed (empty when it did not): "did not converge", "a standard error is not finite".
[[nodiscard]] QString fitFailure(const FitResult& fit);

/// The candidate model with the lowest AIC when it beats the chosen model by more than
/// aicMargin (Burnham & Anderson: > 10 is decisive), else nullopt. Uses fit.candidateAic, so it
/// applies to automatic choices.
struct BetterModel
{
    std::string model;
    double deltaAic = 0;
};
[[nodiscard]] std::optional<BetterModel> betterModel(const FitResult& fit, double aicMargin = 10);

/// The warning shown next to the track's fit (empty when there is nothing to say):
/// not fitted (too few frames, or the fit threw), failed, or a far better model.
[[nodiscard]] QString fitWarning(const FrontTrack& track);

/// "front N" — the same number as in the CSV files and the plots (FrontTrack::index).
[[nodiscard]] QString frontLabel(const FrontTrack& track);

} // namespace insitu::app
