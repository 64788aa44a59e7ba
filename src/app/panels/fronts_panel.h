#pragma once
// FrontsPanel: the GUI of buildKymograph + trackFronts for the selected path ROI.

#include "document/band_width.h"
#include "panels/front_series.h"

#include "insitu/front/front_result.h"

#include <QWidget>

#include <optional>

class QComboBox;
class QLabel;
class QPushButton;
class QSpinBox;

namespace insitu::app {

class Document;
class JobRunner;
class WireBandJob;
class KymographView;

/// Thin GUI over insitu::buildKymograph and insitu::trackFronts: settings, run/cancel as a
/// job, the kymograph with its fronts, pins by dragging (re-tracks), click to jump to a frame.
/// Fronts computed from inputs that changed since (ROI moved, drift re-measured) are flagged
/// stale with a one-click re-run.
class FrontsPanel : public QWidget
{
    Q_OBJECT
public:
    FrontsPanel(Document* document, JobRunner* jobs, QWidget* parent = nullptr);

    /// The ROI the panel works on (a line or polyline), 0 for none.
    void setRoiId(int roiId);
    [[nodiscard]] int roiId() const { return m_roiId; }
    /// Builds the kymograph (drift-corrected when drift is measured) and tracks the fronts; a
    /// band still being measured for the ROI (wireBandJob) is waited for first.
    bool track();
    /// The measurement of new paths' bands that track() waits for and that bandFromWire() uses
    /// (may be null).
    void setWireBandJob(WireBandJob* wireBandJob);
    /// Adds a pin to front frontIndex and re-tracks on the stored kymograph.
    bool pin(int frontIndex, int frame, double positionPx);
    /// Sets the ROI's band width to the core's default from the wire under it (one undo step)
    /// and says what was measured. With a WireBandJob the wire is measured off the GUI thread
    /// and the note follows when it ends (returns nullopt); a bare panel measures at once.
    std::optional<WireBand> bandFromWire();
    /// Removes every pin and re-tracks on the stored kymograph (one undo step).
    bool clearPins();
    void setCurrentFrame(int frame);
    /// The options the next tracking run uses (the Document's front tracking settings).
    [[nodiscard]] FrontOptions options() const;
    /// Why the shown fronts are stale (empty when they match the document's inputs).
    [[nodiscard]] QString staleText() const;
    [[nodiscard]] KymographView* kymographView() const { return m_view; }

signals:
    void frameRequested(int frame);
    /// Fronts were tracked and fitted with the document's kinetics settings (one undo step).
    void tracked(int roiId);

private:
    void showWireNote(const WireBand& wireBand);
    void refresh();
    void showSettings();
    void pushSettings();
    bool retrack(std::vector<std::vector<FrontPin>> pins, const QString& text);
    /// The kinetics fit a tracking run applies to its fronts (the document's settings now).
    [[nodiscard]] FrontFitRequest fitRequest() const;

    Document* m_document;
    JobRunner* m_jobs;
    WireBandJob* m_wireBandJob = nullptr;
    int m_roiId = 0;
    QLabel* m_roiLabel;
    QSpinBox* m_count;
    QComboBox* m_direction;
    QPushButton* m_track;
    QPushButton* m_wireBand;
    QLabel* m_wireNote;
    QLabel* m_stale;
    QPushButton* m_rerun;
    QPushButton* m_clearPins;
    KymographView* m_view;
    bool m_updating = false;
};

} // namespace insitu::app
