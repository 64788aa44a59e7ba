// `insitu grains FILE [--frame K] [--roi X,Y,W,H] [--boundary-map B.tif] [--min-grain-nm D]
//  [--split x0,y0,x1,y1]… [--boundary x,y,x,y,…]… [--labels L.tif] [-o GRAINS.csv]
//  [--histogram H.png] [--project P.h5] [--json]`: grain sizes, ASTM E112 intercepts and
//  crystalline / amorphous / pore fractions of one frame, with the Grains panel's hand cuts.

#include "calibration_options.h"
#include "command_registry.h"
#include "number_checks.h"
#include "output.h"
#include "output_paths.h"

#include "insitu/crystal/grain_analysis.h"
#include "insitu/crystal/grain_cut.h"
#include "insitu/crystal/grain_export.h"
#include "insitu/error.h"
#include "insitu/export/crystal_options_json.h"
#include "insitu/io/movie.h"
#include "insitu/project/grains_edit.h"
#include "insitu/project/project_file.h"
#include "insitu/project/project_update.h"

#ifdef INSITU_HAVE_PLOT
#include "grain_plot.h"
#include "offscreen_app.h"
#include "plot_export.h"

#include <qcustomplot.h>
#endif

#include <charconv>
#include <cmath>
#include <iostream>
#include <limits>
#include <memory>
#include <optional>

