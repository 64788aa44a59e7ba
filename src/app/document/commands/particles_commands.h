#pragma once
// SetParticles: the undoable change of the current movie's particle result (a run, a hand edit).

#include "insitu/project/project.h"

#include <QUndoCommand>

#include <optional>

namespace insitu::app {

class Document;

/// Replaces the current movie's particle result (nullopt clears it); one run or one hand edit.
class SetParticles : public QUndoCommand
{
public:
    SetParticles(Document* document, std::optional<ProjectParticles> particles, const QString& text,
                 QUndoCommand* parent = nullptr);
    void redo() override;
    void undo() override;

private:
    Document* m_document;
    std::optional<ProjectParticles> m_particles; ///< swapped with the document's on each step
};

} // namespace insitu::app
