#pragma once
// ParticlesPanel: the GUI of segmentParticles — options, a debounced live preview of the current
// frame, outlines linked to a table, hand edits as undo steps, histograms, exports.

#include "insitu/particles/particle_edit.h"
#include "insitu/particles/particle_segment.h"
#include "insitu/project/project.h"

#include <QWidget>

#include <optional>

class QCheckBox;
class QComboBox;
class QCustomPlot;
class QDoubleSpinBox;
class QLabel;
class QListWidget;
class QPushButton;
class QSpinBox;
class QTableWidget;
class QTimer;

namespace insitu::app {

class Document;
class JobRunner;
class LabelTableLink;
class ParticleOverlayView;

/// Thin GUI over insitu::segmentParticles and the hand edits of particle_edits.h. Settings
/// changes start a preview of the current frame (a job, debounced); Apply stores the result in
/// the project (one undo step, earlier hand edits replayed); each hand edit is one undo step.
/// A stored result whose inputs changed (pixel size, a region ROI) is marked stale.
class ParticlesPanel : public QWidget
{
    Q_OBJECT
public:
    ParticlesPanel(Document* document, JobRunner* jobs, QWidget* parent = nullptr);

    void setCurrentFrame(int frame);
    /// The Document's particle options, which the widgets show (defaults: ParticleOptions{}).
    [[nodiscard]] ParticleOptions options() const;
    /// The checked region ROIs (empty: the whole frame).
    [[nodiscard]] std::vector<Roi> regions() const;
    /// Segments the current frame(s) as a preview (not stored). false when a job is running.
    bool preview();
    /// Segments and stores the result in the project (one undo step). false when busy.
    bool apply();
    /// One hand edit of the stored result (one undo step); false when it changed nothing.
    bool edit(const ParticleEdit& edit);
    /// Why the stored result is stale (empty when fresh or absent).
    [[nodiscard]] QString staleText() const;
    /// Writes the shown result's per-particle CSV / histogram figure (core writer, plot fill).
    void exportCsv(const QString& path) const;
    void exportPlot(const QString& path) const;

    [[nodiscard]] ParticleOverlayView* overlayView() const { return m_view; }
    [[nodiscard]] QTableWidget* table() const { return m_table; }
    [[nodiscard]] QCustomPlot* histogram() const { return m_plot; }
    /// True while the panel shows a preview rather than the stored result.
    [[nodiscard]] bool showingPreview() const { return m_preview.has_value(); }

signals:
    void frameRequested(int frame);

private:
    void refresh();
    void refreshRegions();
    void settingsChanged();
    void showSettings(); ///< the Document's settings into the widgets
    void pushSettings(); ///< the widgets' values into the Document (one undo step)
    void showStored(const ProjectParticles& stored);
    void showSegmentation(const cv::Mat& frame, const ParticleSegmentation& seg,
                          const QString& status);
    [[nodiscard]] std::pair<int, int> frameRange() const;
    [[nodiscard]] cv::Mat imageOf(int first, int last) const;
    [[nodiscard]] const ParticleResult* shownResult() const;

    Document* m_document;
    JobRunner* m_jobs;
    int m_frame = 0;
    QComboBox* m_polarity;
    QComboBox* m_threshold;
    QDoubleSpinBox* m_minDiameter;
    QDoubleSpinBox* m_maxDiameter;
    QDoubleSpinBox* m_neck;
    QCheckBox* m_includeEdge;
    QSpinBox* m_average;
    QListWidget* m_regions;
    QCheckBox* m_live;
    QPushButton* m_apply;
    QLabel* m_status;
    QLabel* m_stale;
    QPushButton* m_rerun;
    QComboBox* m_tool;
    ParticleOverlayView* m_view;
    QTableWidget* m_table;
    QCustomPlot* m_plot;
    QLabel* m_summary;
    QTimer* m_debounce;
    LabelTableLink* m_link; ///< the table's rows and the view's selection
    std::optional<ParticleSegmentation> m_preview;
    ParticleAnalysisSettings m_previewedSettings; ///< the settings the view was last updated for
    bool m_updating = false;
};

} // namespace insitu::app
