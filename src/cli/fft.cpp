// `insitu fft FILE [--frame K] [--roi X,Y,W,H | --polygon x,y,…] [--peaks N] [--d-list CSV]
//  [--profile P.csv] [--plot P.png] [--spectrum-plot S.png] [--spectrum S.tif] [--project P.h5]
//  [--json]` — d-spacings of a region — and `insitu fft FILE --map [--window-nm W] [--step-nm S]
//  [--d-range-nm A,B] -o MAP.tif [--project P.h5] [--json]` — the crystallinity map (uint8 mask,
//  non-zero = crystalline).

#include "calibration_options.h"
#include "command_registry.h"
#include "number_checks.h"
#include "output.h"
#include "output_paths.h"

#include "insitu/crystal/crystallinity_map.h"
#include "insitu/crystal/fft_analysis.h"
#include "insitu/crystal/fft_filter.h"
#include "insitu/crystal/fft_region_run.h"
#include "insitu/error.h"
#include "insitu/export/crystal_options_json.h"
#include "insitu/export/fft_export.h"
#include "insitu/io/movie.h"
#include "insitu/project/project_file.h"
#include "insitu/project/project_update.h"

#ifdef INSITU_HAVE_PLOT
#include "fft_plot.h"
#include "offscreen_app.h"
#include "plot_export.h"

#include <qcustomplot.h>
#endif

#include <cmath>
#include <iostream>
#include <memory>
#include <optional>

