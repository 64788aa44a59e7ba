#pragma once
// FrontsPanel: the GUI of buildKymograph + trackFronts for the selected path ROI.

#include <QWidget>

class QComboBox;
class QLabel;
class QPushButton;
class QSpinBox;

namespace insitu::app {

class Document;
class JobRunner;
class KymographView;

/// Thin GUI over insitu::buildKymograph and insitu::trackFronts: settings, run/cancel as a
/// job, the kymograph with its fronts, pins by dragging (re-tracks), click to jump to a frame.
class FrontsPanel : public QWidget
{
    Q_OBJECT
public:
    FrontsPanel(Document* document, JobRunner* jobs, QWidget* parent = nullptr);

    /// The ROI the panel works on (a line or polyline), 0 for none.
    void setRoiId(int roiId);
    [[nodiscard]] int roiId() const { return m_roiId; }
    /// Builds the kymograph (drift-corrected when drift is measured) and tracks the fronts.
    bool track();
    /// Adds a pin to front frontIndex and re-tracks on the stored kymograph.
    bool pin(int frontIndex, int frame, double positionPx);
    void setCurrentFrame(int frame);
    [[nodiscard]] KymographView* kymographView() const { return m_view; }

signals:
    void frameRequested(int frame);
    /// Fronts were tracked (the kinetics panel refits them).
    void tracked(int roiId);

private:
    void refresh();

    Document* m_document;
    JobRunner* m_jobs;
    int m_roiId = 0;
    QLabel* m_roiLabel;
    QSpinBox* m_count;
    QComboBox* m_direction;
    QPushButton* m_track;
    QPushButton* m_clearPins;
    KymographView* m_view;
};

} // namespace insitu::app
