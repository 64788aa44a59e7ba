// timelineOptions() / projectTimeline(): saved timeline settings ↔ runTimeline() options.

#include "insitu/ec/timeline_settings.h"

#include "insitu/project/project.h"
#include "insitu/project/project_file.h"

#include <algorithm>

namespace insitu {

DoseOptions doseOptions(const ProjectDoseSettings& saved)
{
    DoseOptions d;
    d.typedRateEPerA2S = saved.typedRateEPerA2S;
    d.countsPerElectron = saved.countsPerElectron;
    if (const auto& r = saved.vacuumRectPx)
        d.vacuumRectPx = cv::Rect((*r)[0], (*r)[1], (*r)[2], (*r)[3]);
    d.exposureS = saved.exposureS;
    d.beamCurrentA = saved.beamCurrentA;
    d.beamAreaUm2 = saved.beamAreaUm2;
    return d;
}

ProjectDoseSettings doseSettings(const DoseOptions& d)
{
    ProjectDoseSettings s;
    s.typedRateEPerA2S = d.typedRateEPerA2S;
    s.countsPerElectron = d.countsPerElectron;
    if (const auto& r = d.vacuumRectPx)
        s.vacuumRectPx = std::array<int, 4>{r->x, r->y, r->width, r->height};
    s.exposureS = d.exposureS;
    s.beamCurrentA = d.beamCurrentA;
    s.beamAreaUm2 = d.beamAreaUm2;
    return s;
}

TimelineOptions timelineOptions(const ProjectTimeline& saved)
{
    TimelineOptions o;
    o.movieStart = saved.movieStart;
    for (const auto& log : saved.logs) {
        TimelineLogRequest request;
        request.path = log.path;
        request.format = ecFormatFromName(log.format);
        request.offsetS = log.typedOffsetS;
        request.anchors = log.anchors;
        request.correlateChannel = log.correlateChannel;
        o.logs.push_back(std::move(request));
    }
    o.dose = doseOptions(saved.dose);
    o.logUtcOffsetH = saved.logUtcOffsetH;
    if (const auto& r = saved.signalRectPx)
        o.signalRectPx = cv::Rect((*r)[0], (*r)[1], (*r)[2], (*r)[3]);
    if (saved.correlationMaxLagS)
        o.crossCorrelation.maxLagS = *saved.correlationMaxLagS;
    return o;
}

ProjectTimeline projectTimeline(const TimelineRun& run, const TimelineOptions& options)
{
    ProjectTimeline t;
    if (run.movieStartSource == "typed")
        t.movieStart = run.movieStart;
    for (std::size_t i = 0; i < run.inputs.logs.size() && i < options.logs.size(); ++i) {
        const auto& tl = run.inputs.logs[i];
        const auto& request = options.logs[i];
        ProjectTimelineLog entry;
        entry.path = std::filesystem::absolute(tl.log.path);
        entry.fingerprint = computeMovieFingerprint(tl.log.path);
        entry.format = std::string(ecFormatName(request.format));
        entry.typedOffsetS = request.offsetS;
        entry.anchors = request.anchors;
        entry.offsetS = tl.alignment.offsetS;
        entry.rate = tl.alignment.rate;
        entry.method = tl.alignment.method;
        entry.correlateChannel = request.correlateChannel;
        t.logs.push_back(std::move(entry));
    }
    t.dose = doseSettings(options.dose);
    t.logUtcOffsetH = options.logUtcOffsetH;
    const bool correlated = std::any_of(options.logs.begin(), options.logs.end(),
                                        [](const auto& l) { return !l.correlateChannel.empty(); });
    if (correlated) { // what a cross-correlation used (nothing otherwise)
        if (const auto& r = options.signalRectPx)
            t.signalRectPx = std::array<int, 4>{r->x, r->y, r->width, r->height};
        t.correlationMaxLagS = options.crossCorrelation.maxLagS;
    }
    return t;
}

TimelineAnalyses timelineAnalyses(const ProjectMovie& movie)
{
    TimelineAnalyses a;
    for (const auto& f : movie.fronts)
        a.fronts.push_back(f.result);
    if (movie.areas)
        a.areaTracks = movie.areas->result.particles;
    if (const auto& p = movie.particles)
        for (const auto& region : p->result.regions)
            a.particleCounts.push_back({region.name, p->firstFrame, p->lastFrame, region.count});
    return a;
}

} // namespace insitu
