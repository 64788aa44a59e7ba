// `insitu front FILE --line X0,Y0,X1,Y1 [--polyline x,y,…] [--width PX] [--fronts N]
//  [--drift first|previous|mean|none] [--model auto|linear|parabolic|power] [-o FRONTS.csv]
//  [--kymograph K.tif] [--plot P.png|.svg|.pdf] [--fit-table FITS.csv] [--json]`: reaction
//  fronts along a path ROI.

#include "calibration_options.h"
#include "command_registry.h"
#include "number_checks.h"
#include "output.h"
#include "output_paths.h"

#include "insitu/error.h"
#include "insitu/export/csv_export.h"
#include "insitu/export/kymograph_tiff.h"
#include "insitu/export/options_json.h"
#include "insitu/export/provenance.h"
#include "insitu/front/front_fit.h"
#include "insitu/front/front_tracker.h"
#include "insitu/front/kymograph.h"
#include "insitu/front/search_band.h"
#include "insitu/front/wire_width.h"
#include "insitu/io/movie.h"
#include "insitu/kinetics/fit_json.h"
#include "insitu/project/front_project.h"
#include "insitu/project/project_file.h"
#include "insitu/registration/drift.h"

#ifdef INSITU_HAVE_PLOT
#include "kinetics_plot.h"
#include "offscreen_app.h"
#include "plot_export.h"

#include <qcustomplot.h>
#endif

#include <cmath>
#include <iostream>
#include <memory>
#include <optional>
#include <sstream>

