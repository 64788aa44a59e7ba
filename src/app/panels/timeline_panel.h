#pragma once
// TimelinePanel: potentiostat/holder logs and the electron dose on the movie's clock (issue #19).

#include "insitu/ec/timeline_run.h"
#include "insitu/project/timeline_project.h"

#include <QWidget>

#include <optional>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QPushButton;

namespace insitu::app {

class Document;
class JobRunner;
class TimelineStrips;

/// Thin GUI over insitu::runTimeline: load logs (dialog or drag-drop), align each with the
/// movie (header clocks, a typed offset, anchors picked on a frame and a log point,
/// cross-correlation), set the dose; every change is one undo step of the Document's timeline
/// settings, run as a job. Strips of potential, current, charge and dose against movie time
/// follow the current frame; warnings and stale results are shown where the result is.
class TimelinePanel : public QWidget
{
    Q_OBJECT
public:
    TimelinePanel(Document* document, JobRunner* jobs, QWidget* parent = nullptr);

    // --- user actions: each runs the timeline and pushes one undo step when it succeeds ---
    bool loadLog(const QString& path);
    bool removeLog();
    /// Back to the header clocks for the selected log (no offset, anchors or correlation).
    bool useHeaderClocks();
    bool setOffsetS(double offsetS);
    /// The event seen in frame `frame` is at logTimeS on the selected log's own axis.
    bool addAnchor(int frame, double logTimeS);
    bool clearAnchors();
    /// Cross-correlates the movie's mean intensity with channel of the selected log; the offset
    /// found is saved as the log's typed offset.
    bool correlateWith(const QString& channel);
    bool setDose(const ProjectDoseSettings& dose);

    void setCurrentFrame(int frame);
    /// "E 0.2 V · I 1 mA · Q 2 mC · dose 5 e⁻/Å²/s, 50 e⁻/Å²" of a frame ("" without a run).
    [[nodiscard]] QString frameReadout(int frame) const;
    [[nodiscard]] QString warningText() const;
    /// Why the shown alignment differs from the saved one (log changed, ...); "" when fresh.
    [[nodiscard]] QString staleText() const;
    [[nodiscard]] const std::optional<TimelineRun>& run() const { return m_run; }
    [[nodiscard]] TimelineStrips* strips() const { return m_strips; }
    void exportCsv(const QString& path) const;
    void exportPlot(const QString& path) const;

signals:
    void frameRequested(int frame);

protected:
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    [[nodiscard]] ProjectTimeline settings() const;
    [[nodiscard]] ProjectTimelineLog* selectedLog(ProjectTimeline& settings) const;
    struct Correlate
    {
        std::size_t log;
        std::string channel;
    };
    /// Runs the timeline for settings; pushes them (with the alignment found) as one undo step
    /// named text, or, with an empty text, only shows the result (open, undo, redo). correlate:
    /// align that log by cross-correlation and keep the offset found as its typed offset.
    bool start(const ProjectTimeline& settings, const QString& text,
               std::optional<Correlate> correlate = std::nullopt);
    void onTimelineChanged();
    void refresh();
    void pickLogPoint(double movieTimeS);

    Document* m_document;
    JobRunner* m_jobs;
    std::optional<TimelineRun> m_run;
    std::optional<ProjectTimeline> m_runSettings; ///< what m_run was computed from
    QString m_stale;
    bool m_refreshPending = false;
    int m_frame = 0;
    QComboBox* m_logs;
    QLabel* m_clock;
    QLabel* m_alignment;
    QDoubleSpinBox* m_offset;
    QDoubleSpinBox* m_anchorLogTime;
    QComboBox* m_channel;
    QComboBox* m_doseMode;
    QDoubleSpinBox* m_doseValue;
    QDoubleSpinBox* m_beamArea;
    QLabel* m_readout;
    QLabel* m_warnings;
    QLabel* m_staleLabel;
    QPushButton* m_rerun;
    TimelineStrips* m_strips;
};

} // namespace insitu::app
