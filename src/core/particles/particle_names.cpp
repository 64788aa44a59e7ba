// Names of the particle options' and edits' enums, as the CLI, JSON and the project file spell
// them (kept apart from the analysis so that readers of stored results need no segmentation).

#include "insitu/error.h"
#include "insitu/particles/particle_edit.h"
#include "insitu/particles/particle_options.h"

#include <string>

namespace insitu {

const char* particlePolarityName(ParticlePolarity polarity)
{
    switch (polarity) {
    case ParticlePolarity::Dark:
        return "dark";
    case ParticlePolarity::Bright:
        return "bright";
    default:
        return "auto";
    }
}

ParticlePolarity particlePolarityFromName(const std::string& name)
{
    if (name == "auto")
        return ParticlePolarity::Auto;
    if (name == "dark")
        return ParticlePolarity::Dark;
    if (name == "bright")
        return ParticlePolarity::Bright;
    throw Error("unknown particle polarity '" + name + "' (auto, dark, bright)");
}

const char* particleThresholdName(ParticleThreshold threshold)
{
    switch (threshold) {
    case ParticleThreshold::Local:
        return "local";
    case ParticleThreshold::Blob:
        return "blob";
    default:
        return "global";
    }
}

ParticleThreshold particleThresholdFromName(const std::string& name)
{
    if (name == "global")
        return ParticleThreshold::Global;
    if (name == "local")
        return ParticleThreshold::Local;
    if (name == "blob")
        return ParticleThreshold::Blob;
    throw Error("unknown particle threshold '" + name + "' (global, local, blob)");
}

const char* particleEditKindName(ParticleEditKind kind)
{
    switch (kind) {
    case ParticleEditKind::Merge:
        return "merge";
    case ParticleEditKind::Split:
        return "split";
    case ParticleEditKind::Add:
        return "add";
    default:
        return "delete";
    }
}

ParticleEditKind particleEditKindFromName(const std::string& name)
{
    for (auto kind : {ParticleEditKind::Delete, ParticleEditKind::Merge, ParticleEditKind::Split,
                      ParticleEditKind::Add})
        if (name == particleEditKindName(kind))
            return kind;
    throw Error("unknown particle edit '" + name + "' (delete, merge, split, add)");
}

} // namespace insitu
