// timelineMarks(): user markers, area step events and front onsets on the movie's time axis.

#include "panels/timeline_marks.h"

#include "insitu/project/project.h"

#include <QCoreApplication>

namespace insitu::app {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("TimelineMarks", text);
}

} // namespace

std::vector<TimelineMark> timelineMarks(const ProjectMovie& movie, const TimelineInputs& inputs)
{
    std::vector<TimelineMark> marks;
    const auto timeOfFrame = [&](int frame) -> std::optional<double> {
        if (frame < 0 || static_cast<std::size_t>(frame) >= inputs.frameTimesS.size())
            return std::nullopt;
        return inputs.frameTimesS[static_cast<std::size_t>(frame)] - inputs.timeZeroS;
    };
    for (const auto& m : movie.markers)
        marks.push_back({m.timeS, QString::fromStdString(m.label), QColor(90, 90, 90)});
    if (movie.areas)
        for (const auto& track : movie.areas->result.particles)
            for (const auto& e : track.events)
                if (const auto t = timeOfFrame(e.frame))
                    marks.push_back(
                        {*t,
                         tr("particle %1 %2").arg(track.index).arg(QString::fromStdString(e.kind)),
                         QColor(0, 114, 178)});
    for (const auto& f : movie.fronts)
        for (const auto& track : f.result.fronts)
            if (!track.frames.empty() && track.frames.front() > 0) // seen from frame 0: no onset
                if (const auto t = timeOfFrame(track.frames.front()))
                    marks.push_back({*t,
                                     tr("front %1.%2 starts").arg(f.result.roiId).arg(track.index),
                                     QColor(204, 121, 167)});
    return marks;
}

} // namespace insitu::app
