// `insitu timeline MOVIE|PROJECT --ec LOG …`: logs and dose on the movie's clock, per frame.

#include "calibration_options.h"
#include "command_registry.h"
#include "number_checks.h"
#include "output.h"

#include "insitu/ec/timeline_run.h"
#include "insitu/ec/timeline_settings.h"
#include "insitu/error.h"
#include "insitu/project/project_file.h"

#ifdef INSITU_HAVE_PLOT
#include "offscreen_app.h"
#include "plot_export.h"
#include "timeline_plot.h"

#include <qcustomplot.h>
#endif

#include <charconv>
#include <cmath>
#include <iostream>
#include <memory>

namespace insitu::cli {

namespace {

struct TimelineCliOptions
{
    std::string input;
    std::vector<std::string> logs;
    std::string format = "auto";
    std::vector<double> offsetsS;
    std::vector<std::string> anchors;
    std::string correlate;
    std::string signal;            ///< X,Y,W,H of the correlated mean intensity
    std::optional<double> maxLagS; ///< default CrossCorrelationOptions{}.maxLagS
    std::string movieStart;
    std::optional<double> utcOffsetH;
    std::optional<double> doseRate;
    std::optional<double> countsPerElectron;
    std::string vacuum;
    std::optional<double> exposureS;
    std::optional<double> beamCurrentNa;
    std::optional<double> beamAreaUm2;
    CalibrationOverride calibration; // --pixel-size-nm, --frame-interval-s
    std::string output;
    std::string project;
    std::string plot;
    std::string plotX;
    std::vector<std::string> plotY;
    std::string plotVs; ///< charge, potential or time: results against it (with result)
    std::string result; ///< front, area or particles
    bool json = false;
};

double number(std::string_view text, const std::string& what)
{
    double v = 0;
    const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc{} || ptr != text.data() + text.size() || !std::isfinite(v))
        throw Error(what + ": \"" + std::string(text) + "\" is not a number");
    return v;
}

/// "FRAME=LOG_TIME_S[@LOG]" → (log index, anchor).
std::pair<std::size_t, ClockAnchor> parseAnchor(const std::string& text,
                                                const std::vector<double>& frameTimesS)
{
    const auto eq = text.find('=');
    if (eq == std::string::npos)
        throw Error("--anchor '" + text + "': expected FRAME=LOG_TIME_S[@LOG]");
    const auto at = text.find('@', eq);
    const double frame = number(text.substr(0, eq), "--anchor frame");
    const double logTime = number(text.substr(eq + 1, at - eq - 1), "--anchor log time");
    std::size_t log = 0;
    if (at != std::string::npos)
        log = static_cast<std::size_t>(number(text.substr(at + 1), "--anchor log")) - 1;
    const auto k = static_cast<long>(std::lround(frame));
    if (k < 0 || static_cast<std::size_t>(k) >= frameTimesS.size() || k != frame)
        throw Error("--anchor '" + text + "': frame " + text.substr(0, eq) + " is not in 0.." +
                    std::to_string(frameTimesS.size() - 1));
    return {log, {frameTimesS[static_cast<std::size_t>(k)], logTime}};
}

std::optional<cv::Rect> parseRect(const std::string& text, const std::string& what)
{
    if (text.empty())
        return std::nullopt;
    std::vector<int> v;
    std::size_t start = 0;
    while (start <= text.size()) {
        const auto end = text.find(',', start);
        v.push_back(static_cast<int>(number(text.substr(start, end - start), what)));
        if (end == std::string::npos)
            break;
        start = end + 1;
    }
    if (v.size() != 4 || v[2] <= 0 || v[3] <= 0)
        throw Error(what + " '" + text + "': expected X,Y,W,H with W, H > 0");
    return cv::Rect(v[0], v[1], v[2], v[3]);
}

nlohmann::json finiteOrNull(double v)
{
    return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr);
}

