// ParticlesResultField: the particle result SetParticles swaps with the document's.

#include "document/commands/particles_commands.h"

#include "document/document.h"

#include <utility>

namespace insitu::app {

ParticlesResultField::Value ParticlesResultField::get(const Document& document)
{
    return document.particles();
}

void ParticlesResultField::set(Document& document, Value value)
{
    document.setParticles(std::move(value));
}

} // namespace insitu::app
