#pragma once
// JSON form of a FitResult: the architecture.md `fit` object shared by `front` and `fit`.

#include "insitu/kinetics/fit.h"
#include "insitu/kinetics/fit_result.h"

#include <nlohmann/json.hpp>

namespace insitu {

/// {"model", "params":{name:value}, "stderr":{…}, "ci95":{name:[lo,hi]}, "ci_method" (what ci95
/// and stderr are: "moving-block-bootstrap" or "t"), "ci_block_length", "ci_effective_samples",
/// "bootstrap_ci95":{…},
/// "fixed":[…], "r2", "aic", "bic", "rss", "n", "dof", "residual_sd", "verdict", "delta_aic",
/// "candidate_aic":{…}, "window":[lo,hi]|null, "excluded":[…], "x":[…], "residuals":[…], …}.
[[nodiscard]] nlohmann::json fitToJson(const FitResult& fit);
/// Inverse of fitToJson (fields it does not find keep their defaults).
[[nodiscard]] FitResult fitFromJson(const nlohmann::json& json);
/// {"ratio", "ci95":[lo,hi], "bootstrap_ci95":[lo,hi]|null, "text"}.
[[nodiscard]] nlohmann::json rateRatioToJson(const RateRatio& ratio);

} // namespace insitu
