#pragma once
// One entry point for every synthetic scene: render in memory or stream to a TIFF stack.

#include "insitu/progress.h"
#include "insitu/synth/drift_scene.h"
#include "insitu/synth/expanding_particle.h"
#include "insitu/synth/nanowire_front.h"
#include "insitu/synth/particle_field.h"

#include <filesystem>
#include <string>
#include <variant>
#include <vector>

namespace insitu {

/// Any synthetic scene.
using SceneSpec =
    std::variant<NanowireFrontScene, DriftScene, ExpandingParticleScene, ParticleFieldScene>;

/// Scene names as used by `insitu synth`: nanowire-front, drift, expanding-particle, particles.
[[nodiscard]] std::vector<std::string> sceneNames();
/// The default scene of that name; throws insitu::Error for an unknown name.
[[nodiscard]] SceneSpec defaultScene(const std::string& name);
/// The imaging options of any scene (for the CLI to override).
[[nodiscard]] ImagingOptions& imagingOf(SceneSpec& scene);

/// Renders the scene in memory (frames CV_16U).
[[nodiscard]] SynthMovie renderScene(const SceneSpec& scene, Progress& progress = Progress::none());
/// Streams the scene frame by frame into an ImageJ TIFF stack (uint16, nm, s) and returns its
/// truth; the movie is never held in memory.
SceneTruth writeScene(const SceneSpec& scene, const std::filesystem::path& tiffPath,
                      Progress& progress = Progress::none());

} // namespace insitu
