// The timeline analysis of a batch run: each movie's logs (named by the recipe's "timeline", e.g.
// "{dir}/{stem}.mpt") put on its clock with the template's log formats, typed offsets and dose
// settings (or the recipe's alignment options), joined per frame with the fronts found before.
// Anchors mark one movie's events and are not carried over.

#include "batch_analyses.h"
#include "summary_rows.h"

#include "insitu/ec/timeline_run.h"
#include "insitu/ec/timeline_settings.h"
#include "insitu/error.h"

#include <cmath>

namespace insitu {

namespace {

std::optional<double> finite(double v)
{
    return std::isfinite(v) ? std::optional(v) : std::nullopt;
}

std::vector<SummaryRow> timelineRows(const TimelineRun& run)
{
    std::vector<SummaryRow> rows;
    for (std::size_t i = 0; i < run.inputs.logs.size(); ++i) {
        const auto& tl = run.inputs.logs[i];
        const std::string object =
            "log " + std::to_string(i + 1) + " " + tl.log.path.filename().string();
        rows.push_back(
            valueRow("timeline", object, "offset_s", tl.alignment.offsetS, tl.alignment.method));
        rows.push_back(
            valueRow("timeline", object, "rate", tl.alignment.rate, tl.alignment.method));
        if (tl.alignment.correlation)
            rows.push_back(valueRow("timeline", object, "correlation", *tl.alignment.correlation,
                                    tl.alignment.method));
    }
    const DoseSeries& dose = *run.inputs.dose;
    rows.push_back(valueRow("timeline", "dose", "rate_first_e_per_A2_s",
                            finite(dose.rateEPerA2S.front()), dose.source));
    rows.push_back(valueRow("timeline", "dose", "cumulative_last_e_per_A2",
                            finite(dose.cumulativeEPerA2.back()), dose.source));
    return rows;
}

class TimelineBatch final : public BatchAnalysis
{
public:
    [[nodiscard]] std::string name() const override { return "timeline"; }

    [[nodiscard]] bool inTemplate(const ProjectMovie& templateMovie) const override
    {
        return templateMovie.timeline.has_value();
    }

    std::vector<SummaryRow> run(BatchMovieContext& c) const override
    {
        const ProjectTimeline& model = *c.templateMovie.timeline;
        if (!c.timeline || c.timeline->logs.empty())
            throw Error("timeline: the recipe names no log for this movie (give \"timeline\": "
                        "{\"logs\": [\"{dir}/{stem}.mpt\"]} or a per-movie override)");
        const BatchTimeline& bt = *c.timeline;
        TimelineOptions options;
        if (bt.movieStart) {
            options.movieStart = parseIsoLocalDateTime(*bt.movieStart);
            if (!options.movieStart)
                throw Error("timeline: movie_start '" + *bt.movieStart +
                            "': expected local time YYYY-MM-DDTHH:MM:SS[.fff] (no zone)");
        }
        for (std::size_t i = 0; i < bt.logs.size(); ++i) {
            const ProjectTimelineLog* stored = i < model.logs.size() ? &model.logs[i] : nullptr;
            const std::string format = !bt.format.empty() ? bt.format
                                       : stored           ? stored->format
                                                          : std::string("auto");
            TimelineLogRequest request;
            request.path = bt.logs[i];
            request.format = ecFormatFromName(format);
            if (i < bt.offsetsS.size())
                request.offsetS = bt.offsetsS[i];
            else if (stored)
                request.offsetS = stored->typedOffsetS;
            if (i == 0)
                request.correlateChannel = bt.correlate;
            options.logs.push_back(std::move(request));
        }
        if (bt.maxLagS)
            options.crossCorrelation.maxLagS = *bt.maxLagS;
        options.dose = doseOptions(model.dose);

        const TimelineRun run =
            runTimeline(c.movie, options, timelineAnalyses(c.result), c.progress);
        for (const auto& warning : run.table.warnings)
            c.log << "timeline: warning: " << warning << '\n';
        saveTimelineCsv(run.table, c.outputDir / "timeline.csv");
        c.result.timeline = projectTimeline(run, options);
        return timelineRows(run);
    }
};

} // namespace

const BatchAnalysis& timelineBatchAnalysis()
{
    static const TimelineBatch analysis;
    return analysis;
}

} // namespace insitu
