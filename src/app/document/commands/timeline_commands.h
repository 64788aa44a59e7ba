#pragma once
// Undoable timeline edits: a log loaded or removed, an alignment or dose setting changed.

#include "insitu/project/timeline_project.h"

#include <QUndoCommand>

#include <optional>

namespace insitu::app {

class Document;

/// Replaces the current movie's timeline settings (nullopt clears them): one undo step per
/// user action (never merged).
class SetTimeline : public QUndoCommand
{
public:
    SetTimeline(Document* document, std::optional<ProjectTimeline> timeline, const QString& text,
                QUndoCommand* parent = nullptr);
    void redo() override;
    void undo() override;

private:
    void swap();

    Document* m_document;
    std::optional<ProjectTimeline> m_timeline;
};

} // namespace insitu::app
