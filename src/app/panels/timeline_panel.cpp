// TimelinePanel: settings → runTimeline job → one undo step; strips, readout and warnings.

#include "panels/timeline_panel.h"

#include "document/commands/timeline_commands.h"
#include "document/document.h"
#include "jobs/job_runner.h"
#include "panels/timeline_marks.h"
#include "panels/timeline_strips.h"

#include "plot_export.h"
#include "timeline_plot.h"

#include "insitu/ec/timeline_settings.h"
#include "insitu/error.h"
#include "insitu/project/project_file.h"

#include <qcustomplot.h>

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QMimeData>
#include <QPushButton>
#include <QUndoStack>
#include <QVBoxLayout>

#include <cmath>

namespace insitu::app {

namespace {

QString number(double v, const char* unit)
{
    return std::isfinite(v) ? QStringLiteral("%1 %2").arg(v, 0, 'g', 4).arg(QString::fromUtf8(unit))
                            : QStringLiteral("—");
}

QPushButton* button(const QString& text, QWidget* parent, QLayout* layout)
{
    auto* b = new QPushButton(text, parent);
    layout->addWidget(b);
    return b;
}

QDoubleSpinBox* spin(double min, double max, int decimals, const QString& suffix, QWidget* parent)
{
    auto* s = new QDoubleSpinBox(parent);
    s->setRange(min, max);
    s->setDecimals(decimals);
    s->setSuffix(suffix);
    return s;
}

} // namespace

TimelinePanel::TimelinePanel(Document* document, JobRunner* jobs, QWidget* parent)
    : QWidget(parent), m_document(document), m_jobs(jobs), m_logs(new QComboBox(this)),
      m_clock(new QLabel(this)), m_alignment(new QLabel(this)),
      m_offset(spin(-1e7, 1e7, 3, QStringLiteral(" s"), this)),
      m_anchorLogTime(spin(-1e7, 1e7, 3, QStringLiteral(" s"), this)),
      m_channel(new QComboBox(this)), m_doseMode(new QComboBox(this)),
      m_doseValue(spin(0, 1e9, 4, QString(), this)),
      m_beamArea(spin(0, 1e9, 4, QStringLiteral(" µm²"), this)), m_readout(new QLabel(this)),
      m_warnings(new QLabel(this)), m_staleLabel(new QLabel(this)),
      m_rerun(new QPushButton(tr("Re-run"), this)), m_strips(new TimelineStrips(this))
{
    setAcceptDrops(true);
    auto* layout = new QVBoxLayout(this);
    auto* logRow = new QHBoxLayout;
    auto* load = button(tr("Load log…"), this, logRow);
    logRow->addWidget(m_logs, 1);
    auto* remove = button(tr("Remove"), this, logRow);
    layout->addLayout(logRow);
    m_clock->setWordWrap(true);
    layout->addWidget(m_clock);

    auto* form = new QFormLayout;
    auto* alignRow = new QHBoxLayout;
    auto* header = button(tr("Header clocks"), this, alignRow);
    alignRow->addWidget(m_offset);
    auto* setOffset = button(tr("Set offset"), this, alignRow);
    form->addRow(tr("Align"), alignRow);
    auto* anchorRow = new QHBoxLayout;
    m_anchorLogTime->setToolTip(tr("Shift+click a strip to pick the log point"));
    anchorRow->addWidget(m_anchorLogTime);
    auto* anchor = button(tr("Anchor this frame"), this, anchorRow);
    auto* clear = button(tr("Clear anchors"), this, anchorRow);
    form->addRow(tr("Log time"), anchorRow);
    auto* xcRow = new QHBoxLayout;
    xcRow->addWidget(m_channel, 1);
    auto* correlate = button(tr("Cross-correlate"), this, xcRow);
    form->addRow(tr("Channel"), xcRow);
    auto* doseRow = new QHBoxLayout;
    m_doseMode->addItems({tr("Unknown"), tr("Typed rate (e⁻/Å²/s)"),
                          tr("Camera counts (counts/e⁻)"), tr("Beam current (nA)")});
    doseRow->addWidget(m_doseMode);
    doseRow->addWidget(m_doseValue);
    doseRow->addWidget(m_beamArea);
    auto* applyDose = button(tr("Apply"), this, doseRow);
    form->addRow(tr("Dose"), doseRow);
    addClockAndDoseRows(form);
    layout->addLayout(form);
    m_alignment->setWordWrap(true);
    layout->addWidget(m_alignment);
    auto* staleRow = new QHBoxLayout;
    m_staleLabel->setWordWrap(true);
    m_staleLabel->setStyleSheet(QStringLiteral("color: #b35900"));
    staleRow->addWidget(m_staleLabel, 1);
    staleRow->addWidget(m_rerun);
    layout->addLayout(staleRow);
    m_warnings->setWordWrap(true);
    m_warnings->setStyleSheet(QStringLiteral("color: #b35900"));
    layout->addWidget(m_warnings);
    layout->addWidget(m_readout);
    m_hover = new QLabel(this);
    m_hover->setWordWrap(true);
    layout->addWidget(m_hover);
    auto* plots = new QHBoxLayout; // the strips, and beside them the results plot
    plots->addWidget(m_strips, 3);
    addResultRows(plots);
    layout->addLayout(plots, 1);
    auto* exportRow = new QHBoxLayout;
    exportRow->addStretch(1);
    auto* csv = button(tr("Export CSV…"), this, exportRow);
    auto* figure = button(tr("Export plot…"), this, exportRow);
    layout->addLayout(exportRow);

    connect(load, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(
            this, tr("Load a potentiostat or holder log"), QString(),
            tr("Logs (*.mpt *.DTA *.dta *.csv *.tsv *.txt);;All files (*)"));
        if (!path.isEmpty())
            loadLog(path);
    });
    connect(remove, &QPushButton::clicked, this, [this] { removeLog(); });
    connect(header, &QPushButton::clicked, this, [this] { useHeaderClocks(); });
    connect(setOffset, &QPushButton::clicked, this, [this] { setOffsetS(m_offset->value()); });
    connect(anchor, &QPushButton::clicked, this,
            [this] { addAnchor(m_frame, m_anchorLogTime->value()); });
    connect(clear, &QPushButton::clicked, this, [this] { clearAnchors(); });
    connect(correlate, &QPushButton::clicked, this,
            [this] { correlateWith(m_channel->currentText()); });
    connect(applyDose, &QPushButton::clicked, this, [this] { setDose(doseFromFields()); });
    connect(m_logs, &QComboBox::currentIndexChanged, this, [this] { refresh(); });
    connect(m_rerun, &QPushButton::clicked, this,
            [this] { start(settings(), tr("Re-run timeline")); });
    connect(csv, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export the timeline"),
                                                          QString(), tr("CSV (*.csv)"));
        if (!path.isEmpty())
            try {
                exportCsv(path);
            } catch (const std::exception& e) {
                QMessageBox::warning(this, tr("Export"), QString::fromUtf8(e.what()));
            }
    });
    connect(figure, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(
            this, tr("Export the timeline plot"), QString(), tr("Figures (*.png *.svg *.pdf)"));
        if (!path.isEmpty())
            try {
                exportPlot(path);
            } catch (const std::exception& e) {
                QMessageBox::warning(this, tr("Export"), QString::fromUtf8(e.what()));
            }
    });
    connect(m_strips, &TimelineStrips::clicked, this, [this](double timeS, bool shift) {
        if (!m_run)
            return;
        const double movieTimeS = timeS + m_run->inputs.timeZeroS;
        if (shift) {
            pickLogPoint(movieTimeS);
            return;
        }
        const auto& t = m_run->inputs.frameTimesS;
        int best = 0;
        for (std::size_t k = 0; k < t.size(); ++k)
            if (std::abs(t[k] - movieTimeS) <
                std::abs(t[static_cast<std::size_t>(best)] - movieTimeS))
                best = static_cast<int>(k);
        emit frameRequested(best);
    });
    connect(m_strips, &TimelineStrips::hovered, this,
            [this](double timeS) { m_hover->setText(hoverReadout(timeS)); });
    connect(m_strips, &TimelineStrips::anchorDragged, this, [this](int index, double timeS) {
        if (m_run)
            moveAnchor(index, timeS + m_run->inputs.timeZeroS);
    });
    connect(m_document, &Document::timelineChanged, this, &TimelinePanel::onTimelineChanged);
    connect(m_document, &Document::areasChanged, this, &TimelinePanel::onResultsChanged);
    connect(m_document, &Document::particlesChanged, this, &TimelinePanel::onResultsChanged);
    connect(m_document, &Document::frontsChanged, this, &TimelinePanel::onResultsChanged);
    // the frame times (and nm of the joined results) come from the calibration
    connect(m_document, &Document::calibrationChanged, this, &TimelinePanel::onResultsChanged);
    connect(m_document, &Document::movieChanged, this, [this] {
        m_runSettings.reset(); // another movie or project: its logs may have changed since
        onTimelineChanged();
    });
    connect(m_jobs, &JobRunner::finished, this, [this] {
        if (m_refreshPending) {
            m_refreshPending = false;
            onTimelineChanged();
        }
    });
    refresh();
}

