// TimelineField: the timeline settings SetTimeline swaps with the document's.

#include "document/commands/timeline_commands.h"

#include "document/document.h"

#include <utility>

namespace insitu::app {

TimelineField::Value TimelineField::get(const Document& document)
{
    return document.timeline();
}

void TimelineField::set(Document& document, Value value)
{
    document.setTimeline(std::move(value));
}

} // namespace insitu::app
