#pragma once
// SetFft, SetGrains: the undoable changes of the current movie's FFT results (a region added, a
// map run) and grains result (a run, a hand fix).

#include "insitu/project/project.h"

#include <QUndoCommand>

#include <optional>

namespace insitu::app {

class Document;

/// Replaces the current movie's FFT regions and map; one user action.
class SetFft : public QUndoCommand
{
public:
    SetFft(Document* document, ProjectFft fft, const QString& text, QUndoCommand* parent = nullptr);
    void redo() override;
    void undo() override;

private:
    Document* m_document;
    ProjectFft m_fft; ///< swapped with the document's on each step
};

/// Replaces the current movie's grains result (nullopt clears it); one run or one hand fix.
class SetGrains : public QUndoCommand
{
public:
    SetGrains(Document* document, std::optional<ProjectGrains> grains, const QString& text,
              QUndoCommand* parent = nullptr);
    void redo() override;
    void undo() override;

private:
    Document* m_document;
    std::optional<ProjectGrains> m_grains; ///< swapped with the document's on each step
};

} // namespace insitu::app