bool TimelinePanel::start(const ProjectTimeline& s, const QString& text,
                          std::optional<Correlate> correlate)
{
    auto movie = m_document->movie();
    const ProjectMovie* pm = m_document->projectMovie();
    if (!movie || !pm)
        return false;
    const TimelineAnalyses analyses = timelineAnalyses(*pm);
    TimelineOptions options;
    try {
        options = timelineOptions(s);
        if (correlate) {
            options.logs.at(correlate->log).correlateChannel = correlate->channel;
            options.signalRectPx = correlate->signalRectPx;
        } else if (!text.isEmpty()) {
            // An alignment set by hand replaces a saved cross-correlation, from the offset it
            // had found (a reload, text empty, correlates again as the CLI does).
            for (std::size_t i = 0; i < options.logs.size() && i < s.logs.size(); ++i) {
                auto& log = options.logs[i];
                if (log.correlateChannel.empty())
                    continue;
                log.correlateChannel.clear();
                if (log.anchors.empty())
                    log.offsetS = s.logs[i].offsetS;
            }
        }
    } catch (const std::exception& e) {
        m_warnings->setText(QString::fromUtf8(e.what()));
        return false;
    }
    Document* document = m_document;
    const bool push = !text.isEmpty();
    const bool started = m_jobs->run<TimelineRun>(
        tr("Timeline"),
        [movie, options, analyses](Progress& progress) {
            return runTimeline(*movie, options, analyses, progress);
        },
        [this, document, options, s, push, text, correlate](TimelineRun run) {
            ProjectTimeline done = projectTimeline(run, options);
            done.movieStart = s.movieStart; // typed or none, as it was set
            if (correlate)
                done.logs.at(correlate->log).typedOffsetS =
                    run.inputs.logs.at(correlate->log).alignment.offsetS;
            if (push) {
                m_run = std::move(run);
                m_runSettings = done;
                m_stale.clear();
                document->undoStack()->push(new SetTimeline(document, done, text));
            } else {
                // Shown from the saved settings: flag where the saved alignment differs.
                QStringList why;
                for (std::size_t i = 0; i < s.logs.size() && i < done.logs.size(); ++i) {
                    const auto& was = s.logs[i];
                    const auto& now = done.logs[i];
                    if (was.fingerprint != now.fingerprint)
                        why << tr("%1 changed since it was saved")
                                   .arg(QString::fromStdString(was.path.filename().string()));
                    else if (std::abs(was.offsetS - now.offsetS) > 1e-9 ||
                             std::abs(was.rate - now.rate) > 1e-12)
                        why << tr("log %1: saved alignment a = %2 s differs from a = %3 s now")
                                   .arg(i + 1)
                                   .arg(was.offsetS, 0, 'g', 6)
                                   .arg(now.offsetS, 0, 'g', 6);
                }
                m_stale = why.join(QStringLiteral("; "));
                m_run = std::move(run);
                m_runSettings = s;
            }
            refresh();
        });
    if (!started && !push)
        m_refreshPending = true;
    return started;
}

