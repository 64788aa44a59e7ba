#pragma once
// AreasPanel: the GUI of followOutlines + analyseAreas for the polygon and ellipse ROIs.

#include "insitu/area/area_result.h"

#include <QWidget>

#include <map>
#include <vector>

class QCheckBox;
class QComboBox;
class QCustomPlot;
class QLabel;
class QListWidget;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace insitu::app {

class Document;
class JobRunner;

/// Thin GUI over insitu::followOutlines and insitu::analyseAreas: the polygon/ellipse ROIs
/// ticked as seeds (drawn on the seed frame), Track as a job, A/A0 with fits and events (the
/// CLI's fillAreaPlot), a table per particle, keyframe edits that re-run as one undo step,
/// stale marks with a re-run, exports through the CLI's writers.
class AreasPanel : public QWidget
{
    Q_OBJECT
public:
    AreasPanel(Document* document, JobRunner* jobs, QWidget* parent = nullptr);

    /// The ticked seed ROIs, in ROI order (one particle each).
    [[nodiscard]] std::vector<int> seedRoiIds() const;
    void setSeedChecked(int roiId, bool checked);
    /// The frame the seeds are drawn on (their place there is where the ROI shows on it).
    void setSeedFrame(int frame);
    /// The settings of the next run: the Document's area options (AreaOptions{}, the CLI's
    /// defaults, until edited), which the model and core widgets show.
    [[nodiscard]] AreaOptions options() const;
    /// Follows the seeds (keeping the hand keyframes of the shown result) as a job.
    bool track();
    /// Makes outlinePx (frame `frame` image px) particle's hard keyframe and re-runs: one undo
    /// step. removeRoiId (non-zero): the ROI it was edited as goes in the same step.
    bool setKeyframe(int particle, int frame, std::vector<PointPx> outlinePx, int removeRoiId = 0);
    /// The selected particle's outline on the current frame as a new polygon ROI to edit;
    /// returns its id (0 when there is none).
    int editOutlineAsRoi();
    /// The polygon ROI roiId (drawn or edited on the current frame) as the selected particle's
    /// keyframe there; the ROI is removed in the same undo step.
    bool setKeyframeFromRoi(int roiId);
    void setCurrentFrame(int frame);
    /// The ROI selected in the window (what "Set keyframe here" uses).
    void setSelectedRoiId(int roiId) { m_selectedRoiId = roiId; }
    [[nodiscard]] int selectedParticle() const;
    /// Why the shown areas are stale (empty when they match the panel's inputs).
    [[nodiscard]] QString staleText() const;
    /// Writes the areas with insitu::saveAreasCsv (the bytes of `insitu area -o`).
    void exportCsv(const QString& path) const;
    /// Writes the plot as `insitu area --plot` does (same fill function, same figure size).
    void exportPlot(const QString& path) const;
    [[nodiscard]] QCustomPlot* plot() const { return m_plot; }
    [[nodiscard]] QTableWidget* table() const { return m_table; }

signals:
    void frameRequested(int frame);
    void roiSelectionRequested(int roiId);

private:
    void showResult();
    void showSettings(); ///< the Document's options into the widgets
    void pushSettings(); ///< the widgets' values into the Document (one undo step)
    void rebuildSeeds();
    void refresh();
    void fillTable();
    bool run(std::vector<AreaKeyframe> keyframes, const QString& text, int removeRoiId);
    [[nodiscard]] std::vector<AreaKeyframe> seedKeyframes() const;
    [[nodiscard]] PointPx driftAt(int frame) const;
    void chooseFile(bool csv);

    Document* m_document;
    JobRunner* m_jobs;
    int m_currentFrame = 0;
    int m_selectedRoiId = 0;
    std::map<int, bool> m_checked; ///< the user's ticks by ROI id (others: the default)
    QListWidget* m_seeds;
    QSpinBox* m_seedFrame;
    QComboBox* m_model;
    QCheckBox* m_core;
    QPushButton* m_track;
    QLabel* m_stale;
    QPushButton* m_rerun;
    QCustomPlot* m_plot;
    QTableWidget* m_table;
    QPushButton* m_editOutline;
    QPushButton* m_setKeyframe;
    QPushButton* m_exportCsv;
    QPushButton* m_exportPlot;
    bool m_updating = false;
};

} // namespace insitu::app
