#pragma once
// DriftPanel: the GUI of estimateDrift — reference, region, run/cancel, trajectory, corrected view.

#include <QWidget>

class QCheckBox;
class QComboBox;
class QCustomPlot;
class QLabel;
class QPushButton;
class QRectF;

namespace insitu::app {

class Document;
class JobRunner;

/// Thin GUI over insitu::estimateDrift: edits DriftOptions (undoable), runs the estimation as a
/// job and applies the result with SetDrift; plots dx, dy against frame.
class DriftPanel : public QWidget
{
    Q_OBJECT
public:
    DriftPanel(Document* document, JobRunner* jobs, QWidget* parent = nullptr);

    /// Starts the estimation with the document's options; false if a job is running.
    bool run();
    /// Sets the registration region (frame-0 px) from a rectangle drawn on the frame.
    void setRegion(const QRectF& region);
    [[nodiscard]] bool showCorrected() const;
    /// Sets the "view drift-corrected" toggle (emits showCorrectedChanged when it changes).
    void setShowCorrected(bool corrected);
    [[nodiscard]] QCustomPlot* plot() const { return m_plot; }
    /// Why the drift shown is stale (settings changed since), empty when it is not.
    [[nodiscard]] QString staleText() const;

signals:
    void regionDrawRequested();
    /// The "view drift-corrected" toggle changed.
    void showCorrectedChanged(bool corrected);

private:
    void refresh();
    void refreshPlot();
    void pushOptions();

    Document* m_document;
    JobRunner* m_jobs;
    QComboBox* m_reference;
    QLabel* m_region;
    QPushButton* m_run;
    QCheckBox* m_corrected;
    QCheckBox* m_downweight; ///< DriftOptions::downweightChanges
    QCustomPlot* m_plot;
    QLabel* m_summary;
    QLabel* m_stale;
    bool m_updating = false;
};

} // namespace insitu::app
