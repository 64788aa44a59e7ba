#pragma once
// BandWidthBox: the tool bar's band width — of the selected line/polyline, else of new ones.

#include <QDoubleSpinBox>

namespace insitu::app {

class Document;
class RoiEditor;

/// Shows and edits the band width (px) of the selected path ROI (one undo step per ROI while it
/// stays selected), or, with no path selected, the front settings' width of the next one drawn.
class BandWidthBox : public QDoubleSpinBox
{
    Q_OBJECT
public:
    BandWidthBox(Document* document, RoiEditor* editor, QWidget* parent = nullptr);

private:
    /// Index of the selected line or polyline ROI, or −1.
    [[nodiscard]] int selectedPathIndex() const;
    void showWidth();
    void applyWidth(double widthPx);

    Document* m_document;
    RoiEditor* m_editor;
    int m_mergeKey; // one per selection: edits of one ROI merge, of the next one do not
};

} // namespace insitu::app
