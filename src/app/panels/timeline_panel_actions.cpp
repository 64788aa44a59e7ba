// TimelinePanel's user actions: each edits a copy of the timeline settings and starts the run
// that pushes it as one undo step.

#include "panels/timeline_panel.h"

#include "document/document.h"

#include <QComboBox>
#include <QFileInfo>
#include <QMessageBox>

namespace insitu::app {

ProjectTimeline TimelinePanel::settings() const
{
    return m_document->timeline().value_or(ProjectTimeline{});
}

ProjectTimelineLog* TimelinePanel::selectedLog(ProjectTimeline& settings) const
{
    const int i = m_logs->currentIndex();
    if (i < 0 || i >= static_cast<int>(settings.logs.size())) {
        QMessageBox::information(const_cast<TimelinePanel*>(this), tr("Timeline"),
                                 tr("Load a log first."));
        return nullptr;
    }
    return &settings.logs[static_cast<std::size_t>(i)];
}

bool TimelinePanel::loadLog(const QString& path)
{
    ProjectTimeline s = settings();
    ProjectTimelineLog log;
    log.path = std::filesystem::absolute(path.toStdString());
    s.logs.push_back(std::move(log));
    return start(s, tr("Load log %1").arg(QFileInfo(path).fileName()));
}

bool TimelinePanel::removeLog()
{
    ProjectTimeline s = settings();
    if (!selectedLog(s))
        return false;
    s.logs.erase(s.logs.begin() + m_logs->currentIndex());
    return start(s, tr("Remove log"));
}

bool TimelinePanel::useHeaderClocks()
{
    ProjectTimeline s = settings();
    auto* log = selectedLog(s);
    if (!log)
        return false;
    log->typedOffsetS.reset();
    log->anchors.clear();
    return start(s, tr("Align by header clocks"));
}

bool TimelinePanel::setOffsetS(double offsetS)
{
    ProjectTimeline s = settings();
    auto* log = selectedLog(s);
    if (!log)
        return false;
    log->typedOffsetS = offsetS;
    log->anchors.clear();
    return start(s, tr("Set log offset"));
}

bool TimelinePanel::addAnchor(int frame, double logTimeS)
{
    ProjectTimeline s = settings();
    auto* log = selectedLog(s);
    if (!log || !m_run)
        return false;
    const auto& times = m_run->inputs.frameTimesS;
    if (frame < 0 || frame >= static_cast<int>(times.size()))
        return false;
    log->anchors.push_back({times[static_cast<std::size_t>(frame)], logTimeS});
    return start(s, tr("Add anchor"));
}

bool TimelinePanel::clearAnchors()
{
    ProjectTimeline s = settings();
    auto* log = selectedLog(s);
    if (!log)
        return false;
    log->anchors.clear();
    return start(s, tr("Clear anchors"));
}

bool TimelinePanel::correlateWith(const QString& channel)
{
    ProjectTimeline s = settings();
    auto* log = selectedLog(s);
    if (!log || channel.isEmpty())
        return false;
    log->anchors.clear();
    log->typedOffsetS.reset();
    // The offset found is kept as the log's typed offset (the project keeps no channel).
    std::optional<cv::Rect> rect;
    if (const auto r = selectedRectPx()) // the selected rectangle, else whole frames
        rect = cv::Rect((*r)[0], (*r)[1], (*r)[2], (*r)[3]);
    return start(
        s, tr("Cross-correlate log"),
        Correlate{static_cast<std::size_t>(m_logs->currentIndex()), channel.toStdString(), rect});
}

bool TimelinePanel::setMovieStart(std::optional<LocalDateTime> movieStart)
{
    ProjectTimeline s = settings();
    if (s.logs.empty()) {
        QMessageBox::information(this, tr("Timeline"), tr("Load a log first."));
        return false;
    }
    s.movieStart = movieStart;
    return start(s, tr("Set movie start"));
}

bool TimelinePanel::setLogUtcOffset(std::optional<double> hours)
{
    ProjectTimeline s = settings();
    if (s.logs.empty()) {
        QMessageBox::information(this, tr("Timeline"), tr("Load a log first."));
        return false;
    }
    s.logUtcOffsetH = hours;
    return start(s, tr("Set the logs' UTC offset"));
}

bool TimelinePanel::moveAnchor(int index, double movieTimeS)
{
    ProjectTimeline s = settings();
    auto* log = selectedLog(s);
    if (!log || index < 0 || index >= static_cast<int>(log->anchors.size()))
        return false;
    log->anchors[static_cast<std::size_t>(index)].movieTimeS = movieTimeS;
    return start(s, tr("Move anchor"));
}

bool TimelinePanel::setDose(const ProjectDoseSettings& dose)
{
    ProjectTimeline s = settings();
    s.dose = dose;
    return start(s, tr("Set dose"));
}

} // namespace insitu::app
