// `insitu area MOVIE --polygon x,y,x,y,… [--polygon …] [--drift mean|first|previous|none]
//  [--core] [--keyframe P:FRAME:x,y,…] [--model auto|linear|parabolic|exponential|avrami]
//  [--a0-frames FIRST:LAST] [-o AREAS.csv] [--plot P.png|.svg|.pdf] [--project OUT.h5]
//  [--json]`: areal expansion.

#include "calibration_options.h"
#include "command_registry.h"
#include "output.h"
#include "output_paths.h"

#include "insitu/area/area_tracker.h"
#include "insitu/error.h"
#include "insitu/export/area_csv.h"
#include "insitu/export/csv_export.h"
#include "insitu/export/options_json.h"
#include "insitu/front/front_fit.h"
#include "insitu/io/movie.h"
#include "insitu/kinetics/fit_json.h"
#include "insitu/project/area_project_build.h"
#include "insitu/project/project_file.h"
#include "insitu/registration/drift.h"

#ifdef INSITU_HAVE_PLOT
#include "area_plot.h"
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

/// Command-line values; defaults from AreaOptions{} / DriftOptions{}.
struct AreaCliOptions
{
    std::string file;
    std::vector<std::string> polygons;
    std::vector<std::string> keyframes; // P:FRAME:x,y,…
    std::string drift = driftReferenceName(DriftOptions{}.reference);
    bool core = AreaOptions{}.core;
    std::string model = AreaOptions{}.model;
    std::string a0Frames; // FIRST:LAST
    std::string output;
    std::string plot;
    std::string project;
    bool json = false;
    CalibrationOverride calibration; // --pixel-size-nm, --frame-interval-s
};

std::vector<PointPx> parsePoints(const std::string& text, const std::string& option)
{
    std::vector<double> values;
    std::stringstream in(text);
    std::string item;
    while (std::getline(in, item, ',')) {
        try {
            std::size_t used = 0;
            values.push_back(std::stod(item, &used));
            if (used != item.size() || !std::isfinite(values.back()))
                throw std::invalid_argument(item);
        } catch (const std::exception&) {
            throw Error(option + " '" + text + "': expected numbers x,y,x,y,…");
        }
    }
    if (values.size() < 6 || values.size() % 2 != 0)
        throw Error(option + " '" + text + "': expected at least three x,y vertices");
    std::vector<PointPx> points;
    for (std::size_t i = 0; i + 1 < values.size(); i += 2)
        points.push_back({values[i], values[i + 1]});
    return points;
}

std::vector<AreaKeyframe> keyframesFromOptions(const AreaCliOptions& o)
{
    std::vector<AreaKeyframe> keys;
    int index = 0;
    for (const std::string& text : o.polygons)
        keys.push_back({index++, 0, parsePoints(text, "--polygon"), true});
    for (const std::string& text : o.keyframes) {
        const auto first = text.find(':');
        const auto second = first == std::string::npos ? first : text.find(':', first + 1);
        if (second == std::string::npos)
            throw Error("--keyframe '" + text + "': expected PARTICLE:FRAME:x,y,x,y,…");
        AreaKeyframe key;
        try {
            key.particle = std::stoi(text.substr(0, first));
            key.frame = std::stoi(text.substr(first + 1, second - first - 1));
        } catch (const std::exception&) {
            throw Error("--keyframe '" + text + "': expected PARTICLE:FRAME:x,y,x,y,…");
        }
        if (key.particle < 0 || key.particle >= index)
            throw Error("--keyframe '" + text + "': particle " + std::to_string(key.particle) +
                        " is not one of the --polygon particles (0…" + std::to_string(index - 1) +
                        ")");
        key.outlinePx = parsePoints(text.substr(second + 1), "--keyframe");
        keys.push_back(std::move(key));
    }
    return keys;
}

