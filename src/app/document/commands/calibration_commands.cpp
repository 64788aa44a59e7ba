#include "document/commands/calibration_commands.h"

#include "document/commands/roi_commands.h"
#include "document/document.h"

#include <QCoreApplication>

namespace insitu::app {

namespace {
CalibrationOverride currentOverride(const Document* document)
{
    const ProjectMovie* pm = document->projectMovie();
    return pm ? pm->calibrationOverride : CalibrationOverride{};
}
DriftOptions currentDriftOptions(const Document* document)
{
    const ProjectMovie* pm = document->projectMovie();
    return pm ? pm->driftOptions : DriftOptions{};
}
} // namespace

ChangeCalibration::ChangeCalibration(Document* document, CalibrationOverride value,
                                     QUndoCommand* parent)
    : QUndoCommand(QCoreApplication::translate("Commands", "Change calibration"), parent),
      m_document(document), m_value(value), m_original(currentOverride(document))
{
}

void ChangeCalibration::redo()
{
    const CalibrationOverride before = currentOverride(m_document);
    m_document->setCalibrationOverride(m_value);
    m_value = before;
}

void ChangeCalibration::undo()
{
    redo();
}

int ChangeCalibration::id() const
{
    return ChangeCalibrationId;
}

bool ChangeCalibration::mergeWith(const QUndoCommand* other)
{
    if (static_cast<const ChangeCalibration*>(other)->m_document != m_document)
        return false;
    setObsolete(currentOverride(m_document) == m_original);
    return true;
}

ChangeDriftOptions::ChangeDriftOptions(Document* document, DriftOptions value, QUndoCommand* parent)
    : QUndoCommand(QCoreApplication::translate("Commands", "Change drift settings"), parent),
      m_document(document), m_value(std::move(value)), m_original(currentDriftOptions(document))
{
}

void ChangeDriftOptions::redo()
{
    const DriftOptions before = currentDriftOptions(m_document);
    m_document->setDriftOptions(m_value);
    m_value = before;
}

void ChangeDriftOptions::undo()
{
    redo();
}

int ChangeDriftOptions::id() const
{
    return ChangeDriftOptionsId;
}

bool ChangeDriftOptions::mergeWith(const QUndoCommand* other)
{
    if (static_cast<const ChangeDriftOptions*>(other)->m_document != m_document)
        return false;
    setObsolete(currentDriftOptions(m_document) == m_original);
    return true;
}

} // namespace insitu::app
