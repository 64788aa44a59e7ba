// `insitu render MOVIE|PROJECT -o OUT.mp4|.avi|.gif [--fps N] [--frames A:B[:STEP]]
//  [--drift-corrected] [--scale-bar] [--timestamp] [--frame-number] [--overlays LAYER,…]
//  [--plot kinetics|areas|timeline] [--contrast auto|LO,HI] [--preset X264_PRESET]
//  [--pixel-size-nm NM] [--frame-interval-s S]
//  [--json]`: an annotated movie for a talk or the supporting information.

#include "calibration_options.h"
#include "command_registry.h"
#include "number_checks.h"
#include "output.h"
#include "render_inputs.h"
#include "render_plot_panel.h"

#include "insitu/ec/timeline_settings.h"
#include "insitu/error.h"
#include "insitu/io/movie.h"
#include "insitu/project/project_file.h"
#include "insitu/registration/drift.h"
#include "insitu/render/movie_render.h"
#include "insitu/render/mp4_writer.h"
#include "insitu/render/project_overlays.h"

#ifdef INSITU_HAVE_PLOT
#include "offscreen_app.h"
#endif

#include <iostream>
#include <memory>

namespace insitu::cli {

namespace {

struct RenderCliOptions
{
    std::string input;
    std::string output;
    double fps = RenderOptions{}.fps;
    std::string frames;
    bool driftCorrected = false;
    bool scaleBar = false;
    bool timestamp = false;
    bool frameNumber = false;
    std::vector<std::string> overlays;
    std::string contrast = "auto";
    std::string plot;
    std::string preset = RenderOptions{}.x264Preset;
    std::optional<int> movieId;
    CalibrationOverride calibration; // --pixel-size-nm, --frame-interval-s
    std::vector<std::string> searchPaths;
    bool json = false;
};

void applyFrames(const std::string& text, RenderOptions& options)
{
    if (text.empty())
        return;
    const auto v = splitNumbers(text, ':', "--frames");
    if (v.size() < 2 || v.size() > 3)
        throw Error("--frames '" + text + "': expected A:B or A:B:STEP (frames, inclusive)");
    options.firstFrame = static_cast<int>(v[0]);
    options.lastFrame = static_cast<int>(v[1]);
    if (v.size() == 3)
        options.stride = static_cast<int>(v[2]);
}

void applyContrast(const std::string& text, RenderOptions& options)
{
    if (const auto range = parseContrast(text)) {
        options.contrastLo = range->first;
        options.contrastHi = range->second;
    }
}

/// The per-frame timeline the project's settings give (its logs read again, as `insitu timeline
/// PROJECT` does), warnings printed.
TimelineTable timelineTable(const Movie& movie, const ProjectTimeline& saved,
                            const TimelineAnalyses& analyses, const std::string& input)
{
    TimelineRun run = runTimeline(movie, timelineOptions(saved), analyses, Progress::none());
    for (const auto& w : run.table.warnings)
        std::cerr << input << ": warning: " << w << '\n';
    return std::move(run.table);
}

int run(const RenderCliOptions& o)
{
    RenderOptions options;
    options.fps = o.fps;
    options.driftCorrected = o.driftCorrected;
    options.scaleBar = o.scaleBar;
    options.timestamp = o.timestamp;
    options.frameNumber = o.frameNumber;
    options.x264Preset = o.preset;
    applyFrames(o.frames, options);
    applyContrast(o.contrast, options);

    ProjectOverlays overlays;
    std::vector<ProjectFronts> fronts;
    std::optional<ProjectAreas> areas;
    std::optional<ProjectTimeline> timeline;
    TimelineAnalyses timelineResults; // what the timeline joins per frame
    std::shared_ptr<Movie> movie;
    std::optional<DriftResult> drift;
    const std::filesystem::path input(o.input);
    const bool isProject = input.extension() == ".h5";
    if (isProject) {
        const Project project = loadProject(input);
        const ProjectMovieInput in = openProjectMovie(project, input, o.movieId, o.searchPaths);
        const ProjectMovie* pm = in.projectMovie;
        movie = in.movie;
        if (pm->drift)
            drift = pm->drift->result;
        overlays = projectOverlays(*pm, o.overlays);
        fronts = pm->fronts;
        areas = pm->areas;
        timeline = pm->timeline;
        timelineResults = timelineAnalyses(*pm);
    } else {
        if (!o.overlays.empty() || !o.plot.empty())
            throw Error(o.input + ": overlays and plots come from a project; give a project "
                                  "file (.h5)");
        movie = openMovie(input);
    }
    applyCalibrationOverride(*movie, o.calibration);
    const Calibration cal = movie->calibration();

    SidePanelProvider panel;
#ifdef INSITU_HAVE_PLOT
    std::optional<plot::OffscreenApp> app;
#endif
    if (!o.plot.empty()) {
        if (o.plot != "kinetics" && o.plot != "areas" && o.plot != "timeline")
            throw Error("--plot '" + o.plot + "' is not available (use kinetics, areas, timeline)");
        if (o.plot == "kinetics" && fronts.empty())
            throw Error(o.input + ": --plot kinetics needs fronts in the project");
        if (o.plot == "areas" && !areas)
            throw Error(o.input + ": --plot areas needs an areas result (insitu area --project)");
        if (o.plot == "timeline" && !timeline)
            throw Error(o.input + ": --plot timeline needs a timeline (insitu timeline --project)");
#ifdef INSITU_HAVE_PLOT
        app.emplace();
#endif
        options.sidePanelWidthPx = sidePanelWidthPx(movie->height());
        const cv::Size size{options.sidePanelWidthPx, movie->height()};
        if (o.plot == "kinetics")
            panel = kineticsSidePanel(fronts.front(), cal, movie->frameCount(), size);
        else if (o.plot == "areas")
            panel = areasSidePanel(areas->result, cal, movie->frameCount(), size);
        else
            panel = timelineSidePanel(timelineTable(*movie, *timeline, timelineResults, o.input),
                                      movie->frameCount(), size);
    }

    TerminalProgress progress;
    if (o.driftCorrected && !drift)
        drift = estimateDrift(*movie, DriftOptions{}, progress);

    const RenderSummary s = renderMovie(
        *movie, o.output, options, drift ? &*drift : nullptr,
        o.overlays.empty() ? OverlayProvider{} : OverlayProvider(overlays), panel, progress);
    if (o.json)
        printJson({{"file", s.path.string()},
                   {"frames", s.frames},
                   {"width", s.width},
                   {"height", s.height},
                   {"fps", s.fps},
                   {"codec", s.codec},
                   {"real_time_factor", numberOrNull(s.realTimeFactor)},
                   {"scale_bar_nm", numberOrNull(s.scaleBarNm)}});
    else
        std::cout << s.path.string() << ": " << s.frames << " frames, " << s.width << " x "
                  << s.height << " px, " << s.fps << " frames/s (" << s.codec << ")\n";
    return 0;
}

const bool registered = registerCommand(
    {"render", "Render an annotated movie (MP4, AVI, GIF) with scale bar, time and overlays",
     [](CLI::App& app) {
         auto o = std::make_shared<RenderCliOptions>();
         app.add_option("INPUT", o->input, "Movie file, or project file (.h5) for overlays")
             ->required()
             ->check(CLI::ExistingPath);
         app.add_option("-o,--output", o->output, "OUT.mp4 (H.264), OUT.avi (PNG) or OUT.gif")
             ->required();
         app.add_option("--fps", o->fps, "Output frame rate (frames/s)")->check(positiveFinite());
         app.add_option("--frames", o->frames, "A:B[:STEP] movie frames (inclusive, 0-based)");
         app.add_flag("--drift-corrected", o->driftCorrected,
                      "Drift-corrected frames (the project's drift, else measured)");
         app.add_flag("--scale-bar", o->scaleBar, "Burn in a 1-2-5 scale bar");
         app.add_flag("--timestamp", o->timestamp, "Burn in t = mm:ss.s and the real-time factor");
         app.add_flag("--frame-number", o->frameNumber, "Burn in the frame number");
         app.add_option("--overlays", o->overlays,
                        "rois,fronts,outlines,crystallinity,grains,phases (from the project)")
             ->delimiter(',');
         app.add_option(
             "--plot", o->plot,
             "kinetics (L(t) of the first fronts), areas (A/A0) or timeline (log strips) "
             "beside the frame");
         app.add_option("--contrast", o->contrast, "auto (0.5-99.5 percentiles) or LO,HI");
         app.add_option("--preset", o->preset,
                        "MP4: x264 preset, ultrafast (largest files) … placebo (smallest, "
                        "slowest); default " +
                            o->preset)
             ->check(CLI::IsMember(x264PresetNames()));
         app.add_option("--movie", o->movieId, "Movie id in the project (default: first)");
         app.add_option("--movie-search-path", o->searchPaths, "Where to look for moved movies");
         addCalibrationOptions(app, o->calibration);
         app.add_flag("--json", o->json, "Print one JSON document");
         return [o] { return run(*o); };
     }});

} // namespace

} // namespace insitu::cli