AreaOptions coreOptions(const AreaCliOptions& o)
{
    AreaOptions options;
    options.core = o.core;
    options.model = o.model;
    if (!o.a0Frames.empty()) {
        char colon = 0;
        std::istringstream in(o.a0Frames);
        if (!(in >> options.areaZeroFirstFrame >> colon >> options.areaZeroLastFrame) ||
            colon != ':' || options.areaZeroFirstFrame < 0 ||
            options.areaZeroLastFrame < options.areaZeroFirstFrame)
            throw Error("--a0-frames '" + o.a0Frames + "': expected FIRST:LAST frames");
    }
    return options;
}

nlohmann::json nullable(const std::vector<double>& values, bool known)
{
    return known ? nlohmann::json(values) : nlohmann::json(nullptr);
}

nlohmann::json areasJson(const AreaResult& result, const Calibration& cal,
                         const std::vector<double>& timesS)
{
    const std::optional<double> nm = cal.nmPerPixel;
    const double nm2 = nm ? *nm * *nm : 0;
    nlohmann::json particles = nlohmann::json::array();
    for (const AreaTrack& t : result.particles) {
        std::vector<double> times, areaNm2, coreNm2;
        nlohmann::json centroids = nlohmann::json::array();
        nlohmann::json outlines = nlohmann::json::array();
        for (std::size_t i = 0; i < t.frames.size(); ++i) {
            if (!timesS.empty())
                times.push_back(timesS[static_cast<std::size_t>(t.frames[i])]);
            areaNm2.push_back(t.areaPx[i] * nm2);
            if (i < t.coreAreaPx.size())
                coreNm2.push_back(t.coreAreaPx[i] * nm2);
            centroids.push_back({t.centroidPx[i].x, t.centroidPx[i].y});
            nlohmann::json polygon = nlohmann::json::array();
            for (const PointPx& p : t.outlinesPx[i])
                polygon.push_back({p.x, p.y});
            outlines.push_back(std::move(polygon));
        }
        nlohmann::json events = nlohmann::json::array();
        for (const AreaEvent& e : t.events)
            events.push_back(
                {{"frame", e.frame}, {"kind", e.kind}, {"area_ratio_step", e.areaRatioStep}});
        const auto rate = initialRate(t);
        const auto finalFit = finalAreaRatio(t, result.options, timesS);
        const FitParameter* finalRatio = finalFit ? &finalFit->params.at(0) : nullptr;
        nlohmann::json particle{
            {"index", t.index},
            {"frames", t.frames},
            {"times_s", nullable(times, !timesS.empty())},
            {"area_px", t.areaPx},
            {"area_nm2", nullable(areaNm2, nm.has_value())},
            {"area_ratio", t.areaRatio},
            {"centroid_px", centroids},
            {"outline_px", outlines},
            {"edge_confidence", t.edgeConfidence},
            {"events", events},
            {"fit", t.fit ? fitToJson(*t.fit) : nlohmann::json(nullptr)},
            {"initial_rate_per_s",
             rate && !timesS.empty() ? nlohmann::json(rate->value) : nlohmann::json(nullptr)},
            {"initial_rate_ci95",
             rate ? nlohmann::json({rate->ci95Low, rate->ci95High}) : nlohmann::json(nullptr)},
            {"initial_rate_ci_method",
             rate ? nlohmann::json(fitIntervalMethod(*t.onsetFit)) : nlohmann::json(nullptr)},
            {"final_area_ratio",
             finalRatio ? nlohmann::json(finalRatio->value) : nlohmann::json(nullptr)},
            {"final_area_ratio_ci95",
             finalRatio ? nlohmann::json({finalRatio->ci95Low, finalRatio->ci95High})
                        : nlohmann::json(nullptr)},
        };
        if (result.options.core)
            particle["core_area_nm2"] = nullable(coreNm2, nm.has_value());
        particles.push_back(std::move(particle));
    }
    nlohmann::json ratios = nlohmann::json::array();
    for (const AreaRatioComparison& r : result.ratios)
        ratios.push_back({{"particle_a", r.particleA},
                          {"particle_b", r.particleB},
                          {"quantity", r.quantity},
                          {"ratio", r.ratio.ratio},
                          {"ci95", {r.ratio.ci95Low, r.ratio.ci95High}},
                          {"text", r.ratio.text}});
    return {{"pixel_size_nm", numberOrNull(nm)},
            {"frame_interval_s", numberOrNull(cal.frameIntervalS)},
            {"particles", particles},
            {"ratios", ratios}};
}

