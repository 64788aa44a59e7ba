#pragma once
// GrainsPanel: the GUI of insitu grains — a segmentation of the current frame as a job, the ECD
// histogram, E112 intercepts and phase fractions, the grains on the frame and in a table, and hand
// fixes (merge, delete, split, draw a boundary) as undo steps.

#include "insitu/crystal/grain_analysis.h"
#include "insitu/project/grains_edit.h"

#include <QWidget>

class QComboBox;
class QCustomPlot;
class QTableWidget;
class QDoubleSpinBox;
class QLabel;
class QPushButton;

namespace insitu::app {

class Document;
class GrainOverlayView;
class JobRunner;

/// Thin GUI over analyseGrains (GrainAnalysisOptions{} defaults, as `insitu grains`) and
/// editedGrains. Grains are picked on the view of the analysed region or in the table (the two
/// follow each other; shift-click adds to the selection); the view's Split and Boundary tools
/// draw a line or a stroke that core cuts into the labels. The options are the Document's
/// (ChangeGrainSettings). Run stores the result of the current frame (one undo step); each hand fix
/// is one undo step. The stored result shows when a project opens and is marked stale when the
/// pixel size or the options changed since.
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
    /// Merges the selected grains into the first selected (one undo step; needs two).
    bool mergeSelected();
    /// Deletes the selected grains (one undo step).
    bool deleteSelected();
    /// Why the stored result is stale (empty when fresh or absent).
    [[nodiscard]] QString staleText() const;

    [[nodiscard]] QCustomPlot* histogram() const { return m_plot; }
    [[nodiscard]] QLabel* summary() const { return m_summary; }
    [[nodiscard]] GrainOverlayView* view() const { return m_view; }
    [[nodiscard]] QTableWidget* table() const { return m_table; }
    [[nodiscard]] QLabel* status() const { return m_status; }

private:
    void refresh();
    void refreshRegions();
    /// The stored result on the view and in the table.
    void refreshGrains();
    /// The view's selection as the table's selected rows.
    void selectRows(const std::vector<int>& grainIds);
    /// Pushes edited as one undo step named text.
    void pushEdited(ProjectGrains edited, const QString& text);
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
    QComboBox* m_tool;
    GrainOverlayView* m_view;
    QTableWidget* m_table;
    QLabel* m_status;
    QCustomPlot* m_plot;
    QLabel* m_summary;
    bool m_updating = false;
};

} // namespace insitu::app
