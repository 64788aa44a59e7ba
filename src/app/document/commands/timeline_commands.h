#pragma once
// Undoable timeline edits: a log loaded or removed, an alignment or dose setting changed, as
// ReplaceValue steps (never merged: each is its own user action).

#include "document/commands/change_value.h"

#include "insitu/project/timeline_project.h"

#include <optional>

namespace insitu::app {

/// The current movie's timeline settings (nullopt: none).
struct TimelineField
{
    using Value = std::optional<ProjectTimeline>;
    static Value get(const Document& document);
    static void set(Document& document, Value value);
};

/// Replaces the current movie's timeline settings (nullopt clears them).
using SetTimeline = ReplaceValue<TimelineField>;

} // namespace insitu::app
