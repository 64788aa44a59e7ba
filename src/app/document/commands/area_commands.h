#pragma once
// Undoable areas results: a tracking run (or a keyframe edit that re-ran it) applied to the
// document.

#include "document/areas_inputs.h"

#include "insitu/project/project.h"

#include <QUndoCommand>

#include <optional>

namespace insitu::app {

class Document;

/// Replaces the current movie's areas (nullopt clears them) together with the inputs they were
/// computed from, so undo restores both.
class SetAreas : public QUndoCommand
{
public:
    SetAreas(Document* document, std::optional<ProjectAreas> areas,
             std::optional<AreasInputs> inputs, const QString& text,
             QUndoCommand* parent = nullptr);
    void redo() override;
    void undo() override;

private:
    Document* m_document;
    std::optional<ProjectAreas> m_areas;
    std::optional<AreasInputs> m_inputs;
};

} // namespace insitu::app
