#include "document/commands/result_commands.h"

#include "document/commands/command_ids.h"
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
                     const QString& text, std::optional<FrontsInputs> inputs, Kind kind,
                     QUndoCommand* parent)
    : QUndoCommand(text, parent), m_document(document), m_roiId(roiId), m_fronts(std::move(fronts)),
      m_inputs(std::move(inputs)), m_kind(kind)
{
}

int SetFronts::id() const
{
    static const int trackAndFitId = newCommandId();
    return m_kind == Kind::Edit ? -1 : trackAndFitId;
}

bool SetFronts::mergeWith(const QUndoCommand* other)
{
    const auto* next = dynamic_cast<const SetFronts*>(other);
    if (!next || m_kind != Kind::Track || m_fitJoined || next->m_kind != Kind::Fit ||
        next->m_roiId != m_roiId)
        return false;
    // The document already holds the fitted fronts (push ran next->redo()); this command keeps
    // the state before tracking, so one undo removes both.
    m_fitJoined = true;
    return true;
}

void SetFronts::redo()
{
    std::optional<ProjectFronts> before;
    if (const ProjectFronts* current = m_document->fronts(m_roiId))
        before = *current;
    std::optional<FrontsInputs> inputsBefore;
    if (const FrontsInputs* current = m_document->frontsInputs(m_roiId))
        inputsBefore = *current;
    m_document->setFronts(m_roiId, std::move(m_fronts), std::move(m_inputs));
    m_fronts = std::move(before);
    m_inputs = std::move(inputsBefore);
}

void SetFronts::undo()
{
    redo();
}

} // namespace insitu::app
