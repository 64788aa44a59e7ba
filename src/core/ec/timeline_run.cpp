// runTimeline(): logs read and aligned, dose computed, per-frame table joined.

#include "insitu/ec/timeline_run.h"

#include "insitu/error.h"

#include "number_text.h"

namespace insitu {

std::vector<double> frameTimesSinceFrame0(const Calibration& calibration, int frameCount,
                                          const std::filesystem::path& movie)
{
    std::vector<double> times;
    const auto t0 = calibration.timeOfFrameS(0);
    if (!t0)
        throw Error(movie.string() +
                    ": frame times unknown (no timestamps, no frame interval): give "
                    "--frame-interval-s");
    for (int k = 0; k < frameCount; ++k)
        times.push_back(*calibration.timeOfFrameS(k) - *t0);
    return times;
}

TimelineRun runTimeline(const Movie& movie, const TimelineOptions& options,
                        const TimelineAnalyses& analyses, Progress& progress)
{
    TimelineRun run;
    std::vector<std::string> clockWarnings;
    const auto& cal = movie.calibration();
    auto& in = run.inputs;
    in.frameTimesS = frameTimesSinceFrame0(cal, movie.frameCount(), movie.info().path);
    const auto tz = static_cast<std::size_t>(cal.timeZeroFrame);
    in.timeZeroS = tz < in.frameTimesS.size() ? in.frameTimesS[tz] : 0.0;
    in.nmPerPixel = cal.nmPerPixel;
    in.fronts = analyses.fronts;
    in.areaTracks = analyses.areaTracks;
    in.particleCounts = analyses.particleCounts;
    if (options.movieStart) {
        run.movieStart = options.movieStart;
        run.movieStartSource = "typed";
    } else if (const auto clock = movieStartClock(movie.info())) {
        run.movieStartSource = clock->source;
        if (!clock->utc) {
            run.movieStart = clock->frame0;
        } else {
            run.movieStartUtc = clock->frame0;
            if (options.logUtcOffsetH) {
                run.movieStart = clock->frame0.plusSeconds(*options.logUtcOffsetH * 3600.0);
                run.movieStartSource +=
                    " + UTC offset " + ec::shortNumber(*options.logUtcOffsetH) + " h";
            } else if (!options.logs.empty()) {
                clockWarnings.push_back("the movie's clock is UTC (" + clock->source +
                                        "), the logs' are local: give the logs' UTC offset "
                                        "(--utc-offset-h) or the frame-0 clock (--movie-start)");
            }
        }
    } else {
        run.movieStartSource = "unknown";
    }
    std::optional<std::vector<double>> signal;
    for (const auto& request : options.logs) {
        TimelineLog tl;
        tl.log = readEcLog(request.path, request.format, request.csv);
        AlignmentInput align;
        align.movieStart = run.movieStart;
        align.logStart = tl.log.startTime;
        align.offsetS = request.offsetS;
        align.anchors = request.anchors;
        align.minRateSpanS = options.minRateSpanS;
        tl.alignment = alignClocks(align);
        if (!request.correlateChannel.empty()) {
            const auto* channel = tl.log.channel(request.correlateChannel);
            if (!channel)
                throw Error(request.path.string() + ": no channel \"" + request.correlateChannel +
                            "\" to correlate with");
            if (!signal)
                signal = meanPerFrame(movie, options.signalRectPx, progress);
            auto xc = crossCorrelateClocks(in.frameTimesS, *signal, tl.log.timeS, channel->values,
                                           tl.alignment.offsetS, options.crossCorrelation);
            xc.warnings.insert(xc.warnings.begin(), tl.alignment.warnings.begin(),
                               tl.alignment.warnings.end());
            for (const auto& a : request.anchors)
                xc.anchorResidualsS.push_back(a.movieTimeS - xc.movieTimeS(a.logTimeS));
            tl.alignment = xc;
        }
        in.logs.push_back(std::move(tl));
    }
    in.dose = computeDose(movie, in.frameTimesS, options.dose, progress);
    run.table = buildTimeline(in);
    run.table.warnings.insert(run.table.warnings.begin(), clockWarnings.begin(),
                              clockWarnings.end());
    return run;
}

} // namespace insitu
