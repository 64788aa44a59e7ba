#pragma once
// Analysis options as JSON: the one set of keys used by provenance, the project file and the CLI.

#include "insitu/front/front_result.h"
#include "insitu/registration/drift_result.h"

#include <nlohmann/json.hpp>

#include <string>

namespace insitu {

/// "first", "previous", "mean".
[[nodiscard]] const char* driftReferenceName(DriftReference reference);
/// Inverse of driftReferenceName; throws insitu::Error for an unknown name.
[[nodiscard]] DriftReference driftReferenceFromName(const std::string& name);
/// "auto", "forward", "backward".
[[nodiscard]] const char* frontDirectionName(FrontDirection direction);
/// Inverse of frontDirectionName; throws insitu::Error for an unknown name.
[[nodiscard]] FrontDirection frontDirectionFromName(const std::string& name);
/// "auto", "ahead", "behind".
[[nodiscard]] const char* brighterSideName(BrighterSide side);
/// Inverse of brighterSideName; throws insitu::Error for an unknown name.
[[nodiscard]] BrighterSide brighterSideFromName(const std::string& name);

/// Every field of the drift options (keys as in docs/project-file.md, e.g. "reference",
/// "running_mean_frames", "region_px", "low_pass_sigma_cycles_per_px", ...).
[[nodiscard]] nlohmann::json driftOptionsJson(const DriftOptions& options);
/// Inverse of driftOptionsJson; missing keys keep DriftOptions{} defaults. Throws insitu::Error
/// for a value that is not an object or an unknown name.
[[nodiscard]] DriftOptions driftOptionsFromJson(const nlohmann::json& json);
/// Every field of the front options (keys as in docs/project-file.md, e.g. "front_count",
/// "max_step_px_per_frame", "monotonic", "direction", "brighter_side", ...).
[[nodiscard]] nlohmann::json frontOptionsJson(const FrontOptions& options);
/// Inverse of frontOptionsJson; missing keys keep FrontOptions{} defaults.
[[nodiscard]] FrontOptions frontOptionsFromJson(const nlohmann::json& json);

} // namespace insitu