nlohmann::json runJson(const TimelineRun& run, const std::string& movie)
{
    std::size_t frontTracks = 0;
    for (const auto& f : run.inputs.fronts)
        frontTracks += f.fronts.size();
    nlohmann::json logs = nlohmann::json::array();
    for (const auto& tl : run.inputs.logs) {
        const auto& a = tl.alignment;
        logs.push_back(
            {{"file", tl.log.path.string()},
             {"format", std::string(ecFormatName(tl.log.format))},
             {"start_time", tl.log.startTime ? nlohmann::json(tl.log.startTime->iso()) : nullptr},
             {"offset_s", a.offsetS},
             {"rate", a.rate},
             {"method", a.method},
             {"anchor_residuals_s", a.anchorResidualsS},
             {"correlation", a.correlation ? nlohmann::json(*a.correlation) : nullptr}});
    }
    const auto& dose = *run.inputs.dose;
    nlohmann::json columns = nlohmann::json::array();
    for (const auto& c : run.table.columns)
        columns.push_back(c.name);
    return {{"movie", movie},
            {"frames", run.inputs.frameTimesS.size()},
            {"movie_start", run.movieStart ? nlohmann::json(run.movieStart->iso()) : nullptr},
            {"movie_start_source", run.movieStartSource},
            {"movie_start_utc",
             run.movieStartUtc ? nlohmann::json(run.movieStartUtc->iso() + "Z") : nullptr},
            {"logs", logs},
            {"dose",
             {{"source", dose.source},
              {"rate_first_e_per_A2_s", finiteOrNull(dose.rateEPerA2S.front())},
              {"cumulative_last_e_per_A2", finiteOrNull(dose.cumulativeEPerA2.back())}}},
            {"columns", columns},
            {"joined_results",
             {{"front_tracks", frontTracks},
              {"area_particles", run.inputs.areaTracks.size()},
              {"particle_regions", run.inputs.particleCounts.size()}}},
            {"warnings", run.table.warnings}};
}

void writePlot(const TimelineTable& table, const TimelineCliOptions& o, bool calibrated)
{
#ifdef INSITU_HAVE_PLOT
    const bool results = !o.plotVs.empty() || !o.result.empty();
    const auto axes =
        results ? plot::timelineResultPlotAxes(table, o.plotVs.empty() ? "charge" : o.plotVs,
                                               o.result.empty() ? "front" : o.result, calibrated)
                : plot::defaultTimelinePlotAxes(table, calibrated);
    const std::string x = o.plotX.empty() ? axes.x : o.plotX;
    const auto y = o.plotY.empty() ? axes.y : o.plotY;
    plot::OffscreenApp app;
    auto figure = plot::makeTimelinePlot(table, x, y);
    plot::savePlot(*figure, QString::fromStdString(o.plot));
#else
    (void)table;
    (void)calibrated;
    throw Error(o.plot + ": this insitu was built without plotting (INSITU_BUILD_GUI=OFF)");
#endif
}

bool isProjectFile(const std::string& path)
{
    const auto ext = std::filesystem::path(path).extension().string();
    return ext == ".h5" || ext == ".hdf5" || ext == ".insitu";
}

/// Dose settings typed on the command line (none typed: the project's are re-applied).
bool doseTyped(const TimelineCliOptions& o)
{
    return o.doseRate || o.countsPerElectron || !o.vacuum.empty() || o.exposureS ||
           o.beamCurrentNa || o.beamAreaUm2;
}

