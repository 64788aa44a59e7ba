#pragma once
// SetParticles: the undoable change of the current movie's particle result (a run, a hand edit),
// a ReplaceValue step (never merged: each is its own user action).

#include "document/commands/change_value.h"

#include "insitu/project/project.h"

#include <optional>

namespace insitu::app {

/// The current movie's particle result (nullopt: none).
struct ParticlesResultField
{
    using Value = std::optional<ProjectParticles>;
    static Value get(const Document& document);
    static void set(Document& document, Value value);
};

/// Replaces the current movie's particle result (nullopt clears it); one run or one hand edit.
using SetParticles = ReplaceValue<ParticlesResultField>;

} // namespace insitu::app