void TimelinePanel::onTimelineChanged()
{
    const auto& saved = m_document->timeline();
    if (!saved || !m_document->hasMovie()) {
        m_run.reset();
        m_runSettings.reset();
        m_stale.clear();
        refresh();
        return;
    }
    if (m_runSettings && *m_runSettings == *saved) {
        refresh();
        return;
    }
    start(*saved, QString()); // open, undo, redo: show what the saved settings give
}

void TimelinePanel::refresh()
{
    const auto s = settings();
    const int selected = std::max(0, m_logs->currentIndex());
    {
        const QSignalBlocker blocker(m_logs);
        m_logs->clear();
        for (const auto& log : s.logs)
            m_logs->addItem(QString::fromStdString(log.path.filename().string()));
        m_logs->setCurrentIndex(std::min(selected, m_logs->count() - 1));
    }
    refreshClockAndDose(s); // the saved settings (a project opened, an undo)
    m_staleLabel->setText(m_stale.isEmpty() ? QString() : tr("Stale: ") + m_stale);
    m_rerun->setVisible(!m_stale.isEmpty());
    m_strips->setTable(m_run ? &m_run->table : nullptr);
    m_channel->clear();
    refreshResults();
    if (!m_run) {
        m_clock->setText(s.logs.empty() ? tr("Load a potentiostat or holder log (or drop it here).")
                                        : QString());
        m_alignment->clear();
        m_warnings->clear();
        m_readout->clear();
        return;
    }
    const auto& run = *m_run;
    if (const ProjectMovie* pm = m_document->projectMovie())
        m_strips->setMarks(timelineMarks(*pm, run.inputs));
    m_clock->setText(
        tr("Frame 0: %1 (%2)")
            .arg(run.movieStart ? QString::fromStdString(run.movieStart->iso()) : tr("unknown"))
            .arg(QString::fromStdString(run.movieStartSource)));
    const int i = m_logs->currentIndex();
    if (i >= 0 && i < static_cast<int>(run.inputs.logs.size())) {
        const auto& tl = run.inputs.logs[static_cast<std::size_t>(i)];
        for (const auto& c : tl.log.channels)
            m_channel->addItem(QString::fromStdString(c.name));
        const auto& a = tl.alignment;
        QString text = tr("t_movie = %1 s + %2 · t_log (%3)")
                           .arg(a.offsetS, 0, 'g', 7)
                           .arg(a.rate, 0, 'g', 9)
                           .arg(QString::fromStdString(a.method));
        if (!a.anchorResidualsS.empty()) {
            QStringList r;
            for (const double v : a.anchorResidualsS)
                r << QString::number(v, 'g', 3);
            text += tr("; residuals at the anchors: %1 s").arg(r.join(QStringLiteral(", ")));
        }
        if (a.correlation)
            text += tr("; r = %1").arg(*a.correlation, 0, 'f', 3);
        m_alignment->setText(text);
        const QSignalBlocker blocker(m_offset);
        m_offset->setValue(a.offsetS);
        std::vector<double> anchorTimesS;
        if (i < static_cast<int>(s.logs.size()))
            for (const auto& anchor : s.logs[static_cast<std::size_t>(i)].anchors)
                anchorTimesS.push_back(anchor.movieTimeS - run.inputs.timeZeroS);
        m_strips->setAnchors(std::move(anchorTimesS));
    }
    m_warnings->setText(warningText());
    setCurrentFrame(m_frame);
}