void writePlot(const AreaResult& result, const Movie& movie, const std::string& path)
{
#ifdef INSITU_HAVE_PLOT
    plot::OffscreenApp app;
    auto figure = plot::makeAreaPlot(result, movie.calibration(), movie.frameCount());
    plot::savePlot(*figure, QString::fromStdString(path));
#else
    (void)result;
    (void)movie;
    throw Error(path + ": this insitu was built without plotting (INSITU_BUILD_GUI=OFF)");
#endif
}

int run(const AreaCliOptions& o)
{
    const AreaOptions options = coreOptions(o);
    const std::vector<AreaKeyframe> keys = keyframesFromOptions(o);
    if (keys.empty())
        throw Error("area: give each particle as --polygon x,y,x,y,… (frame-0 px)");
    std::shared_ptr<Movie> movie = openMovie(o.file);
    applyCalibrationOverride(*movie, o.calibration);
    printNotes(movie->info());
    const Calibration cal = movie->calibration();
    TerminalProgress progress;
    std::optional<DriftResult> drift;
    if (o.drift != "none") {
        DriftOptions driftOptions;
        driftOptions.reference = driftReferenceFromName(o.drift);
        drift = estimateDrift(*movie, driftOptions, progress);
    }
    AreaResult result = followOutlines(*movie, drift ? &*drift : nullptr, keys, options, progress);
    const std::vector<double> timesS = frameTimesS(cal, movie->frameCount());
    analyseAreas(result, timesS);
    if (!o.output.empty())
        saveAreasCsv(o.output, result, cal);
    if (!o.plot.empty())
        writePlot(result, *movie, o.plot);
    if (!o.project.empty())
        saveProject(buildAreaProject(*movie, drift, result, o.drift), o.project);
    if (o.json)
        printJson(areasJson(result, cal, timesS));
    else if (o.output.empty())
        writeAreasCsv(std::cout, result, cal);
    return 0;
}

const bool registered = registerCommand(
    {"area", "Follow particle outlines: A(t), A/A0, cracks and fits", [](CLI::App& app) {
         auto o = std::make_shared<AreaCliOptions>();
         app.add_option("MOVIE", o->file, "Movie file or image folder")->required();
         app.add_option("--polygon", o->polygons,
                        "A particle drawn on frame 0: x,y,x,y,… (≥ 3 vertices, px; repeatable)")
             ->required();
         app.add_option("--keyframe", o->keyframes,
                        "Corrected outline PARTICLE:FRAME:x,y,… in that frame's image px "
                        "(repeatable)");
         app.add_option("--drift", o->drift, "Drift correction reference, or none")
             ->check(CLI::IsMember({"first", "previous", "mean", "none"}));
         app.add_flag("--core", o->core, "Also follow the core/shell boundary");
         app.add_option("--model", o->model, "Model fitted to A/A0(t)")
             ->check(CLI::IsMember({"auto", "linear", "parabolic", "exponential", "avrami"}));
         app.add_option("--a0-frames", o->a0Frames, "A0 = mean area over frames FIRST:LAST");
         app.add_option("-o,--output", o->output,
                        "Write CSV: frame,time_s,particle,area_px,area_nm2,area_ratio,ecd_nm,…")
             ->group(kOutputsGroup);
         app.add_option("--plot", o->plot,
                        "Write A/A0(t) with fits, bands and events (.png, .svg, .pdf)")
             ->group(kOutputsGroup);
         app.add_option("--project", o->project,
                        "Save the run as a project file (.h5) that the GUI opens")
             ->group(kOutputsGroup);
         app.add_flag("--json", o->json, "Print one JSON document");
         addCalibrationOptions(app, o->calibration);
         return [o] { return run(*o); };
     }});

} // namespace

} // namespace insitu::cli
