#include "views/band_width_box.h"

#include "document/commands/command_ids.h"
#include "document/commands/roi_commands.h"
#include "document/commands/value_commands.h"
#include "document/document.h"
#include "views/roi_editor.h"

#include <QSignalBlocker>
#include <QUndoStack>

namespace insitu::app {

BandWidthBox::BandWidthBox(Document* document, RoiEditor* editor, QWidget* parent)
    : QDoubleSpinBox(parent), m_document(document), m_editor(editor), m_mergeKey(newCommandId())
{
    setObjectName(QStringLiteral("bandWidthBox"));
    setRange(1, 200);
    setSuffix(tr(" px"));
    setToolTip(
        tr("Band width of the selected line or polyline (of new ones when none is selected)"));
    showWidth();
    connect(this, &QDoubleSpinBox::valueChanged, this, &BandWidthBox::applyWidth);
    connect(editor, &RoiEditor::selectionChanged, this, [this] {
        m_mergeKey = newCommandId();
        showWidth();
    });
    connect(document, &Document::roiChanged, this, &BandWidthBox::showWidth);
    connect(document, &Document::frontSettingsChanged, this, &BandWidthBox::showWidth);
    connect(document, &Document::movieChanged, this, &BandWidthBox::showWidth);
}

int BandWidthBox::selectedPathIndex() const
{
    const int index = m_document->roiIndex(m_editor->selectedRoiId());
    if (index < 0)
        return -1;
    const RoiShape shape = m_document->roi(index).shape;
    return shape == RoiShape::Line || shape == RoiShape::Polyline ? index : -1;
}

void BandWidthBox::showWidth()
{
    const int index = selectedPathIndex();
    const QSignalBlocker blocker(this);
    setValue(index >= 0 ? m_document->roi(index).widthPx : m_editor->defaultWidthPx());
}

void BandWidthBox::applyWidth(double widthPx)
{
    const int index = selectedPathIndex();
    if (index < 0) {
        // A typed width, even the default's 20 px, is kept for new paths (no wire measured).
        const BandWidthSetting typed{widthPx, true};
        if (m_document->hasMovie() && typed != BandWidthField::get(*m_document))
            m_document->undoStack()->push(new ChangeBandWidth(m_document, typed));
        return;
    }
    Roi roi = m_document->roi(index);
    if (roi.widthPx == widthPx)
        return;
    roi.widthPx = widthPx;
    m_document->undoStack()->push(
        new ChangeRoi(m_document, index, roi,
                      tr("Change width of %1").arg(QString::fromStdString(roi.name)), m_mergeKey));
}

} // namespace insitu::app
