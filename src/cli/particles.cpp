// `insitu particles FILE [--frame K | --frames A:B] [--region NAME=x,y,x,y,…]… [--dark | --bright]
//  [--min-diameter-nm D] [--max-diameter-nm D] [--include-edge] [--pixel-size-nm P]
//  [-o PARTICLES.csv] [--histogram H.png|.svg|.pdf] [--labels LABELS.tif] [--project P.h5]
//  [--window-frames N [--window-step S] [--window-plot W.png]] [--json]`: nanoparticle sizes
//  (issue #17); with --window-frames, counts per sliding frame window instead.

#include "calibration_options.h"
#include "command_registry.h"
#include "number_checks.h"
#include "output.h"
#include "output_paths.h"

#include "insitu/error.h"
#include "insitu/export/particles_export.h"
#include "insitu/io/movie.h"
#include "insitu/particles/particle_frame.h"
#include "insitu/particles/particle_segment.h"
#include "insitu/particles/particle_series.h"
#include "insitu/project/particles_project_build.h"
#include "insitu/project/project_file.h"
#include "insitu/registration/drift.h"

#ifdef INSITU_HAVE_PLOT
#include "offscreen_app.h"
#include "particle_plot.h"
#include "plot_export.h"

#include <qcustomplot.h>
#endif

#include <algorithm>
#include <cmath>
#include <filesystem>

#include <iostream>
#include <memory>
#include <optional>
#include <sstream>