namespace insitu::cli {

namespace {

/// Command-line values; defaults from FrontOptions{} / DriftOptions{}, the band from the wire.
struct FrontCliOptions
{
    std::string file;
    std::vector<double> line;
    std::vector<double> polyline;
    std::optional<double> widthPx; // unset: from the wire's width (estimateWireWidthPx)
    int fronts = FrontOptions{}.frontCount;
    std::string drift = driftReferenceName(DriftOptions{}.reference);
    std::string model = "auto";
    std::string output;
    std::string kymograph;
    std::string plot;
    std::string fitTable;
    std::vector<std::string> pins; // FRONT:FRAME:POSITION_PX
    double maxStepPx = FrontOptions{}.maxStepPxPerFrame;
    std::string brighter = brighterSideName(FrontOptions{}.brighterSide);
    std::string direction = frontDirectionName(FrontOptions{}.direction);
    bool bothWays = !FrontOptions{}.monotonic;
    bool json = false;
    CalibrationOverride calibration; // --pixel-size-nm, --frame-interval-s
    std::string project;             // --project OUT.h5 (project helper)
};

/// Everything one `insitu front` run computes (kept together so that more outputs, e.g. a
/// project file, can be written from it).
struct FrontRun
{
    std::shared_ptr<Movie> movie;
    Roi roi;
    std::optional<DriftResult> drift;
    Kymograph kymograph;
    FrontResult result;
    std::string widthSource = "user";    // "user" (--width), "wire" or "fallback"
    std::optional<WireWidth> wire;       // the wire under the path (in the JSON without --width)
    std::optional<double> searchWidthPx; // band of the path search when wider than the ROI's
};

Roi roiFromOptions(const FrontCliOptions& o)
{
    Roi roi;
    roi.id = 1;
    roi.name = "front path";
    roi.widthPx = o.widthPx.value_or(kFallbackBandWidthPx);
    const auto& coords = o.polyline.empty() ? o.line : o.polyline;
    if (!o.polyline.empty()) {
        if (o.polyline.size() < 4 || o.polyline.size() % 2 != 0)
            throw Error("--polyline: expected x,y pairs (at least two points)");
        roi.shape = RoiShape::Polyline;
    } else {
        if (o.line.size() != 4)
            throw Error("--line: expected X0,Y0,X1,Y1 (four numbers)");
        roi.shape = RoiShape::Line;
    }
    for (std::size_t i = 0; i + 1 < coords.size(); i += 2)
        roi.points.push_back({coords[i], coords[i + 1]});
    return roi;
}

std::vector<std::vector<FrontPin>> parsePins(const FrontCliOptions& o)
{
    std::vector<std::vector<FrontPin>> pins;
    for (const auto& text : o.pins) {
        std::istringstream in(text);
        int front = 0;
        FrontPin pin;
        char c1 = 0, c2 = 0;
        if (!(in >> front >> c1 >> pin.frame >> c2 >> pin.positionPx) || c1 != ':' || c2 != ':' ||
            front < 0 || !std::isfinite(pin.positionPx) || !in.eof())
            throw Error("--pin '" + text + "': expected FRONT:FRAME:POSITION_PX");
        if (front >= o.fronts || pin.frame < 0 || std::abs(pin.positionPx) > 1e6)
            throw Error("--pin '" + text + "': front " + std::to_string(front) + ", frame " +
                        std::to_string(pin.frame) + " or position out of range (fronts 0 to " +
                        std::to_string(o.fronts - 1) + ", frames from 0, |position| ≤ 10⁶ px)");
        if (pins.size() <= static_cast<std::size_t>(front))
            pins.resize(static_cast<std::size_t>(front) + 1);
        pins[static_cast<std::size_t>(front)].push_back(pin);
    }
    return pins;
}

FrontOptions coreOptions(const FrontCliOptions& o)
{
    FrontOptions options;
    options.frontCount = o.fronts;
    options.maxStepPxPerFrame = o.maxStepPx;
    options.monotonic = !o.bothWays;
    options.brighterSide = brighterSideFromName(o.brighter);
    options.direction = frontDirectionFromName(o.direction);
    return options;
}

FrontRun compute(const FrontCliOptions& o)
{
    FrontRun run;
    run.roi = roiFromOptions(o);
    const FrontOptions options = coreOptions(o);
    const auto pins = parsePins(o);
    run.movie = openMovie(o.file);
    applyCalibrationOverride(*run.movie, o.calibration);
    printNotes(run.movie->info());
    TerminalProgress progress;
    if (o.drift != "none") {
        DriftOptions driftOptions;
        driftOptions.reference = driftReferenceFromName(o.drift);
        run.drift = estimateDrift(*run.movie, driftOptions, progress);
        printDriftNotes(run.movie->info(), *run.drift);
    }
    const DriftResult* drift = run.drift ? &*run.drift : nullptr;
    run.wire = estimateWireWidthPx(*run.movie, run.roi, drift);
    if (!o.widthPx) {
        const BandWidthChoice band = defaultBandWidthPx(*run.wire);
        run.roi.widthPx = band.widthPx;
        run.widthSource = band.source;
    }
    run.kymograph = buildKymograph(*run.movie, run.roi, drift, progress);
    // a band narrower than the wire's default: the path search runs on the default band
    const std::optional<Kymograph> search =
        buildSearchKymograph(*run.movie, run.roi, *run.wire, drift, progress);
    run.searchWidthPx = searchBandWidthPx(run.roi.widthPx, *run.wire);
    run.result = search ? trackFronts(run.kymograph, *search, options, pins, progress)
                        : trackFronts(run.kymograph, options, pins, progress);
    run.result.roiId = run.roi.id;
    for (const auto& warning : fitFronts(run.result, run.kymograph, o.model))
        std::cerr << "insitu: note: " << warning << " (no fit)\n";
    return run;
}

nlohmann::json frontsJson(const FrontRun& run, const FrontCliOptions& o)
{
    const auto& cal = run.movie->calibration();
    nlohmann::json fronts = nlohmann::json::array();
    for (const auto& track : run.result.fronts) {
        const auto times = frontTimesS(track, run.kymograph);
        const auto nm = positionsNm(track, cal.nmPerPixel);
        nlohmann::json pins = nlohmann::json::array();
        for (const auto& pin : track.pins)
            pins.push_back({{"frame", pin.frame}, {"position_px", pin.positionPx}});
        fronts.push_back({
            {"index", track.index},
            {"frames", track.frames},
            {"times_s", times.empty() ? nlohmann::json(nullptr) : nlohmann::json(times)},
            {"positions_px", track.positionsPx},
            {"positions_nm", nm.empty() ? nlohmann::json(nullptr) : nlohmann::json(nm)},
            {"confidence", track.confidence},
            {"frame_positions_px", track.framePositionsPx}, // NaN (no estimate) → null
            {"frame_std_px", track.frameStdPx},
            {"direction", track.direction},
            {"brighter_ahead", track.brighterAhead},
            {"pins", pins},
            {"fit", track.fit ? fitToJson(*track.fit) : nlohmann::json(nullptr)},
        });
    }
    nlohmann::json points = nlohmann::json::array();
    for (const auto& p : run.roi.points)
        points.push_back({p.x, p.y});
    return {
        {"file", run.movie->info().path.string()},
        {"frames", run.movie->frameCount()},
        {"pixel_size_nm", numberOrNull(cal.nmPerPixel)},
        {"frame_interval_s", numberOrNull(cal.frameIntervalS)},
        {"roi",
         {{"shape", roiShapeName(run.roi.shape)},
          {"points_px", points},
          {"width_px", run.roi.widthPx},
          {"width_source", run.widthSource},
          {"wire_width_px", run.widthSource != "user" && run.wire && run.wire->found
                                ? nlohmann::json(run.wire->widthPx)
                                : nlohmann::json(nullptr)},
          {"search_width_px",
           run.searchWidthPx ? nlohmann::json(*run.searchWidthPx) : nlohmann::json(nullptr)},
          {"length_px", pathLengthPx(run.roi)}}},
        {"drift", o.drift},
        {"model", o.model},
        {"options", frontOptionsJson(run.result.options)},
        {"notes", run.movie->info().notes},
        {"fronts", fronts},
    };
}

void writePlot(const FrontRun& run, const std::string& path)
{
#ifdef INSITU_HAVE_PLOT
    plot::OffscreenApp app;
    auto figure =
        plot::makeKineticsPlot(run.result, run.movie->calibration(), run.movie->frameCount());
    plot::savePlot(*figure, QString::fromStdString(path));
#else
    (void)run;
    throw Error(path + ": this insitu was built without plotting (INSITU_BUILD_GUI=OFF)");
#endif
}

/// The run as a project file: the provenance of the drift and the fronts from their builders.
void writeProject(const FrontRun& run, const FrontCliOptions& o)
{
    Project project =
        buildFrontProject(*run.movie, run.roi, run.drift, run.kymograph, run.result, "{}");
    ProjectMovie& movie = project.movies.front();
    if (movie.drift)
        movie.drift->provenance = driftProvenance(movie.drift->result.options, movie.id);
    ProjectFronts& fronts = movie.fronts.front();
    fronts.provenance = frontsProvenance(fronts.result, movie.rois.front(), run.drift.has_value(),
                                         o.model, movie.id);
    saveProject(project, o.project);
}

int run(const FrontCliOptions& o)
{
    const FrontRun run = compute(o);
    const Calibration& calibration = run.movie->calibration();
    if (!o.kymograph.empty())
        writeKymographTiff(run.kymograph, o.kymograph);
    if (!o.output.empty())
        saveFrontsCsv(o.output, run.result, calibration);
    if (!o.fitTable.empty())
        saveFitParametersCsv(o.fitTable, frontFits(run.result, 1));
    if (!o.plot.empty())
        writePlot(run, o.plot);
    if (!o.project.empty())
        writeProject(run, o);
    if (o.json)
        printJson(frontsJson(run, o));
    else if (o.output.empty())
        writeFrontsCsv(std::cout, run.result, calibration);
    return 0;
}

const bool registered = registerCommand(
    {"front", "Track reaction fronts along a line or polyline", [](CLI::App& app) {
         auto o = std::make_shared<FrontCliOptions>();
         app.add_option("FILE", o->file, "Movie file")->required();
         auto* line = app.add_option("--line", o->line, "Path X0,Y0,X1,Y1 in frame-0 px")
                          ->delimiter(',')
                          ->expected(4)
                          ->check(coordinatePx());
         auto* polyline = app.add_option("--polyline", o->polyline,
                                         "Curved path x,y,x,y,… (≥ 2 points) in frame-0 px")
                              ->delimiter(',')
                              ->expected(4, 1 << 20)
                              ->check(coordinatePx());
         line->excludes(polyline);
         app.add_option("--width", o->widthPx,
                        "Band width across the path (px); default: 3/4 of the wire's width "
                        "measured along the path, 20 px when no wire is found; a band narrower "
                        "than that default is tracked with the path search on the default band")
             ->check(finiteRange(1.0, 1000.0));
         app.add_option("--fronts", o->fronts, "Number of fronts to find")
             ->check(finiteRange(1, 16));
         app.add_option("--drift", o->drift, "Drift correction reference, or none")
             ->check(CLI::IsMember({"first", "previous", "mean", "none"}));
         app.add_option("--model", o->model, "Kinetics model fitted to L(t)")
             ->check(CLI::IsMember({"auto", "linear", "parabolic", "power"}));
         app.add_option("-o,--output", o->output,
                        "Write CSV: frame,time_s,front,position_px,position_nm,confidence,…")
             ->group(kOutputsGroup);
         app.add_option("--kymograph", o->kymograph,
                        "Write the kymograph as a calibrated float32 TIFF (x nm, y s)")
             ->group(kOutputsGroup);
         app.add_option("--plot", o->plot, "Write L(t) with the fit (.png, .svg, .pdf)")
             ->group(kOutputsGroup);
         app.add_option("--fit-table", o->fitTable,
                        "Write the fit table CSV: one row per front and parameter")
             ->group(kOutputsGroup);
         app.add_option("--pin", o->pins,
                        "Hand correction FRONT:FRAME:POSITION_PX (front index as in the output; "
                        "repeatable)");
         app.add_option("--max-step", o->maxStepPx,
                        "Largest front step per frame (px); default: automatic, fronts up to "
                        "20 px/frame")
             ->check(positiveFinite());
         app.add_option("--brighter", o->brighter, "Brighter side of the fronts")
             ->check(CLI::IsMember({"auto", "ahead", "behind"}));
         app.add_option("--direction", o->direction, "Way the fronts travel along the path")
             ->check(CLI::IsMember({"auto", "forward", "backward"}));
         app.add_flag("--both-ways", o->bothWays, "Fronts may move back and forth (not monotonic)");
         app.add_flag("--json", o->json, "Print one JSON document");
         addCalibrationOptions(app, o->calibration);
         app.add_option("--project", o->project,
                        "Save the run as a project file (.h5) that the GUI opens")
             ->group(kOutputsGroup);
         return [o] { return run(*o); };
     }});

} // namespace

} // namespace insitu::cli
