#include "views/band_width_box.h"

#include "document/commands/command_ids.h"
#include "document/commands/roi_commands.h"
#include "document/commands/value_commands.h"
#include "document/document.h"
#include "jobs/wire_band_job.h"
#include "views/roi_editor.h"

#include <QSignalBlocker>
#include <QUndoStack>

namespace insitu::app {

BandWidthBox::BandWidthBox(Document* document, RoiEditor* editor, QWidget* parent)
    : QDoubleSpinBox(parent), m_document(document), m_editor(editor), m_mergeKey(newCommandId())
{
    setObjectName(QStringLiteral("bandWidthBox"));
    // The minimum, 0, reads "wire": the band from the wire under the path (new paths, or the
    // selected one measured again), the core's default.
    setRange(0, 200);
    setSpecialValueText(tr("wire"));
    setSuffix(tr(" px"));
    setToolTip(tr("Band width of the selected line or polyline (of new ones when none is "
                  "selected); \"wire\" (below 1 px) takes the band from the wire under the path"));
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
    if (index >= 0)
        setValue(m_document->roi(index).widthPx);
    else
        setValue(m_document->frontSettings().bandWidthTyped ? m_editor->defaultWidthPx() : 0);
}

void BandWidthBox::applyWidth(double widthPx)
{
    const int index = selectedPathIndex();
    const bool fromWire = widthPx < 1;
    if (index < 0) {
        // A typed width, even the default's 20 px, is kept for new paths (no wire measured);
        // "wire" makes new paths follow the wire again.
        const BandWidthSetting setting =
            fromWire ? BandWidthSetting{} : BandWidthSetting{widthPx, true};
        if (m_document->hasMovie() && setting != BandWidthField::get(*m_document))
            m_document->undoStack()->push(new ChangeBandWidth(m_document, setting));
        showWidth();
        return;
    }
    if (fromWire) { // measured off the GUI thread; the ROI takes it in one undo step
        m_editor->wireBandJob()->request(m_document->roi(index).id, false);
        showWidth();
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
