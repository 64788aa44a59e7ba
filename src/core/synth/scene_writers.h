#pragma once
// Internal: each scene's streaming writer, dispatched from synth.cpp.

#include "insitu/synth/synth.h"

namespace insitu::synth {

SceneTruth writeNanowireFront(const NanowireFrontScene& scene, const std::filesystem::path& path,
                              Progress& progress);
SceneTruth writeDriftScene(const DriftScene& scene, const std::filesystem::path& path,
                           Progress& progress);
SceneTruth writeExpandingParticles(const ExpandingParticleScene& scene,
                                   const std::filesystem::path& path, Progress& progress);
SceneTruth writeParticleField(const ParticleFieldScene& scene, const std::filesystem::path& path,
                              Progress& progress);

} // namespace insitu::synth
