#pragma once
// TimelinePanel: potentiostat/holder logs and the electron dose on the movie's clock (issue #19).

#include "insitu/ec/timeline_run.h"
#include "insitu/project/timeline_project.h"

#include <QWidget>

#include <array>
#include <optional>

class QBoxLayout;
class QCheckBox;
class QComboBox;
class QCustomPlot;
class QDoubleSpinBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPushButton;

namespace insitu::app {

class Document;
class JobRunner;
class TimelineStrips;

/// Thin GUI over insitu::runTimeline: load logs (dialog or drag-drop), align each with the
/// movie (header clocks, a typed offset, anchors picked on a frame and a log point,
/// cross-correlation), set the dose; every change is one undo step of the Document's timeline
/// settings, run as a job. Strips of potential, current, charge and dose on the movie's time
/// axis follow the current frame, show the events of the other panels, let anchors be dragged
/// and read every column out under the mouse; the joined results (fronts, areas, particle
/// counts) are plotted against charge, potential or time; warnings and stale results are shown
/// where the result is.
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
    /// Anchor `index` of the selected log moved to movie time movieTimeS (s after frame 0), its
    /// log time kept: one undo step per drag.
    bool moveAnchor(int index, double movieTimeS);
    /// Cross-correlates the movie's mean intensity (in the selected rectangle ROI, else the whole
    /// frame) with channel of the selected log; the offset found is saved as the log's typed
    /// offset.
    bool correlateWith(const QString& channel);
    bool setDose(const ProjectDoseSettings& dose);
    /// The typed frame-0 clock (none: the file's).
    bool setMovieStart(std::optional<LocalDateTime> movieStart);
    /// The logs' clocks are UTC + hours (none: not known); needed when the movie's clock is a
    /// UTC stamp (Velox, SER, file times). One undo step, saved in the project.
    bool setLogUtcOffset(std::optional<double> hours);
    /// Reads the movie-start field (ISO local time, empty: the file's) and the UTC offset field
    /// and applies what changed; false on bad text.
    bool applyMovieStartField();
    /// The dose fields (mode, value, beam area, exposure, vacuum = selected rectangle ROI).
    [[nodiscard]] ProjectDoseSettings doseFromFields() const;
    /// The rectangle ROI selected in the frame view (x, y, w, h), if one is.
    [[nodiscard]] std::optional<std::array<int, 4>> selectedRectPx() const;
    void setSelectedRoiId(int roiId);

    void setCurrentFrame(int frame);
    /// "E 0.2 V · I 1 mA · Q 2 mC · dose 5 e⁻/Å²/s, 50 e⁻/Å²" of a frame ("" without a run).
    [[nodiscard]] QString frameReadout(int frame) const;
    /// Every column of the table at the frame nearest timeS (s from the time-zero frame).
    [[nodiscard]] QString hoverReadout(double timeS) const;
    [[nodiscard]] QString warningText() const;
    /// "Dose unknown: …" when the run has no dose, else "".
    [[nodiscard]] QString doseWarningText() const;
    /// Why the shown alignment differs from the saved one (log changed, ...); "" when fresh.
    [[nodiscard]] QString staleText() const;
    [[nodiscard]] const std::optional<TimelineRun>& run() const { return m_run; }
    [[nodiscard]] TimelineStrips* strips() const { return m_strips; }
    void exportCsv(const QString& path) const;
    /// The results plot (--plot-vs / --result of the CLI) when results exist, else the default.
    void exportPlot(const QString& path) const;
    [[nodiscard]] QCustomPlot* resultPlot() const { return m_resultPlot; }
    [[nodiscard]] bool resultsShown() const { return m_resultsShown; }
    /// "charge", "potential" or "time"; "front", "area" or "particles".
    void setResultPlot(const QString& vs, const QString& result);

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
        std::optional<cv::Rect> signalRectPx; ///< region of the mean intensity (whole frame)
    };
    /// Runs the timeline for settings; pushes them (with the alignment found) as one undo step
    /// named text, or, with an empty text, only shows the result (open, undo, redo, results of
    /// other analyses changed). correlate: align that log by cross-correlation and keep the
    /// offset found as its typed offset.
    bool start(const ProjectTimeline& settings, const QString& text,
               std::optional<Correlate> correlate = std::nullopt);
    void onTimelineChanged();
    void onResultsChanged();
    void refresh();
    void refreshResults();
    void refreshClockAndDose(const ProjectTimeline& settings);
    void addClockAndDoseRows(QFormLayout* form);
    void addResultRows(QBoxLayout* layout);
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
    QDoubleSpinBox* m_exposure = nullptr;
    QCheckBox* m_vacuumFromRoi = nullptr;
    QLineEdit* m_movieStart = nullptr;
    QDoubleSpinBox* m_utcOffset = nullptr; ///< at its minimum: "not set"
    QLabel* m_doseWarning = nullptr;
    QLabel* m_hover = nullptr;
    QComboBox* m_plotVs = nullptr;
    QComboBox* m_plotResult = nullptr;
    QCustomPlot* m_resultPlot = nullptr;
    QLabel* m_resultNote = nullptr;
    bool m_resultsShown = false; ///< the results plot has data (exportPlot draws it)
    bool m_resultChosen = false; ///< the user chose the kind of result plotted
    int m_selectedRoiId = 0;
    QLabel* m_readout;
    QLabel* m_warnings;
    QLabel* m_staleLabel;
    QPushButton* m_rerun;
    TimelineStrips* m_strips;
};

} // namespace insitu::app
