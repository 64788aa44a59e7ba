#include "document/commands/roi_commands.h"

#include "document/document.h"

#include <QCoreApplication>

#include <utility>

namespace insitu::app {

AddRoi::AddRoi(Document* document, Roi roi, QUndoCommand* parent)
    : QUndoCommand(
          QCoreApplication::translate("Commands", "Add %1").arg(QString::fromStdString(roi.name)),
          parent),
      m_document(document), m_roi(std::move(roi))
{
}

void AddRoi::redo()
{
    m_index = m_document->roiCount();
    m_document->insertRoi(m_index, m_roi);
}

void AddRoi::undo()
{
    m_roi = m_document->removeRoi(m_index);
}

bool AddRoi::mergeWith(const QUndoCommand* other)
{
    // undo() takes the ROI as it is then, so the measured band comes back with redo().
    const auto* band = dynamic_cast<const ApplyWireBand*>(other);
    return band && band->document() == m_document && band->roiId() == m_roi.id;
}

RemoveRoi::RemoveRoi(Document* document, int index, QUndoCommand* parent)
    : QUndoCommand(parent), m_document(document), m_index(index)
{
    setText(QCoreApplication::translate("Commands", "Delete %1")
                .arg(QString::fromStdString(document->roi(index).name)));
}

void RemoveRoi::redo()
{
    const int roiId = m_document->roi(m_index).id;
    if (const ProjectFronts* fronts = m_document->fronts(roiId)) {
        m_fronts = *fronts;
        if (const FrontsInputs* inputs = m_document->frontsInputs(roiId))
            m_frontsInputs = *inputs;
        m_document->setFronts(roiId, std::nullopt);
    }
    m_roi = m_document->removeRoi(m_index);
}

void RemoveRoi::undo()
{
    m_document->insertRoi(m_index, m_roi);
    if (m_fronts)
        m_document->setFronts(m_roi.id, m_fronts, m_frontsInputs);
}

ChangeRoi::ChangeRoi(Document* document, int index, Roi roi, const QString& text, int mergeKey,
                     QUndoCommand* parent)
    : QUndoCommand(text, parent), m_document(document), m_index(index), m_roi(std::move(roi)),
      m_original(document->roi(index)), m_mergeKey(mergeKey)
{
}

void ChangeRoi::swap()
{
    const Roi current = m_document->roi(m_index);
    m_document->setRoi(m_index, m_roi);
    m_roi = current;
}

void ChangeRoi::redo()
{
    swap();
}

void ChangeRoi::undo()
{
    swap();
}

bool ChangeRoi::mergeWith(const QUndoCommand* other)
{
    const auto* next = static_cast<const ChangeRoi*>(other);
    if (m_mergeKey == 0 || next->m_mergeKey != m_mergeKey || next->m_index != m_index ||
        next->m_document != m_document)
        return false;
    // m_roi holds the value before this command (after redo); keep it, take the newest state.
    setObsolete(m_document->roi(m_index) == m_original);
    return true;
}

ApplyWireBand::ApplyWireBand(Document* document, int roiId, double widthPx, bool joinsCreation,
                             QUndoCommand* parent)
    : QUndoCommand(QCoreApplication::translate("Commands", "Band width from the wire"), parent),
      m_document(document), m_roiId(roiId), m_widthPx(widthPx), m_joinsCreation(joinsCreation)
{
}

void ApplyWireBand::setWidth(double widthPx)
{
    const int index = m_document->roiIndex(m_roiId);
    if (index < 0)
        return;
    Roi roi = m_document->roi(index);
    roi.widthPx = widthPx;
    m_document->setRoi(index, roi);
}

void ApplyWireBand::redo()
{
    const int index = m_document->roiIndex(m_roiId);
    if (index >= 0)
        m_previousPx = m_document->roi(index).widthPx;
    setWidth(m_widthPx);
}

void ApplyWireBand::undo()
{
    setWidth(m_previousPx);
}

} // namespace insitu::app