namespace insitu::cli {

namespace {

/// Command-line values; defaults from FftOptions{} / CrystallinityOptions{}.
struct FftCliOptions
{
    std::string file;
    int frame = 0;
    std::vector<int> roi;        // X,Y,W,H
    std::vector<double> polygon; // x,y,…
    int peaks = FftPeakOptions{}.maxPeaks;
    std::string dList;
    double tolerance = FftOptions{}.matchTolerance;
    std::string window = fftTaperName(FftSpectrumOptions{}.taper);
    std::string profile;
    std::string plot;
    std::string spectrumPlot;
    std::string spectrum;
    std::optional<double> calibrateDNm;
    std::vector<double> spots; // kx,ky,r triples (nm⁻¹ when calibrated, else cycles/px)
    std::string filtered;
    bool map = false;
    std::optional<double> windowNm;
    std::optional<double> stepNm;
    std::vector<double> dRangeNm; // A,B pairs
    std::optional<double> threshold;
    std::string output;
    std::string project;
    CalibrationOverride calibration; // --pixel-size-nm, --frame-interval-s
    bool json = false;
};

FftRegion regionFromOptions(const FftCliOptions& o)
{
    FftRegion region;
    if (!o.roi.empty()) {
        if (o.roi.size() != 4 || o.roi[2] <= 0 || o.roi[3] <= 0)
            throw Error("--roi: expected X,Y,W,H with W, H > 0");
        region.kind = FftRegion::Kind::Rectangle;
        region.rectPx = cv::Rect(o.roi[0], o.roi[1], o.roi[2], o.roi[3]);
    } else if (!o.polygon.empty()) {
        if (o.polygon.size() < 6 || o.polygon.size() % 2 != 0)
            throw Error("--polygon: expected x,y pairs (at least three points)");
        region.kind = FftRegion::Kind::Polygon;
        for (std::size_t i = 0; i + 1 < o.polygon.size(); i += 2)
            region.polygonPx.push_back({o.polygon[i], o.polygon[i + 1]});
    }
    return region;
}

std::vector<DRangeNm> dRanges(const std::vector<double>& values)
{
    std::vector<DRangeNm> ranges;
    for (std::size_t i = 0; i + 1 < values.size(); i += 2)
        ranges.push_back({"d " + std::to_string(i / 2 + 1), std::min(values[i], values[i + 1]),
                          std::max(values[i], values[i + 1])});
    return ranges;
}

nlohmann::json profileJson(const RadialProfile& profile, std::optional<double> nmPerPixel)
{
    nlohmann::json k = nlohmann::json::array(), kPx = nlohmann::json::array(),
                   power = nlohmann::json::array(), background = nlohmann::json::array();
    for (std::size_t i = static_cast<std::size_t>(profile.firstBin); i < profile.kPerPx.size();
         ++i) {
        if (profile.count[i] == 0)
            continue;
        kPx.push_back(profile.kPerPx[i]);
        k.push_back(nmPerPixel ? nlohmann::json(profile.kPerPx[i] / *nmPerPixel)
                               : nlohmann::json(nullptr));
        power.push_back(profile.power[i]);
        background.push_back(std::isfinite(profile.background[i])
                                 ? nlohmann::json(profile.background[i])
                                 : nlohmann::json(nullptr));
    }
    return {{"k_per_nm", k}, {"k_per_px", kPx}, {"power", power}, {"background", background}};
}

nlohmann::json peaksJson(const std::vector<FftPeakResult>& peaks)
{
    nlohmann::json out = nlohmann::json::array();
    for (const FftPeakResult& p : peaks)
        out.push_back({
            {"d_nm", numberOrNull(p.dNm)},
            {"d_err_nm", numberOrNull(p.dErrNm)},
            {"k_per_nm", numberOrNull(p.kPerNm)},
            {"height", p.peak.height},
            {"fwhm_per_nm", numberOrNull(p.fwhmPerNm)},
            {"match", p.match ? nlohmann::json{{"phase", p.match->phase},
                                               {"hkl", p.match->hkl},
                                               {"d_nm", p.match->dNm}}
                              : nlohmann::json(nullptr)},
            {"k_per_px", p.peak.kPerPx},
            {"k_err_per_px", p.peak.kErrPerPx},
            {"d_px", 1 / p.peak.kPerPx},
            {"significance", p.peak.significance},
        });
    return out;
}

/// The radial profile (spectrum = false) or the log power spectrum with its rings.
void writePlot(const FftResult& result, const std::string& path, bool spectrum)
{
#ifdef INSITU_HAVE_PLOT
    plot::OffscreenApp app;
    auto figure = spectrum ? plot::makeFftSpectrumPlot(result) : plot::makeFftProfilePlot(result);
    plot::savePlot(*figure, QString::fromStdString(path));
#else
    (void)result;
    (void)spectrum;
    throw Error(path + ": this insitu was built without plotting (INSITU_BUILD_GUI=OFF)");
#endif
}

/// The region settings the command line gives (stored with the region: crystal_options_json.h).
FftRegionSettings regionSettings(const FftCliOptions& o)
{
    FftRegionSettings settings;
    settings.options.spectrum.taper = fftTaperFromName(o.window);
    settings.options.peaks.maxPeaks = o.peaks;
    settings.options.matchTolerance = o.tolerance;
    if (!o.dList.empty())
        settings.options.dList = readDList(o.dList);
    settings.calibrateDNm = o.calibrateDNm;
    return settings;
}

/// The map options the command line gives.
CrystallinityOptions mapOptions(const FftCliOptions& o)
{
    CrystallinityOptions options;
    options.windowNm = o.windowNm;
    options.stepNm = o.stepNm;
    options.dRanges = dRanges(o.dRangeNm);
    options.thresholdRatio = o.threshold;
    return options;
}

std::vector<FftSpot> spotsFromOptions(const FftCliOptions& o, std::optional<double> nmPerPixel)
{
    if (o.spots.size() % 3 != 0)
        throw Error("--spot: expected KX,KY,R triples");
    const double toPx = nmPerPixel ? *nmPerPixel : 1.0; // nm⁻¹ × nm/px = cycles/px
    std::vector<FftSpot> spots;
    for (std::size_t i = 0; i + 2 < o.spots.size(); i += 3)
        spots.push_back({o.spots[i] * toPx, o.spots[i + 1] * toPx, o.spots[i + 2] * toPx});
    return spots;
}

int run(const FftCliOptions& o)
{
    auto movie = openMovie(o.file);
    printNotes(movie->info());
    std::optional<Project> project;
    if (!o.project.empty()) {
        // The project's calibration of this movie holds unless overridden on the command line.
        project = loadProjectOrNew(o.project, *movie);
        if (const ProjectMovie* stored = findAnalysedMovie(*project, *movie))
            movie->setCalibration(stored->effectiveCalibration());
    }
    applyCalibrationOverride(*movie, o.calibration);
    Calibration calibration = movie->calibration();
    if (o.frame < 0 || o.frame >= movie->frameCount())
        throw Error(o.file + ": --frame " + std::to_string(o.frame) + " is outside 0.." +
                    std::to_string(movie->frameCount() - 1));
    const cv::Mat image = movie->frameFloat(o.frame);

    const FftRegionSettings settings = regionSettings(o);
    const FftRegion region = regionFromOptions(o);
    const FftRegionRun regionRun = runFftRegion(image, region, calibration, settings);
    const FftResult& result = regionRun.result;

    nlohmann::json document;
    if (const auto& ring = regionRun.ring) {
        calibration.nmPerPixel = ring->nmPerPixel;
        document["calibration"] = {{"pixel_size_nm", ring->nmPerPixel},
                                   {"pixel_size_err_nm", ring->nmPerPixelErr},
                                   {"known_d_nm", ring->knownDNm},
                                   {"peak_index", ring->peakIndex}};
        std::cerr << "insitu: pixel size from the " << ring->knownDNm
                  << " nm ring: " << formatWithUncertainty(ring->nmPerPixel, ring->nmPerPixelErr)
                  << " nm/px\n";
    }
    document["file"] = movie->info().path.string();
    document["frame"] = o.frame;
    document["pixel_size_nm"] = numberOrNull(calibration.nmPerPixel);
    document["region_px"] = {result.spectrum.boxPx.x, result.spectrum.boxPx.y,
                             result.spectrum.boxPx.width, result.spectrum.boxPx.height};
    document["window"] = o.window;
    document["peaks"] = peaksJson(result.peaks);
    document["profile"] = profileJson(result.profile, calibration.nmPerPixel);

    if (!o.profile.empty())
        saveFftProfileCsv(o.profile, result.profile, calibration.nmPerPixel);
    if (!o.spectrum.empty())
        writeFloatTiff(logPowerImage(result.spectrum.power), o.spectrum);
    if (!o.plot.empty())
        writePlot(result, o.plot, false);
    if (!o.spectrumPlot.empty())
        writePlot(result, o.spectrumPlot, true);
    if (!o.filtered.empty())
        writeFloatTiff(
            spotFilteredImage(result.spectrum, spotsFromOptions(o, calibration.nmPerPixel)),
            o.filtered, calibration.nmPerPixel);

    std::optional<ProjectCrystallinityMap> storedMap; // --map --project
    if (o.map) {
        if (o.output.empty())
            throw Error("--map: give the mask file with -o MAP.tif");
        const CrystallinityOptions options = mapOptions(o);
        TerminalProgress progress;
        const CrystallinityMap map = crystallinityMap(image, calibration, options, progress);
        if (project)
            storedMap =
                projectCrystallinityMap(map, o.frame, crystallinityOptionsJson(options).dump());
        writeMaskTiff(map.mask, o.output, calibration.nmPerPixel);
        nlohmann::json phases = nlohmann::json::array();
        for (const PhaseCrystallinity& p : map.phases)
            phases.push_back({{"phase", p.phase},
                              {"d_min_nm", std::isfinite(p.minNm) ? nlohmann::json(p.minNm)
                                                                  : nlohmann::json(nullptr)},
                              {"d_max_nm", std::isfinite(p.maxNm) ? nlohmann::json(p.maxNm)
                                                                  : nlohmann::json(nullptr)},
                              {"k_min_per_px", p.kMinPerPx},
                              {"k_max_per_px", p.kMaxPerPx},
                              {"threshold_ratio", p.thresholdRatio},
                              {"fraction", p.fraction}});
        document["crystalline_fraction"] = map.crystallineFraction;
        document["map"] = {{"window_px", map.windowPx},
                           {"step_px", map.stepPx},
                           {"output", o.output},
                           {"phases", phases}};
        if (!o.json)
            std::cout << "crystalline_fraction," << map.crystallineFraction << '\n';
    }
    if (project) {
        if (o.calibrateDNm) { // the ring calibration becomes the movie's pixel size
            Calibration ringCalibrated = movie->calibration();
            ringCalibrated.nmPerPixel = calibration.nmPerPixel;
            movie->setCalibration(ringCalibrated);
        }
        ProjectMovie& entry = analysedMovieEntry(*project, *movie);
        if (storedMap)
            entry.fft.map = std::move(storedMap);
        else {
            entry.fft.putRegion(projectFftRegion(result, region, o.frame, std::nullopt,
                                                 fftRegionSettingsJson(settings).dump()));
            // the FFT panel's next analysis: these options and spots
            entry.fftSettings = {settings, spotsFromOptions(o, calibration.nmPerPixel)};
        }
        saveProject(*project, o.project);
    }
    if (o.json)
        printJson(document);
    else if (!o.map) {
        std::cout << "d_nm,d_err_nm,k_per_nm,height,fwhm_per_nm,match\n";
        for (const FftPeakResult& p : result.peaks) {
            auto num = [](const std::optional<double>& v) {
                return v ? std::to_string(*v) : std::string();
            };
            std::cout << num(p.dNm) << ',' << num(p.dErrNm) << ',' << num(p.kPerNm) << ','
                      << p.peak.height << ',' << num(p.fwhmPerNm) << ','
                      << (p.match ? p.match->phase + " " + p.match->hkl : std::string()) << '\n';
        }
    }
    return 0;
}

const bool registered = registerCommand(
    {"fft", "Lattice spacings from the FFT of a region, or a crystallinity map (--map)",
     [](CLI::App& app) {
         auto o = std::make_shared<FftCliOptions>();
         app.add_option("FILE", o->file, "Movie or image file")->required();
         app.add_option("--frame", o->frame, "Frame to analyse (0-based)");
         auto* roi = app.add_option("--roi", o->roi, "Rectangle X,Y,W,H (px); default whole frame")
                         ->delimiter(',')
                         ->expected(4)
                         ->check(coordinatePx());
         auto* polygon =
             app.add_option("--polygon", o->polygon, "Polygon x,y,x,y,… (≥ 3 points, px)")
                 ->delimiter(',')
                 ->expected(6, 1 << 20)
                 ->check(coordinatePx());
         roi->excludes(polygon);
         app.add_option("--peaks", o->peaks, "Strongest peaks to report")
             ->check(finiteRange(1, 64));
         app.add_option("--d-list", o->dList, "Known reflections CSV: phase,hkl,d_nm");
         app.add_option("--tolerance", o->tolerance,
                        "Match when |d - d_ref| <= tolerance x d_ref (default 0.02)")
             ->check(finiteRange(0.0, 0.5));
         app.add_option("--window", o->window, "Taper before the FFT")
             ->check(CLI::IsMember({"hann", "tukey", "none"}));
         app.add_option(
                "--profile", o->profile,
                "Write the radial profile CSV: k_per_px,k_per_nm,d_nm,power,background,count")
             ->group(kOutputsGroup);
         app.add_option("--plot", o->plot,
                        "Write the radial profile plot with d ± σ of the peaks (.png, .svg, .pdf)")
             ->group(kOutputsGroup);
         app.add_option("--spectrum-plot", o->spectrumPlot,
                        "Write the log power spectrum with the peaks' rings (.png, .svg, .pdf)")
             ->group(kOutputsGroup);
         app.add_option("--spectrum", o->spectrum, "Write log10 power spectrum as float32 TIFF")
             ->group(kOutputsGroup);
         app.add_option("--calibrate-d-nm", o->calibrateDNm,
                        "Set the pixel size from the peak of this known spacing (nm), e.g. "
                        "0.2355 for Au(111)")
             ->check(positiveFinite());
         app.add_option("--spot", o->spots,
                        "Keep reflection KX,KY,R (nm^-1, or cycles/px when uncalibrated; "
                        "repeatable) for --filtered")
             ->delimiter(',')
             ->expected(3, 1 << 20);
         app.add_option("--filtered", o->filtered,
                        "Write the region filtered to the --spot reflections (float32 TIFF)")
             ->group(kOutputsGroup);
         app.add_flag("--map", o->map, "Crystallinity map (sliding-window FFT) into -o MAP.tif");
         app.add_option("--window-nm", o->windowNm, "Map window side (nm); default 64 px")
             ->check(positiveFinite());
         app.add_option("--step-nm", o->stepNm, "Map step (nm); default 16 px")
             ->check(positiveFinite());
         app.add_option("--d-range-nm", o->dRangeNm,
                        "Map spacings A,B (nm; repeatable: one map per range); default: the "
                        "strongest detected rings")
             ->delimiter(',')
             ->expected(2, 1 << 20);
         app.add_option("--threshold", o->threshold,
                        "Fringe-power ratio threshold; default from a two-component mixture")
             ->check(positiveFinite());
         app.add_option("-o,--output", o->output, "--map: write the uint8 mask TIFF")
             ->group(kOutputsGroup);
         app.add_option("--project", o->project,
                        "Add the result to this project file (.h5; created when missing): the "
                        "region replaces one of the same frame and pixels, --map the map")
             ->group(kOutputsGroup);
         addCalibrationOptions(app, o->calibration);
         app.add_flag("--json", o->json, "Print one JSON document");
         return [o] { return run(*o); };
     }});

} // namespace

} // namespace insitu::cli