/// The options of this run: the project's saved settings, replaced by whatever was typed.
TimelineOptions timelineOptionsFor(const TimelineCliOptions& o, const ProjectTimeline* stored,
                                   const std::vector<double>& frameTimes)
{
    if (o.logs.empty() && !stored)
        throw Error("timeline: give at least one --ec LOG (or a project that has a timeline)");
    if (o.offsetsS.size() > o.logs.size() && !o.logs.empty())
        throw Error("--offset-s given " + std::to_string(o.offsetsS.size()) + " times for " +
                    std::to_string(o.logs.size()) + " logs");
    TimelineOptions options = stored ? timelineOptions(*stored) : TimelineOptions{};
    if (stored)
        for (const auto& log : stored->logs)
            if (o.logs.empty() && computeMovieFingerprint(log.path) != log.fingerprint)
                std::cerr << log.path.string()
                          << ": warning: the log changed since the project was saved\n";
    if (!o.logs.empty()) { // typed logs replace the saved ones
        options.logs.clear();
        for (std::size_t i = 0; i < o.logs.size(); ++i) {
            TimelineLogRequest request;
            request.path = o.logs[i];
            request.format = ecFormatFromName(o.format);
            if (i < o.offsetsS.size())
                request.offsetS = o.offsetsS[i];
            options.logs.push_back(std::move(request));
        }
    } else if (o.offsetsS.size() > options.logs.size()) {
        throw Error("--offset-s given " + std::to_string(o.offsetsS.size()) + " times for " +
                    std::to_string(options.logs.size()) + " saved logs");
    } else {
        for (std::size_t i = 0; i < o.offsetsS.size(); ++i)
            options.logs[i].offsetS = o.offsetsS[i];
    }
    if (!o.correlate.empty()) {
        if (options.logs.empty())
            throw Error("--correlate: there is no log to align");
        options.logs.front().correlateChannel = o.correlate;
    }
    if (o.maxLagS)
        options.crossCorrelation.maxLagS = *o.maxLagS;
    if (!o.signal.empty())
        options.signalRectPx = parseRect(o.signal, "--signal");
    if (!o.movieStart.empty()) {
        options.movieStart = parseIsoLocalDateTime(o.movieStart);
        if (!options.movieStart)
            throw Error("--movie-start '" + o.movieStart +
                        "': expected local time YYYY-MM-DDTHH:MM:SS[.fff] (no zone)");
    }
    if (o.utcOffsetH)
        options.logUtcOffsetH = o.utcOffsetH;
    for (const auto& text : o.anchors) {
        const auto [log, anchor] = parseAnchor(text, frameTimes);
        if (log >= options.logs.size())
            throw Error("--anchor '" + text + "': there is no log " + std::to_string(log + 1));
        options.logs[log].anchors.push_back(anchor);
    }
    if (doseTyped(o)) {
        options.dose = DoseOptions{};
        options.dose.typedRateEPerA2S = o.doseRate;
        options.dose.countsPerElectron = o.countsPerElectron;
        options.dose.vacuumRectPx = parseRect(o.vacuum, "--vacuum");
        options.dose.exposureS = o.exposureS;
        if (o.beamCurrentNa)
            options.dose.beamCurrentA = *o.beamCurrentNa * 1e-9;
        options.dose.beamAreaUm2 = o.beamAreaUm2;
    }
    return options;
}

int run(const TimelineCliOptions& o)
{
    std::optional<Project> project;
    std::shared_ptr<Movie> movie;
    TimelineAnalyses analyses;
    if (isProjectFile(o.input)) {
        project = loadProject(o.input);
        if (project->movies.empty())
            throw Error(o.input + ": the project holds no movie");
        const auto& pm = project->movies.front();
        movie = openMovie(pm.path);
        movie->setCalibration(pm.effectiveCalibration());
        analyses = timelineAnalyses(pm);
    } else {
        movie = openMovie(o.input);
    }
    printNotes(movie->info());
    applyCalibrationOverride(*movie, o.calibration);
    const Calibration& cal = movie->calibration();
    const auto frameTimes = frameTimesSinceFrame0(cal, movie->frameCount(), movie->info().path);
    const ProjectTimeline* stored =
        project && project->movies.front().timeline ? &*project->movies.front().timeline : nullptr;
    const TimelineOptions options = timelineOptionsFor(o, stored, frameTimes);

    TerminalProgress progress;
    const auto result = runTimeline(*movie, options, analyses, progress);
    if (!o.output.empty())
        saveTimelineCsv(result.table, o.output);
    if (!o.plot.empty())
        writePlot(result.table, o, cal.nmPerPixel.has_value());
    for (const auto& w : result.table.warnings) // after the outputs: a refusal stays one line
        std::cerr << o.input << ": warning: " << w << '\n';
    if (!o.project.empty()) {
        if (!project) {
            project = Project{};
            project->name = movie->info().path.stem().string();
            project->movies.push_back(describeMovie(movie->info().path, project->nextMovieId++));
            project->movies.front().calibrationOverride = o.calibration;
        }
        project->movies.front().timeline = projectTimeline(result, options);
        saveProject(*project, o.project);
    }
    if (o.json) {
        printJson(runJson(result, movie->info().path.string()));
    } else {
        std::cout << movie->info().path.string() << ": " << frameTimes.size() << " frames, start "
                  << (result.movieStart ? result.movieStart->iso() : "unknown") << " ("
                  << result.movieStartSource << ")\n";
        for (const auto& tl : result.inputs.logs)
            std::cout << "  " << tl.log.path.string() << ": t_movie = " << tl.alignment.offsetS
                      << " + " << tl.alignment.rate << " t_log (" << tl.alignment.method << ")\n";
        std::cout << "  dose: " << result.inputs.dose->source << '\n';
    }
    return 0;
}

