// SetTimeline: swaps the timeline settings of the current movie.

#include "document/commands/timeline_commands.h"

#include "document/document.h"

namespace insitu::app {

SetTimeline::SetTimeline(Document* document, std::optional<ProjectTimeline> timeline,
                         const QString& text, QUndoCommand* parent)
    : QUndoCommand(text, parent), m_document(document), m_timeline(std::move(timeline))
{
}

void SetTimeline::redo()
{
    swap();
}

void SetTimeline::undo()
{
    swap();
}

void SetTimeline::swap()
{
    std::optional<ProjectTimeline> previous = m_document->timeline();
    m_document->setTimeline(std::move(m_timeline));
    m_timeline = std::move(previous);
}

} // namespace insitu::app
