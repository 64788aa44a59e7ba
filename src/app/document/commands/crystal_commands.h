#pragma once
// SetFft, SetGrains, SetFftSpots: the undoable changes of the current movie's FFT results (a
// region added, a map run), grains result (a run, a hand fix) and FFT spot masks.

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

/// Replaces the spot masks of the current movie's FFT settings; one spot added, moved, resized
/// or removed (never merged with the next: each spot edit is its own step).
class SetFftSpots : public QUndoCommand
{
public:
    SetFftSpots(Document* document, std::vector<FftSpot> spots, const QString& text,
                QUndoCommand* parent = nullptr);
    void redo() override;
    void undo() override;

private:
    Document* m_document;
    std::vector<FftSpot> m_spots; ///< swapped with the document's on each step
};

} // namespace insitu::app