QString TimelinePanel::warningText() const
{
    if (!m_run)
        return {};
    QStringList lines;
    for (const auto& w : m_run->table.warnings)
        lines << QString::fromStdString(w);
    return lines.join(QLatin1Char('\n'));
}

QString TimelinePanel::staleText() const
{
    return m_stale;
}

QString TimelinePanel::frameReadout(int frame) const
{
    if (!m_run || frame < 0 || frame >= static_cast<int>(m_run->inputs.frameTimesS.size()))
        return {};
    const auto k = static_cast<std::size_t>(frame);
    const auto value = [&](const char* name) {
        const auto* c = m_run->table.column(name);
        return c && k < c->values.size() ? c->values[k] : std::nan("");
    };
    return tr("E %1 · I %2 · Q %3 · dose %4, %5")
        .arg(number(value("potential_V"), "V"), number(value("current_A"), "A"),
             number(value("charge_C"), "C"), number(value("dose_rate_e_per_A2_s"), "e⁻/Å²/s"),
             number(value("dose_e_per_A2"), "e⁻/Å²"));
}

void TimelinePanel::setCurrentFrame(int frame)
{
    m_frame = frame;
    if (!m_run)
        return;
    const auto* time = m_run->table.column("time_s");
    if (time && frame >= 0 && frame < static_cast<int>(time->values.size()))
        m_strips->setCursorTimeS(time->values[static_cast<std::size_t>(frame)]);
    m_readout->setText(tr("Frame %1: %2").arg(frame).arg(frameReadout(frame)));
}

void TimelinePanel::pickLogPoint(double movieTimeS)
{
    const int i = m_logs->currentIndex();
    if (!m_run || i < 0 || i >= static_cast<int>(m_run->inputs.logs.size()))
        return;
    m_anchorLogTime->setValue(
        m_run->inputs.logs[static_cast<std::size_t>(i)].alignment.logTimeS(movieTimeS));
}

void TimelinePanel::exportCsv(const QString& path) const
{
    if (!m_run)
        throw Error("no timeline to export: load a log first");
    saveTimelineCsv(m_run->table, path.toStdString());
}

void TimelinePanel::dragEnterEvent(QDragEnterEvent* event)
{
    if (event->mimeData()->hasUrls())
        event->acceptProposedAction();
}

void TimelinePanel::dropEvent(QDropEvent* event)
{
    for (const QUrl& url : event->mimeData()->urls())
        if (url.isLocalFile()) {
            loadLog(url.toLocalFile());
            break; // one job at a time: one log per drop
        }
    event->acceptProposedAction();
}

} // namespace insitu::app
