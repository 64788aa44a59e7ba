// Scene dispatch: names, defaults, in-memory rendering and streaming to TIFF.

#include "insitu/synth/synth.h"

#include "scene_writers.h"

#include "insitu/error.h"

namespace insitu {

std::vector<std::string> sceneNames()
{
    return {"nanowire-front", "drift", "expanding-particle", "particles"};
}

SceneSpec defaultScene(const std::string& name)
{
    if (name == "nanowire-front")
        return NanowireFrontScene{};
    if (name == "drift")
        return DriftScene{};
    if (name == "expanding-particle")
        return ExpandingParticleScene{};
    if (name == "particles")
        return ParticleFieldScene{};
    throw Error("synth: unknown scene '" + name +
                "' (known: nanowire-front, drift, expanding-particle, particles)");
}

ImagingOptions& imagingOf(SceneSpec& scene)
{
    return std::visit([](auto& s) -> ImagingOptions& { return s.imaging; }, scene);
}

namespace {
template <class... Ts> struct Overloaded : Ts...
{
    using Ts::operator()...;
};
template <class... Ts> Overloaded(Ts...) -> Overloaded<Ts...>;
} // namespace

SynthMovie renderScene(const SceneSpec& scene, Progress& progress)
{
    return std::visit(
        Overloaded{
            [&](const NanowireFrontScene& s) { return renderNanowireFront(s, progress); },
            [&](const DriftScene& s) { return renderDriftScene(s, progress); },
            [&](const ExpandingParticleScene& s) { return renderExpandingParticles(s, progress); },
            [&](const ParticleFieldScene& s) { return renderParticleField(s, progress); }},
        scene);
}

SceneTruth writeScene(const SceneSpec& scene, const std::filesystem::path& tiffPath,
                      Progress& progress)
{
    return std::visit(Overloaded{[&](const NanowireFrontScene& s) {
                                     return synth::writeNanowireFront(s, tiffPath, progress);
                                 },
                                 [&](const DriftScene& s) {
                                     return synth::writeDriftScene(s, tiffPath, progress);
                                 },
                                 [&](const ExpandingParticleScene& s) {
                                     return synth::writeExpandingParticles(s, tiffPath, progress);
                                 },
                                 [&](const ParticleFieldScene& s) {
                                     return synth::writeParticleField(s, tiffPath, progress);
                                 }},
                      scene);
}

} // namespace insitu
