#pragma once
// GrainsPanel: the GUI of insitu grains — a segmentation of the current frame as a job, the ECD
// histogram, E112 intercepts and phase fractions, and hand fixes (merge, delete) as undo steps.

#include "insitu/crystal/grain_analysis.h"
#include "insitu/project/grains_edit.h"

#include <QWidget>

class QComboBox;
class QCustomPlot;
class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QSpinBox;

namespace insitu::app {

class Document;
class JobRunner;

/// Thin GUI over analyseGrains (GrainAnalysisOptions{} defaults, as `insitu grains`) and
/// editedGrains. The options are the Document's (ChangeGrainSettings). Run stores the result of
/// the current frame (one undo step); each hand fix is one undo step. The stored result shows
/// when a project opens and is marked stale when the pixel size or the options changed since.
class GrainsPanel : public QWidget
{
    Q_OBJECT
public:
    GrainsPanel(Document* document, JobRunner* jobs, QWidget* parent = nullptr);

    void setCurrentFrame(int frame);
    /// The Document's grains options the widgets show (GrainAnalysisOptions{} until edited).
    [[nodiscard]] GrainAnalysisOptions options() const;
    /// Segments the current frame (whole frame or the chosen rectangle ROI) into the project.
    bool run();
    /// One hand fix of the stored result (one undo step); false (with a message) when refused.
    bool edit(const GrainEdit& edit);
    /// Why the stored result is stale (empty when fresh or absent).
    [[nodiscard]] QString staleText() const;

    [[nodiscard]] QCustomPlot* histogram() const { return m_plot; }
    [[nodiscard]] QLabel* summary() const { return m_summary; }

private:
    void refresh();
    void refreshRegions();
    /// The Document's settings into the widgets (no undo step).
    void showSettings();
    /// The widgets' values into the Document (one ChangeGrainSettings step when they differ).
    void pushSettings();

    Document* m_document;
    JobRunner* m_jobs;
    int m_frame = 0;
    QComboBox* m_region;
    QDoubleSpinBox* m_minGrain;
    QDoubleSpinBox* m_merge;
    QPushButton* m_run;
    QLabel* m_stale;
    QPushButton* m_rerun;
    QSpinBox* m_grainId;
    QSpinBox* m_otherId;
    QLabel* m_status;
    QCustomPlot* m_plot;
    QLabel* m_summary;
    bool m_updating = false;
};

} // namespace insitu::app
