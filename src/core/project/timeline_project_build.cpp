// A timeline run as the project stores it, and the dose options back from a stored setting.

#include "insitu/project/timeline_project_build.h"

#include "insitu/project/project_file.h"

namespace insitu {

ProjectTimeline projectTimelineOf(const TimelineRun& run, const TimelineOptions& options,
                                  const std::vector<std::string>& formats)
{
    ProjectTimeline t;
    if (run.movieStartSource == "typed")
        t.movieStart = run.movieStart;
    for (std::size_t i = 0; i < run.inputs.logs.size(); ++i) {
        const auto& tl = run.inputs.logs[i];
        const auto& request = options.logs[i];
        ProjectTimelineLog entry;
        entry.path = std::filesystem::absolute(tl.log.path);
        entry.fingerprint = computeMovieFingerprint(tl.log.path);
        entry.format = i < formats.size() ? formats[i] : "auto";
        entry.typedOffsetS = request.offsetS;
        entry.anchors = request.anchors;
        entry.offsetS = tl.alignment.offsetS;
        entry.rate = tl.alignment.rate;
        entry.method = tl.alignment.method;
        t.logs.push_back(std::move(entry));
    }
    const auto& d = options.dose;
    t.dose.typedRateEPerA2S = d.typedRateEPerA2S;
    t.dose.countsPerElectron = d.countsPerElectron;
    if (d.vacuumRectPx)
        t.dose.vacuumRectPx = std::array<int, 4>{d.vacuumRectPx->x, d.vacuumRectPx->y,
                                                 d.vacuumRectPx->width, d.vacuumRectPx->height};
    t.dose.exposureS = d.exposureS;
    t.dose.beamCurrentA = d.beamCurrentA;
    t.dose.beamAreaUm2 = d.beamAreaUm2;
    return t;
}

DoseOptions doseOptionsOf(const ProjectDoseSettings& dose)
{
    DoseOptions d;
    d.typedRateEPerA2S = dose.typedRateEPerA2S;
    d.countsPerElectron = dose.countsPerElectron;
    if (dose.vacuumRectPx) {
        const auto& r = *dose.vacuumRectPx;
        d.vacuumRectPx = cv::Rect(r[0], r[1], r[2], r[3]);
    }
    d.exposureS = dose.exposureS;
    d.beamCurrentA = dose.beamCurrentA;
    d.beamAreaUm2 = dose.beamAreaUm2;
    return d;
}

} // namespace insitu
