// SetFft, SetGrains, SetFftSpots: swap the value held by the command with the document's.

#include "document/commands/crystal_commands.h"

#include "document/document.h"

namespace insitu::app {

SetFft::SetFft(Document* document, ProjectFft fft, const QString& text, QUndoCommand* parent)
    : QUndoCommand(text, parent), m_document(document), m_fft(std::move(fft))
{
}

void SetFft::redo()
{
    ProjectFft before = m_document->fft();
    m_document->setFft(std::move(m_fft));
    m_fft = std::move(before);
}

void SetFft::undo()
{
    redo();
}

SetGrains::SetGrains(Document* document, std::optional<ProjectGrains> grains, const QString& text,
                     QUndoCommand* parent)
    : QUndoCommand(text, parent), m_document(document), m_grains(std::move(grains))
{
}

void SetGrains::redo()
{
    std::optional<ProjectGrains> before = m_document->grains();
    m_document->setGrains(std::move(m_grains));
    m_grains = std::move(before);
}

void SetGrains::undo()
{
    redo();
}

SetFftSpots::SetFftSpots(Document* document, std::vector<FftSpot> spots, const QString& text,
                         QUndoCommand* parent)
    : QUndoCommand(text, parent), m_document(document), m_spots(std::move(spots))
{
}

void SetFftSpots::redo()
{
    FftAnalysisSettings settings = m_document->fftSettings();
    std::swap(settings.spots, m_spots);
    m_document->setFftSettings(settings);
}

void SetFftSpots::undo()
{
    redo();
}

} // namespace insitu::app
