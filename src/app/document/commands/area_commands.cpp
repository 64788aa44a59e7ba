#include "document/commands/area_commands.h"

#include "document/document.h"

#include <utility>

namespace insitu::app {

SetAreas::SetAreas(Document* document, std::optional<ProjectAreas> areas,
                   std::optional<AreasInputs> inputs, const QString& text, QUndoCommand* parent)
    : QUndoCommand(text, parent), m_document(document), m_areas(std::move(areas)),
      m_inputs(std::move(inputs))
{
}

void SetAreas::redo()
{
    std::optional<ProjectAreas> areas = m_document->areas();
    std::optional<AreasInputs> inputs = m_document->areasInputs();
    m_document->setAreas(std::move(m_areas), std::move(m_inputs));
    m_areas = std::move(areas);
    m_inputs = std::move(inputs);
}

void SetAreas::undo()
{
    redo();
}

} // namespace insitu::app
