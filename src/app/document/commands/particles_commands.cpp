// SetParticles: swaps the particle result held by the command with the document's.

#include "document/commands/particles_commands.h"

#include "document/document.h"

namespace insitu::app {

SetParticles::SetParticles(Document* document, std::optional<ProjectParticles> particles,
                           const QString& text, QUndoCommand* parent)
    : QUndoCommand(text, parent), m_document(document), m_particles(std::move(particles))
{
}

void SetParticles::redo()
{
    std::optional<ProjectParticles> before = m_document->particles();
    m_document->setParticles(std::move(m_particles));
    m_particles = std::move(before);
}

void SetParticles::undo()
{
    redo();
}

} // namespace insitu::app