namespace insitu::cli {

namespace {

/// Command-line values; defaults from ParticleOptions{}.
struct ParticlesCliOptions
{
    std::string file;
    std::optional<int> frame;
    std::string frames; // A:B
    std::vector<std::string> regions;
    bool dark = false;
    bool bright = false;
    std::string threshold = particleThresholdName(ParticleOptions{}.threshold);
    double minDiameterNm = ParticleOptions{}.minDiameterNm;
    double maxDiameterNm = ParticleOptions{}.maxDiameterNm;
    double minDiameterPx = ParticleOptions{}.minDiameterPx;
    double maxDiameterPx = ParticleOptions{}.maxDiameterPx;
    double blobFalseAlarmsPerMpx = ParticleOptions{}.blobFalseAlarmsPerMpx;
    bool includeEdge = ParticleOptions{}.includeEdge;
    std::string output;
    std::string labels;
    std::string histogram;
    std::string project;
    std::optional<int> windowFrames;
    std::optional<int> windowStep;
    std::string windowPlot;
    bool json = false;
    CalibrationOverride calibration;
};

/// NAME=x0,y0,x1,y1 (rectangle), NAME=ellipse:x0,y0,x1,y1, NAME=x,y,x,y,x,y,… (polygon).
Roi parseRegion(const std::string& text, int id)
{
    const auto eq = text.find('=');
    if (eq == std::string::npos || eq == 0)
        throw Error("--region '" + text + "': expected NAME=x,y,x,y,…");
    Roi roi;
    roi.id = id;
    roi.name = text.substr(0, eq);
    std::string coords = text.substr(eq + 1);
    roi.shape = RoiShape::Rectangle;
    if (coords.rfind("ellipse:", 0) == 0) {
        roi.shape = RoiShape::Ellipse;
        coords = coords.substr(8);
    }
    std::vector<double> values;
    std::stringstream in(coords);
    std::string item;
    while (std::getline(in, item, ',')) {
        try {
            std::size_t used = 0;
            values.push_back(std::stod(item, &used));
            if (used != item.size())
                throw std::invalid_argument(item);
        } catch (const std::exception&) {
            throw Error("--region '" + text + "': '" + item + "' is not a number");
        }
    }
    if (values.size() % 2 != 0 || values.size() < 4)
        throw Error("--region '" + text + "': expected x,y pairs (two corners or ≥ 3 vertices)");
    if (values.size() > 4) {
        if (roi.shape == RoiShape::Ellipse)
            throw Error("--region '" + text + "': an ellipse takes two corners");
        roi.shape = RoiShape::Polygon;
    }
    for (std::size_t i = 0; i + 1 < values.size(); i += 2)
        roi.points.push_back({values[i], values[i + 1]});
    return roi;
}

std::pair<int, int> frameRange(const ParticlesCliOptions& o, const Movie& movie)
{
    if (!o.frames.empty()) {
        std::istringstream in(o.frames);
        int a = 0, b = 0;
        char colon = 0;
        if (!(in >> a >> colon >> b) || colon != ':' || !in.eof())
            throw Error("--frames '" + o.frames + "': expected A:B");
        return {a, b};
    }
    const int k = o.frame.value_or(0);
    if (k < 0 || k >= movie.frameCount())
        throw Error(movie.info().path.string() + ": frame " + std::to_string(k) +
                    " is outside its " + std::to_string(movie.frameCount()) + " frames");
    return {k, k};
}

nlohmann::json estimateJson(const Estimate& e)
{
    return {{"value", e.value}, {"ci95", {e.lo, e.hi}}};
}

/// The JSON: nm values null and px fields beside them when uncalibrated.
nlohmann::json particlesJson(const ParticleResult& r, const std::string& file,
                             std::pair<int, int> frames)
{
    const bool nm = r.nmPerPixel.has_value();
    auto length = [&](double px) {
        return nm ? nlohmann::json(px * *r.nmPerPixel) : nlohmann::json(nullptr);
    };
    auto area = [&](double px2) {
        return nm ? nlohmann::json(r.toArea(px2)) : nlohmann::json(nullptr);
    };
    nlohmann::json particles = nlohmann::json::array();
    for (const Particle& p : r.particles)
        particles.push_back({{"id", p.id},
                             {"x_px", p.xPx},
                             {"y_px", p.yPx},
                             {"area_px", p.areaPx},
                             {"area_nm2", area(p.areaPx)},
                             {"ecd_px", p.ecdPx()},
                             {"ecd_nm", length(p.ecdPx())},
                             {"feret_max_nm", length(p.feretMaxPx)},
                             {"feret_min_nm", length(p.feretMinPx)},
                             {"feret_max_px", p.feretMaxPx},
                             {"feret_min_px", p.feretMinPx},
                             {"perimeter_px", p.perimeterPx},
                             {"circularity", p.circularity},
                             {"solidity", p.solidity},
                             {"mean_intensity", p.meanIntensity},
                             {"region", p.region},
                             {"edge", p.edge}});
    // region statistics are in nm when calibrated, else px: the *_nm keys then hold null
    auto sized = [&](double v) { return nm ? nlohmann::json(v) : nlohmann::json(nullptr); };
    auto sizedPx = [&](double v) { return nm ? nlohmann::json(nullptr) : nlohmann::json(v); };
    nlohmann::json regions = nlohmann::json::array();
    for (const RegionStatistics& s : r.regions) {
        nlohmann::json lognormal = nullptr;
        if (s.lognormal)
            lognormal = {{"unit", nm ? "nm" : "px"},
                         {"mu", estimateJson(s.lognormal->mu)},
                         {"sigma", estimateJson(s.lognormal->sigma)},
                         {"median", estimateJson(s.lognormal->median)},
                         {"mean", estimateJson(s.lognormal->mean)},
                         {"mode", estimateJson(s.lognormal->mode)}};
        regions.push_back(
            {{"name", s.name},
             {"count", s.count},
             {"area_px", s.regionAreaPx},
             {"density_per_nm2",
              nm ? nlohmann::json(s.count / r.toArea(s.regionAreaPx)) : nlohmann::json(nullptr)},
             {"density_per_px2", s.densityPerPx2},
             {"area_fraction", s.areaFraction},
             {"ecd_median_nm", sized(s.ecdMedian)},
             {"ecd_mean_nm", sized(s.ecdMean)},
             {"ecd_sd_nm", sized(s.ecdSd)},
             {"ecd_median_px", sizedPx(s.ecdMedian)},
             {"ecd_mean_px", sizedPx(s.ecdMean)},
             {"ecd_sd_px", sizedPx(s.ecdSd)},
             {"lognormal", lognormal},
             {"histogram", {{"number", s.numberHistogram}, {"area", s.areaHistogram}}}});
    }
    nlohmann::json comparison = nullptr;
    if (r.comparison) {
        const SizeComparison& c = *r.comparison;
        comparison = {
            {"regions", {c.reference, c.survivors}},
            {"ks_statistic", c.ksStatistic},
            {"ks_p", c.ksP},
            {"ad_statistic", c.adStatistic},
            {"ad_p", c.adP},
            {"median_shift_nm", sized(c.medianShift)},
            {"median_shift_px", sizedPx(c.medianShift)},
            {"critical_size_nm", c.criticalSize ? sized(c.criticalSize->value) : nullptr},
            {"critical_size_ci95_nm", c.criticalSize && nm
                                          ? nlohmann::json({c.criticalSize->lo, c.criticalSize->hi})
                                          : nlohmann::json(nullptr)},
            {"critical_size_px", c.criticalSize ? sizedPx(c.criticalSize->value) : nullptr},
            {"critical_size_ci95_px", c.criticalSize && !nm
                                          ? nlohmann::json({c.criticalSize->lo, c.criticalSize->hi})
                                          : nlohmann::json(nullptr)},
            {"survival_width_nm", c.survivalWidth ? sized(*c.survivalWidth) : nullptr},
            {"ks_separation_nm", sized(c.ksSeparation)},
            {"ks_separation_px", sizedPx(c.ksSeparation)}};
    }
    return {{"file", file},
            {"frames", {frames.first, frames.second}},
            {"pixel_size_nm", numberOrNull(r.nmPerPixel)},
            {"polarity", particlePolarityName(r.polarityUsed)},
            {"threshold", particleThresholdName(r.options.threshold)},
            {"include_edge", r.options.includeEdge},
            {"particles", particles},
            {"bin_edges", r.binEdges},
            {"bin_unit", nm ? "nm" : "px"},
            {"regions", regions},
            {"comparison", comparison}};
}

ParticleOptions particleOptions(const ParticlesCliOptions& o)
{
    ParticleOptions options;
    options.polarity = o.dark     ? ParticlePolarity::Dark
                       : o.bright ? ParticlePolarity::Bright
                                  : ParticlePolarity::Auto;
    options.threshold = particleThresholdFromName(o.threshold);
    options.minDiameterNm = o.minDiameterNm;
    options.maxDiameterNm = o.maxDiameterNm;
    options.minDiameterPx = o.minDiameterPx;
    options.maxDiameterPx = o.maxDiameterPx;
    options.blobFalseAlarmsPerMpx = o.blobFalseAlarmsPerMpx;
    options.includeEdge = o.includeEdge;
    return options;
}

/// The size histograms (--histogram) as .png, .svg or .pdf.
void writeHistogram(const std::string& path, const ParticleResult& result)
{
#ifdef INSITU_HAVE_PLOT
    plot::OffscreenApp app;
    auto figure = plot::makeParticleHistogram(result);
    plot::savePlot(*figure, QString::fromStdString(path));
#else
    (void)result;
    throw Error(path + ": this insitu was built without plotting (INSITU_BUILD_GUI=OFF)");
#endif
}

/// The counts per window against time (--window-plot).
void writeWindowPlot(const std::string& path, const std::vector<ParticleWindowRow>& rows,
                     bool calibrated)
{
#ifdef INSITU_HAVE_PLOT
    plot::OffscreenApp app;
    auto figure = plot::makeParticleWindowPlot(rows, calibrated);
    plot::savePlot(*figure, QString::fromStdString(path));
#else
    (void)rows;
    (void)calibrated;
    throw Error(path + ": this insitu was built without plotting (INSITU_BUILD_GUI=OFF)");
#endif
}

nlohmann::json windowsJson(const std::vector<ParticleWindowRow>& rows, const std::string& file,
                           std::optional<double> nmPerPixel, int windowFrames, int step)
{
    nlohmann::json out = nlohmann::json::array();
    for (const ParticleWindowRow& r : rows) {
        const bool any = std::isfinite(r.ecdMedian);
        out.push_back(
            {{"first_frame", r.firstFrame},
             {"last_frame", r.lastFrame},
             {"time_s", numberOrNull(r.timeS)},
             {"region", r.region},
             {"count", r.count},
             {"ecd_median_nm", any && nmPerPixel ? nlohmann::json(r.ecdMedian) : nullptr},
             {"ecd_median_px",
              any ? nlohmann::json(nmPerPixel ? r.ecdMedian / *nmPerPixel : r.ecdMedian) : nullptr},
             {"area_fraction", r.areaFraction}});
    }
    return {{"file", file},
            {"pixel_size_nm", numberOrNull(nmPerPixel)},
            {"window_frames", windowFrames},
            {"window_step_frames", step},
            {"windows", out}};
}

int runWindows(const ParticlesCliOptions& o, const Movie& movie, const std::vector<Roi>& regions)
{
    const int step = o.windowStep.value_or(std::max(1, *o.windowFrames / 2));
    const auto nmPerPixel = movie.calibration().nmPerPixel;
    TerminalProgress progress;
    std::vector<ParticleWindowRow> rows;
    try {
        rows = particleCountsOverMovie(movie, *o.windowFrames, step, regions, particleOptions(o),
                                       progress);
    } catch (const Error& e) {
        throw Error(o.file + ": " + e.what());
    }
    if (!o.windowPlot.empty())
        writeWindowPlot(o.windowPlot, rows, nmPerPixel.has_value());
    if (!o.output.empty())
        saveParticleWindowsCsv(o.output, rows, nmPerPixel);
    if (o.json)
        printJson(windowsJson(rows, movie.info().path.string(), nmPerPixel, *o.windowFrames, step));
    else if (o.output.empty())
        writeParticleWindowsCsv(std::cout, rows, nmPerPixel);
    return 0;
}

/// --project: the result added to the project file (created when absent; an earlier particle
/// result of the same movie is replaced).
void saveToProject(const ParticlesCliOptions& o, const Movie& movie,
                   const ParticleSegmentation& seg, std::pair<int, int> frames,
                   const std::vector<Roi>& regions, bool driftCorrected)
{
    Project project = std::filesystem::exists(o.project) ? loadProject(o.project) : Project{};
    storeParticles(project, movie, toProjectParticles(seg, frames.first, frames.second, regions),
                   driftCorrected);
    saveProject(project, o.project);
}

int run(const ParticlesCliOptions& o)
{
    if (o.dark && o.bright)
        throw Error("--dark and --bright exclude each other");
    std::vector<Roi> regions;
    for (const auto& text : o.regions)
        regions.push_back(parseRegion(text, static_cast<int>(regions.size()) + 1));
    auto movie = openMovie(o.file);
    applyCalibrationOverride(*movie, o.calibration);
    printNotes(movie->info());
    const auto nmPerPixel = movie->calibration().nmPerPixel;
    if (!nmPerPixel)
        std::cerr << o.file << ": note: pixel size unknown: sizes in px (give --pixel-size-nm)\n";
    if (o.windowFrames) {
        if (!o.histogram.empty() || !o.labels.empty() || !o.project.empty())
            throw Error("--window-frames writes windows: --histogram, --labels and --project "
                        "need a single frame or frame range");
        return runWindows(o, *movie, regions);
    }
    const auto frames = frameRange(o, *movie);
    std::optional<DriftResult> drift;
    if (frames.second > frames.first) {
        TerminalProgress progress;
        drift = estimateDrift(*movie, DriftOptions{}, progress);
    }
    const cv::Mat image =
        particleFrame(*movie, frames.first, frames.second, drift ? &*drift : nullptr);
    ParticleSegmentation seg;
    try {
        seg = segmentParticles(image, nmPerPixel, regions, particleOptions(o));
    } catch (const Error& e) {
        throw Error(o.file + ": " + e.what());
    }
    if (!o.labels.empty())
        writeLabelTiff(seg.labels, o.labels);
    if (!o.output.empty())
        saveParticlesCsv(o.output, seg.result);
    if (!o.histogram.empty())
        writeHistogram(o.histogram, seg.result);
    if (!o.project.empty())
        saveToProject(o, *movie, seg, frames, regions, drift.has_value());
    if (o.json)
        printJson(particlesJson(seg.result, movie->info().path.string(), frames));
    else if (o.output.empty())
        writeParticlesCsv(std::cout, seg.result);
    return 0;
}

const bool registered = registerCommand(
    {"particles", "Segment nanoparticles, measure sizes, compare regions", [](CLI::App& app) {
         auto o = std::make_shared<ParticlesCliOptions>();
         app.add_option("FILE", o->file, "Image (PNG, JPEG, TIFF) or movie")->required();
         auto* frame = app.add_option("--frame", o->frame, "Frame to analyse (default 0)")
                           ->check(nonNegativeFinite());
         auto* frames = app.add_option("--frames", o->frames,
                                       "Drift-corrected mean of frames A:B (inclusive)");
         frame->excludes(frames);
         app.add_option("--region", o->regions,
                        "Region NAME=x0,y0,x1,y1 (rectangle), NAME=ellipse:x0,y0,x1,y1 or "
                        "NAME=x,y,x,y,x,y,… (polygon), frame px; repeatable; the first two are "
                        "compared; default: the whole frame");
         auto* dark = app.add_flag("--dark", o->dark, "Particles darker than the support (TEM)");
         auto* bright =
             app.add_flag("--bright", o->bright, "Particles brighter than the support (HAADF)");
         dark->excludes(bright);
         app.add_option("--threshold", o->threshold,
                        "Threshold method (blob: small bright particles on a lumpy support)")
             ->check(CLI::IsMember({"global", "local", "blob"}));
         app.add_option("--min-diameter-nm", o->minDiameterNm, "Smallest particle (ECD, nm)")
             ->check(positiveFinite());
         app.add_option("--max-diameter-nm", o->maxDiameterNm, "Largest particle (ECD, nm)")
             ->check(positiveFinite());
         app.add_option("--min-diameter-px", o->minDiameterPx,
                        "Smallest particle (ECD, px; always applied)")
             ->check(positiveFinite());
         app.add_option("--max-diameter-px", o->maxDiameterPx,
                        "Largest particle (ECD, px) when the pixel size is unknown")
             ->check(positiveFinite());
         app.add_option("--blob-false-alarms", o->blobFalseAlarmsPerMpx,
                        "--threshold blob: false detections per megapixel expected on noise")
             ->check(positiveFinite());
         app.add_flag("--include-edge", o->includeEdge,
                      "Count particles cut by the image or region edge in the statistics");
         app.add_option("-o,--output", o->output,
                        "Write the per-particle CSV (Fiji's Area, Perim., Feret, MinFeret, Circ., "
                        "Solidity, X, Y with units); with --window-frames the per-window CSV")
             ->group(kOutputsGroup);
         app.add_option("--labels", o->labels,
                        "Write the 32-bit label TIFF (0 background, k = particle k)")
             ->group(kOutputsGroup);
         app.add_option("--histogram", o->histogram,
                        "Write the size histograms with lognormal fits and d* (.png, .svg, .pdf)")
             ->group(kOutputsGroup);
         app.add_option("--project", o->project,
                        "Add the result to a project file (.h5; created when absent; replaces "
                        "an earlier particle result of the same movie)")
             ->group(kOutputsGroup);
         auto* windows =
             app.add_option("--window-frames", o->windowFrames,
                            "Counts and median sizes per region in sliding windows of N frames "
                            "(instead of one frame)")
                 ->check(positiveFinite());
         app.add_option("--window-step", o->windowStep,
                        "Frames between window starts (default: half the window)")
             ->check(positiveFinite())
             ->needs(windows);
         app.add_option("--window-plot", o->windowPlot,
                        "Write the counts per window against time (.png, .svg, .pdf)")
             ->group(kOutputsGroup)
             ->needs(windows);
         windows->excludes(frame)->excludes(frames);
         app.add_flag("--json", o->json, "Print one JSON document");
         addCalibrationOptions(app, o->calibration);
         return [o] { return run(*o); };
     }});

} // namespace

} // namespace insitu::cli
