#pragma once
// ParticleOptions as JSON (project file, provenance, batch recipes) and back.

#include "insitu/particles/particle_options.h"

#include <nlohmann/json.hpp>

namespace insitu {

/// Every field of options under snake_case keys with units ("min_diameter_nm", …).
[[nodiscard]] nlohmann::json particleOptionsJson(const ParticleOptions& options);
/// Inverse of particleOptionsJson; missing keys keep ParticleOptions{} defaults. Throws
/// insitu::Error for a value of the wrong type or an unknown polarity or threshold name.
[[nodiscard]] ParticleOptions particleOptionsFromJson(const nlohmann::json& json);

} // namespace insitu
