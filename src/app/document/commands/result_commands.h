#pragma once
// Undoable results: applying a drift measurement or a front tracking run to the document.

#include "insitu/project/project.h"

#include <QUndoCommand>

#include <optional>

namespace insitu::app {

class Document;

/// Replaces the current movie's drift result (nullopt clears it).
class SetDrift : public QUndoCommand
{
public:
    SetDrift(Document* document, std::optional<ProjectDrift> drift, QUndoCommand* parent = nullptr);
    void redo() override;
    void undo() override;

private:
    Document* m_document;
    std::optional<ProjectDrift> m_drift;
};

/// Replaces the fronts tracked on one ROI (nullopt clears them).
class SetFronts : public QUndoCommand
{
public:
    SetFronts(Document* document, int roiId, std::optional<ProjectFronts> fronts,
              const QString& text, QUndoCommand* parent = nullptr);
    void redo() override;
    void undo() override;

private:
    Document* m_document;
    int m_roiId;
    std::optional<ProjectFronts> m_fronts;
};

} // namespace insitu::app
