#include "document/commands/result_commands.h"

#include "document/document.h"

#include <QCoreApplication>

#include <utility>

namespace insitu::app {

SetDrift::SetDrift(Document* document, std::optional<ProjectDrift> drift, QUndoCommand* parent)
    : QUndoCommand(drift ? QCoreApplication::translate("Commands", "Measure drift")
                         : QCoreApplication::translate("Commands", "Clear drift"),
                   parent),
      m_document(document), m_drift(std::move(drift))
{
}

void SetDrift::redo()
{
    std::optional<ProjectDrift> before = m_document->drift();
    m_document->setDrift(std::move(m_drift));
    m_drift = std::move(before);
}

void SetDrift::undo()
{
    redo();
}

SetFronts::SetFronts(Document* document, int roiId, std::optional<ProjectFronts> fronts,
                     const QString& text, QUndoCommand* parent)
    : QUndoCommand(text, parent), m_document(document), m_roiId(roiId), m_fronts(std::move(fronts))
{
}

void SetFronts::redo()
{
    std::optional<ProjectFronts> before;
    if (const ProjectFronts* current = m_document->fronts(m_roiId))
        before = *current;
    m_document->setFronts(m_roiId, std::move(m_fronts));
    m_fronts = std::move(before);
}

void SetFronts::undo()
{
    redo();
}

} // namespace insitu::app