namespace insitu::cli {

namespace {

/// Command-line values; defaults from GrainAnalysisOptions{}.
struct GrainsCliOptions
{
    std::string file;
    int frame = 0;
    std::vector<int> roi; // X,Y,W,H
    std::string boundaryMap;
    double minGrainNm = GrainOptions{}.minGrainNm;
    double mergeThreshold = GrainOptions{}.mergeThreshold;
    std::optional<double> crystallineThreshold;
    std::optional<double> poreThreshold;
    double gridSpacingPx = InterceptOptions{}.lineGridSpacingPx;
    CalibrationOverride calibration;     // --pixel-size-nm, --frame-interval-s (issue #17)
    std::vector<std::string> splits;     // --split x0,y0,x1,y1 (frame px), each a hand split
    std::vector<std::string> boundaries; // --boundary x,y,x,y,… (frame px), each a drawn boundary
    std::string project;
    std::string labels;
    std::string output;
    std::string histogram;
    bool json = false;
};

struct GrainsRun
{
    std::shared_ptr<Movie> movie;
    cv::Rect roi;
    std::optional<double> nmPerPixel;
    GrainAnalysisOptions options;   ///< from the command line (GrainAnalysisOptions{} defaults)
    GrainAnalysis analysis;         ///< with the hand cuts applied
    ProjectGrains stored;           ///< the same as the project keeps it
    std::optional<Project> project; // --project: loaded (or new), the result not yet added
};

cv::Mat singleChannel(const cv::Mat& image, const std::string& file)
{
    if (image.channels() == 1)
        return image;
    throw Error(file + ": expected a single-channel image");
}

std::string parametersJson(const GrainsRun& run, const GrainsCliOptions& o);

/// The frame-px points of a --split or --boundary value "x,y,x,y,…" (pairs, finite, within
/// ±10⁶ px); throws insitu::Error naming the option and the value.
std::vector<cv::Point2d> strokePoints(const std::string& option, const std::string& value,
                                      std::size_t minPoints, std::size_t maxPoints)
{
    std::vector<double> numbers;
    const char* at = value.data();
    const char* end = value.data() + value.size();
    bool ok = true;
    while (ok) {
        double v = 0;
        const auto [next, error] = std::from_chars(at, end, v);
        ok = error == std::errc() && std::isfinite(v) && std::abs(v) <= 1e6;
        numbers.push_back(v);
        at = next;
        if (!ok || at == end)
            break;
        ok = *at == ',';
        ++at;
    }
    const std::size_t points = numbers.size() / 2;
    if (!ok || numbers.size() % 2 != 0 || points < minPoints || points > maxPoints)
        throw Error(option + " " + value + ": expected " +
                    (maxPoints == 2 ? std::string("x0,y0,x1,y1 (four numbers, frame px)")
                                    : std::string("x,y pairs (at least two points, frame px)")));
    std::vector<cv::Point2d> out;
    for (std::size_t i = 0; i < points; ++i)
        out.emplace_back(numbers[2 * i], numbers[2 * i + 1]);
    return out;
}

/// The --split and --boundary hand cuts applied to stored, in that order, through editedGrains
/// (the Grains panel's): a split cuts the grain its line crosses most.
ProjectGrains editedByCuts(ProjectGrains stored, const GrainsCliOptions& o)
{
    const auto withOption = [](const std::string& option, const std::string& value,
                               const auto& edit) {
        try {
            return edit();
        } catch (const Error& e) {
            throw Error(option + " " + value + ": " + e.what());
        }
    };
    for (const std::string& value : o.splits) {
        const std::vector<cv::Point2d> line = strokePoints("--split", value, 2, 2);
        stored = withOption("--split", value, [&] {
            const cv::Mat labels(stored.labelRows, stored.labelCols, CV_32S, stored.labels.data());
            const cv::Point2d offset(stored.roiPx[0], stored.roiPx[1]);
            const int id = grainCrossedMost(labels, line[0] - offset, line[1] - offset);
            if (id == 0)
                throw Error("the line crosses no grain");
            return editedGrains(stored, {GrainEdit::Kind::Split, id, 0, line});
        });
    }
    for (const std::string& value : o.boundaries) {
        const std::vector<cv::Point2d> stroke =
            strokePoints("--boundary", value, 2, std::numeric_limits<std::size_t>::max());
        stored = withOption("--boundary", value, [&] {
            return editedGrains(stored, {GrainEdit::Kind::Boundary, 0, 0, stroke});
        });
    }
    return stored;
}

GrainsRun compute(const GrainsCliOptions& o)
{
    GrainsRun run;
    run.movie = openMovie(o.file);
    printNotes(run.movie->info());
    if (!o.project.empty()) {
        // The project's calibration of this movie holds unless overridden on the command line.
        run.project = loadProjectOrNew(o.project, *run.movie);
        if (const ProjectMovie* stored = findAnalysedMovie(*run.project, *run.movie))
            run.movie->setCalibration(stored->effectiveCalibration());
    }
    applyCalibrationOverride(*run.movie, o.calibration);
    if (o.frame < 0 || o.frame >= run.movie->frameCount())
        throw Error(o.file + ": --frame " + std::to_string(o.frame) + " is outside 0.." +
                    std::to_string(run.movie->frameCount() - 1));
    run.nmPerPixel = run.movie->calibration().nmPerPixel;
    const cv::Mat full = singleChannel(run.movie->frame(o.frame).mat(), o.file);
    run.roi = cv::Rect(0, 0, full.cols, full.rows);
    if (!o.roi.empty()) {
        if (o.roi.size() != 4)
            throw Error("--roi: expected X,Y,W,H (four integers)");
        run.roi = cv::Rect(o.roi[0], o.roi[1], o.roi[2], o.roi[3]);
        if (run.roi.width < 16 || run.roi.height < 16 ||
            (run.roi & cv::Rect(0, 0, full.cols, full.rows)) != run.roi)
            throw Error("--roi: the rectangle must lie inside the " + std::to_string(full.cols) +
                        "×" + std::to_string(full.rows) + " px frame and be ≥ 16 px a side");
    }
    cv::Mat boundary;
    if (!o.boundaryMap.empty()) {
        const auto map = openMovie(o.boundaryMap);
        boundary = singleChannel(map->frame(0).mat(), o.boundaryMap);
        if (boundary.size() != full.size())
            throw Error(o.boundaryMap + ": the boundary image is " + std::to_string(boundary.cols) +
                        "×" + std::to_string(boundary.rows) + " px, the frame " +
                        std::to_string(full.cols) + "×" + std::to_string(full.rows) + " px");
        boundary = boundary(run.roi);
    }
    run.options.grains.minGrainNm = o.minGrainNm;
    run.options.grains.mergeThreshold = o.mergeThreshold;
    run.options.phases.crystallineThreshold = o.crystallineThreshold;
    run.options.phases.poreThreshold = o.poreThreshold;
    run.options.intercepts.lineGridSpacingPx = o.gridSpacingPx;
    run.analysis = analyseGrains(full(run.roi), run.nmPerPixel, run.options, boundary);
    // Report centroids in frame coordinates.
    for (Grain& g : run.analysis.segmentation.grains) {
        g.xPx += run.roi.x;
        g.yPx += run.roi.y;
    }
    run.stored = toProjectGrains(run.analysis, o.frame, run.roi, parametersJson(run, o));
    if (!o.splits.empty() || !o.boundaries.empty()) {
        // the hand cuts as the Grains panel makes them; the report measures the edited labels
        run.stored = editedByCuts(std::move(run.stored), o);
        const cv::Mat labels(run.stored.labelRows, run.stored.labelCols, CV_32S,
                             run.stored.labels.data());
        run.analysis = analysisWithLabels(std::move(run.analysis), labels, run.roi.tl(),
                                          run.nmPerPixel, run.options);
    }
    return run;
}

nlohmann::json intervalJson(const ValueInterval& v)
{
    return {{"value", numberOrNull(std::isfinite(v.value) ? std::optional(v.value) : std::nullopt)},
            {"low", numberOrNull(std::isfinite(v.low) ? std::optional(v.low) : std::nullopt)},
            {"high", numberOrNull(std::isfinite(v.high) ? std::optional(v.high) : std::nullopt)}};
}

nlohmann::json statsJson(const EcdStatistics& s)
{
    return {{"count", s.count},
            {"median", intervalJson(s.median)},
            {"mean", intervalJson(s.mean)},
            {"mode", intervalJson(s.mode)},
            {"lognormal_mu", intervalJson(s.logMu)},
            {"lognormal_sigma", intervalJson(s.logSigma)}};
}

nlohmann::json interceptJson(const std::optional<InterceptResult>& r)
{
    if (!r)
        return {{"mean_intercept_px", nullptr}, {"mean_intercept_nm", nullptr}, {"G", nullptr}};
    return {{"mean_intercept_px", r->meanInterceptPx},
            {"standard_error_px", r->standardErrorPx},
            {"segments", r->segmentsPx.size()},
            {"mean_intercept_nm", numberOrNull(r->meanInterceptNm)},
            {"G", numberOrNull(r->G)}};
}

std::optional<double> finiteOrNull(double v)
{
    return std::isfinite(v) ? std::optional(v) : std::nullopt;
}

nlohmann::json grainsJson(const GrainsRun& run, const GrainsCliOptions& o)
{
    const GrainAnalysis& a = run.analysis;
    nlohmann::json grains = nlohmann::json::array();
    for (const Grain& g : a.segmentation.grains)
        grains.push_back({{"id", g.id},
                          {"area_px", g.areaPx},
                          {"area_nm2", numberOrNull(g.areaNm2)},
                          {"ecd_px", g.ecdPx},
                          {"ecd_nm", numberOrNull(g.ecdNm)},
                          {"aspect_ratio", g.aspectRatio},
                          {"x_px", g.xPx},
                          {"y_px", g.yPx},
                          {"border", g.border}});
    nlohmann::json e112 = interceptJson(a.e112Pattern);
    e112["line_grid"] = interceptJson(a.lineGrid);
    e112["planimetric"] = {{"grains_inside", a.planimetric.grainsInside},
                           {"grains_cut", a.planimetric.grainsCut},
                           {"equivalent_count", a.planimetric.equivalentCount},
                           {"grains_per_um2", numberOrNull(a.planimetric.grainsPerUm2)},
                           {"G", numberOrNull(a.planimetric.G)}};
    const auto fraction = [](const AreaFraction& f) {
        return nlohmann::json{{"value", f.value}, {"low", f.low}, {"high", f.high}};
    };
    const std::optional<EcdStatistics>& nm = a.ecdNm;
    return {
        {"file", run.movie->info().path.string()},
        {"frame", o.frame},
        {"pixel_size_nm", numberOrNull(run.nmPerPixel)},
        {"roi", {run.roi.x, run.roi.y, run.roi.width, run.roi.height}},
        {"source", a.fromBoundaryImage ? "boundary-map" : "watershed"},
        {"grains", grains},
        {"ecd_median_nm", nm ? numberOrNull(finiteOrNull(nm->median.value)) : nullptr},
        {"ecd_mean_nm", nm ? numberOrNull(finiteOrNull(nm->mean.value)) : nullptr},
        {"ecd_mode_nm", nm ? numberOrNull(finiteOrNull(nm->mode.value)) : nullptr},
        {"ecd_statistics_px", statsJson(a.ecdPx)},
        {"ecd_statistics_nm", nm ? statsJson(*nm) : nlohmann::json(nullptr)},
        {"astm_e112", e112},
        {"phases",
         {{"crystalline", a.phases.crystalline.value},
          {"amorphous", a.phases.amorphous.value},
          {"pore", a.phases.pore.value}}},
        {"phase_intervals",
         {{"crystalline", fraction(a.phases.crystalline)},
          {"amorphous", fraction(a.phases.amorphous)},
          {"pore", fraction(a.phases.pore)}}},
        {"phase_thresholds",
         {{"crystalline_log10_fringe_power", a.phases.crystallineThreshold},
          {"pore_intensity", numberOrNull(a.phases.poreThreshold)}}},
        {"notes", run.movie->info().notes},
    };
}

void writeHistogram(const GrainsRun& run, const std::string& path)
{
#ifdef INSITU_HAVE_PLOT
    plot::OffscreenApp app;
    auto figure = plot::makeGrainHistogram(run.analysis.segmentation.grains, run.nmPerPixel);
    plot::savePlot(*figure, QString::fromStdString(path));
#else
    (void)run;
    throw Error(path + ": this insitu was built without plotting (INSITU_BUILD_GUI=OFF)");
#endif
}

/// The options the result was made with, as stored with it in the project (and read back by
/// `insitu batch` through grainOptionsFromJson).
std::string parametersJson(const GrainsRun& run, const GrainsCliOptions& o)
{
    nlohmann::json json = grainOptionsJson(run.options);
    json["boundary_map"] = o.boundaryMap;
    return json.dump();
}

int run(const GrainsCliOptions& o)
{
    GrainsRun run = compute(o);
    const auto& grains = run.analysis.segmentation.grains;
    if (!o.labels.empty())
        writeLabelsTiff(o.labels, run.analysis.segmentation.labels);
    if (!o.output.empty())
        saveGrainsCsv(o.output, grains);
    if (!o.histogram.empty())
        writeHistogram(run, o.histogram);
    if (run.project) {
        ProjectMovie& entry = analysedMovieEntry(*run.project, *run.movie);
        entry.grains = run.stored;           // with the hand cuts, as the Grains panel saves them
        entry.grainSettings = {run.options}; // the Grains panel's next run
        saveProject(*run.project, o.project);
    }
    if (o.json)
        printJson(grainsJson(run, o));
    else if (o.output.empty())
        writeGrainsCsv(std::cout, grains);
    return 0;
}

const bool registered = registerCommand(
    {"grains", "Grain sizes, ASTM E112 intercepts and phase fractions of a frame",
     [](CLI::App& app) {
         auto o = std::make_shared<GrainsCliOptions>();
         app.add_option("FILE", o->file, "Image or movie file")->required();
         app.add_option("--frame", o->frame, "Frame to analyse (0-based)");
         app.add_option("--roi", o->roi, "Analyse the rectangle X,Y,W,H (px) only")
             ->delimiter(',')
             ->expected(4)
             ->check(coordinatePx());
         app.add_option("--boundary-map", o->boundaryMap,
                        "Boundary image of the frame's size (bright = boundary, e.g. a tracing): "
                        "grains and intercepts from it instead of the watershed");
         app.add_option("--min-grain-nm", o->minGrainNm,
                        "Smallest grain kept (ECD, nm; at least 5 px)")
             ->check(positiveFinite());
         app.add_option("--merge-threshold", o->mergeThreshold,
                        "Merge grains across boundaries weaker than this × the automatic "
                        "boundary threshold (0 = no merging)")
             ->check(finiteRange(0.0, 10.0));
         app.add_option("--crystalline-threshold", o->crystallineThreshold,
                        "log10 fringe-energy ratio (ring over the bands beside it) above which a "
                        "pixel is crystalline (default: from the data)");
         app.add_option("--pore-threshold", o->poreThreshold,
                        "Window-mean intensity above which a non-crystalline pixel is a pore "
                        "(default: from the data)");
         app.add_option("--split", o->splits,
                        "Split the grain the line x0,y0,x1,y1 (frame px) crosses most, as the "
                        "Grains panel's Split tool (repeatable; applied after segmentation)")
             ->expected(1)
             ->take_all();
         app.add_option("--boundary", o->boundaries,
                        "Draw a grain boundary along the polyline x,y,x,y,… (frame px) through "
                        "every grain it crosses, as the Boundary tool (repeatable; after --split)")
             ->expected(1)
             ->take_all();
         app.add_option("--grid-spacing-px", o->gridSpacingPx,
                        "Line-grid spacing (px); default a twelfth of the shorter side")
             ->check(nonNegativeFinite());
         addCalibrationOptions(app, o->calibration);
         app.add_option("--labels", o->labels, "Write the grain labels as a uint32 TIFF")
             ->group(kOutputsGroup);
         app.add_option("-o,--output", o->output,
                        "Write CSV: id,area_px,area_nm2,ecd_px,ecd_nm,aspect_ratio,x_px,y_px,"
                        "border")
             ->group(kOutputsGroup);
         app.add_option("--histogram", o->histogram,
                        "Write the ECD histogram with median, mode and lognormal fit (.png, .svg, "
                        ".pdf)")
             ->group(kOutputsGroup);
         app.add_option("--project", o->project,
                        "Put the result into this project file (.h5; created when missing), "
                        "replacing the movie's earlier grains result")
             ->group(kOutputsGroup);
         app.add_flag("--json", o->json, "Print one JSON document");
         return [o] { return run(*o); };
     }});

} // namespace

} // namespace insitu::cli