CLI::Option* positive(CLI::Option* option)
{
    return option->check(positiveFinite());
}

const bool registered = registerCommand(
    {"timeline", "Put potentiostat/holder logs and the electron dose on the movie's clock",
     [](CLI::App& app) {
         auto o = std::make_shared<TimelineCliOptions>();
         app.add_option("MOVIE", o->input, "Movie file or project (.h5)")->required();
         app.add_option("--ec", o->logs,
                        "A log (repeat for several instruments); default: a project's logs")
             ->allow_extra_args(false);
         app.add_option("--format", o->format, "Format of the logs")
             ->check(CLI::IsMember({"auto", "biologic", "gamry", "protochips", "impulse", "csv"}))
             ->capture_default_str();
         app.add_option("--offset-s", o->offsetsS,
                        "t_movie − t_log (s), replacing the header clocks; one per --ec")
             ->allow_extra_args(false);
         app.add_option("--anchor", o->anchors,
                        "FRAME=LOG_TIME_S[@LOG]: the same event in the movie and a log (LOG "
                        "counts --ec from 1)")
             ->allow_extra_args(false);
         auto* correlate =
             app.add_option("--correlate", o->correlate,
                            "Align the first log by cross-correlating the movie's mean intensity "
                            "with this channel (e.g. \"<I>\")");
         app.add_option("--signal", o->signal,
                        "Region X,Y,W,H (px) of the mean intensity --correlate uses (default: "
                        "the whole frame)")
             ->needs(correlate);
         positive(app.add_option(
             "--max-lag-s", o->maxLagS,
             "Cross-correlation lag window (±s, default " +
                 std::to_string(static_cast<int>(CrossCorrelationOptions{}.maxLagS)) + ")"));
         app.add_option("--movie-start", o->movieStart,
                        "Frame-0 clock YYYY-MM-DDTHH:MM:SS (local), when the file has none");
         app.add_option("--utc-offset-h", o->utcOffsetH,
                        "The logs' local clocks are UTC + H hours (with daylight saving): "
                        "needed when the movie's clock is a UTC stamp (Velox, SER, file times)")
             ->check(finiteRange(-14, 14));
         auto* rate = positive(app.add_option("--dose-rate", o->doseRate, "Dose rate e-/A^2/s"));
         auto* cpe = positive(app.add_option("--counts-per-electron", o->countsPerElectron,
                                             "Camera counts per electron: dose from the frames"));
         rate->excludes(cpe);
         app.add_option("--vacuum", o->vacuum, "Vacuum region X,Y,W,H (px) for the dose")
             ->needs(cpe);
         positive(app.add_option("--exposure-s", o->exposureS, "Exposure per frame (s)"));
         positive(app.add_option("--beam-current-nA", o->beamCurrentNa, "Beam current (nA)"));
         positive(app.add_option("--beam-area-um2", o->beamAreaUm2, "Illuminated area (um^2)"));
         addCalibrationOptions(app, o->calibration);
         app.add_option("-o,--output", o->output, "Write the per-frame timeline CSV");
         auto* plot =
             app.add_option("--plot", o->plot,
                            "Plot results against charge (.png, .svg, .pdf): --plot-y columns "
                            "(default: front positions, else current_A) vs --plot-x (default "
                            "charge_C, else time_s)");
         auto* plotX = app.add_option("--plot-x", o->plotX, "Timeline column on the plot's x axis");
         auto* plotY =
             app.add_option("--plot-y", o->plotY, "Timeline column(s) on the plot's y axis")
                 ->allow_extra_args(false);
         auto* plotVs = app.add_option("--plot-vs", o->plotVs,
                                       "Plot --result against charge_C, potential_V or time_s")
                            ->check(CLI::IsMember({"charge", "potential", "time"}));
         auto* result = app.add_option("--result", o->result,
                                       "The results plotted (default front): front positions, "
                                       "area A/A0 per particle or particle counts per region")
                            ->check(CLI::IsMember({"front", "area", "particles"}));
         for (auto* option : {plotVs, result}) {
             option->excludes(plotX)->excludes(plotY);
             option->needs(plot);
         }
         app.add_option("--project", o->project, "Save a project (.h5) with the timeline");
         app.add_flag("--json", o->json, "Print one JSON document");
         return [o] { return run(*o); };
     }});

} // namespace

} // namespace insitu::cli
