#pragma once
// GrainsPanel: the GUI of insitu grains — a segmentation of the current frame as a job, the ECD
// histogram, E112 intercepts and phase fractions, the grains on the frame and in a table, and hand
// fixes (merge, delete, split, draw a boundary) as undo steps.

#include "overlays/frame_overlays.h"

#include "insitu/crystal/grain_analysis.h"
#include "insitu/project/grains_edit.h"

#include <QPointF>
#include <QWidget>

#include <vector>

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
class LabelTableLink;

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
    /// A click on the main frame view at frame-0 px (the drift of the analysed frame added back)
    /// while it shows shownFrame: selects the grain there on the panel's view and in the table
    /// (add: shift-click adds or removes it), as a click on the panel's view does. false (nothing
    /// changed) when shownFrame is not the analysed frame or no grains are shown.
    bool pickOnFrame(int shownFrame, QPointF frame0Px, bool add);
    /// The outlines of the selected grains in frame-0 px (drawn on the main frame view).
    [[nodiscard]] std::vector<OutlineOverlay> selectedOutlines() const;

    [[nodiscard]] QCustomPlot* histogram() const { return m_plot; }
    [[nodiscard]] QLabel* summary() const { return m_summary; }
    [[nodiscard]] GrainOverlayView* view() const { return m_view; }
    [[nodiscard]] QTableWidget* table() const { return m_table; }
    [[nodiscard]] QLabel* status() const { return m_status; }

signals:
    /// The selected grains changed (picked here or on the frame, or new content).
    void selectionShown();

private:
    void refresh();
    void refreshRegions();
    /// The stored result on the view and in the table.
    void refreshGrains();
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
    LabelTableLink* m_link; ///< the table's rows and the view's selection
    QLabel* m_status;
    QCustomPlot* m_plot;
    QLabel* m_summary;
    bool m_updating = false;
};

} // namespace insitu::app
