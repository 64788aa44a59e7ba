// `insitu drift FILE [-o SHIFTS.csv] [--reference first|previous|mean] [--roi X,Y,W,H]
//  [--lowpass SIGMA] [--bin N] [--downweight-changes] [--json]`: drift of every frame, per
//  architecture.md.

#include "calibration_options.h"
#include "command_registry.h"
#include "number_checks.h"
#include "output.h"
#include "output_paths.h"

#include "insitu/error.h"
#include "insitu/export/csv_export.h"
#include "insitu/export/options_json.h"
#include "insitu/io/movie.h"
#include "insitu/registration/drift.h"

#include <iostream>
#include <memory>

namespace insitu::cli {

namespace {

/// Command-line values; every default is DriftOptions{}'s.
struct DriftCliOptions
{
    std::string file;
    std::string output;
    std::string reference = driftReferenceName(DriftOptions{}.reference);
    std::vector<int> roi;
    double lowPassSigma = DriftOptions{}.lowPassSigmaCyclesPerPx;
    double highPassSigma = DriftOptions{}.highPassSigmaCyclesPerPx;
    double whitening = DriftOptions{}.whiteningExponent;
    int binning = DriftOptions{}.binning;
    int runningMeanFrames = DriftOptions{}.runningMeanFrames;
    double minQuality = DriftOptions{}.minQuality;
    bool singlePass = !DriftOptions{}.meanSecondPass;
    bool downweightChanges = DriftOptions{}.downweightChanges;
    bool json = false;
    CalibrationOverride calibration; // --pixel-size-nm, --frame-interval-s
};

DriftOptions coreOptions(const DriftCliOptions& o)
{
    DriftOptions options;
    options.reference = driftReferenceFromName(o.reference);
    if (!o.roi.empty()) {
        if (o.roi.size() != 4)
            throw Error("--roi: expected X,Y,W,H (four integers)");
        options.regionPx = std::array<int, 4>{o.roi[0], o.roi[1], o.roi[2], o.roi[3]};
    }
    options.lowPassSigmaCyclesPerPx = o.lowPassSigma;
    options.highPassSigmaCyclesPerPx = o.highPassSigma;
    options.whiteningExponent = o.whitening;
    options.binning = o.binning;
    options.runningMeanFrames = o.runningMeanFrames;
    options.minQuality = o.minQuality;
    options.meanSecondPass = !o.singlePass;
    options.downweightChanges = o.downweightChanges;
    return options;
}

nlohmann::json driftJson(const Movie& movie, const DriftResult& drift)
{
    const auto& calibration = movie.calibration();
    nlohmann::json times = nlohmann::json::array();
    bool timeKnown = true;
    for (int k = 0; k < drift.frameCount(); ++k) {
        const auto time = calibration.timeOfFrameS(k);
        timeKnown = timeKnown && time.has_value();
        times.push_back(numberOrNull(time));
    }
    std::vector<int> interpolated;
    for (bool flag : drift.interpolated)
        interpolated.push_back(flag ? 1 : 0);
    const cv::Rect area = commonArea(drift, movie.width(), movie.height());
    return {
        {"file", movie.info().path.string()},
        {"frames", drift.frameCount()},
        {"pixel_size_nm", numberOrNull(calibration.nmPerPixel)},
        {"times_s", timeKnown ? times : nlohmann::json(nullptr)},
        {"dx_px", drift.dxPx},
        {"dy_px", drift.dyPx},
        {"quality", drift.quality},
        {"interpolated", interpolated},
        {"common_area_px", {area.x, area.y, area.width, area.height}},
        {"notes", movie.info().notes},
        {"options", driftOptionsJson(drift.options)},
    };
}

int run(const DriftCliOptions& o)
{
    const DriftOptions options = coreOptions(o);
    const auto movie = openMovie(o.file);
    applyCalibrationOverride(*movie, o.calibration);
    printNotes(movie->info());
    TerminalProgress progress;
    const DriftResult drift = estimateDrift(*movie, options, progress);
    printDriftNotes(movie->info(), drift);
    if (!o.output.empty())
        saveDriftCsv(o.output, drift, movie->calibration());
    if (o.json)
        printJson(driftJson(*movie, drift));
    else if (o.output.empty())
        writeDriftCsv(std::cout, drift, movie->calibration());
    return 0;
}

const bool registered = registerCommand(
    {"drift", "Measure the drift of every frame (sub-pixel)", [](CLI::App& app) {
         auto o = std::make_shared<DriftCliOptions>();
         app.add_option("FILE", o->file, "Movie file")->required();
         app.add_option("-o,--output", o->output,
                        "Write CSV: frame,time_s,dx_px,dy_px,dx_nm,dy_nm,quality,interpolated")
             ->group(kOutputsGroup);
         app.add_option("--reference", o->reference,
                        "first | previous (accumulated) | mean (running mean of aligned frames)")
             ->check(CLI::IsMember({"first", "previous", "mean"}));
         app.add_option("--roi", o->roi, "Registration region X,Y,W,H in frame-0 px")
             ->delimiter(',')
             ->expected(4);
         app.add_option("--lowpass", o->lowPassSigma,
                        "Gaussian low-pass sigma on the cross-power spectrum (cycles/px)")
             ->check(finiteRange(0.0, 0.5));
         app.add_option(
                "--highpass", o->highPassSigma,
                "Gaussian high-pass sigma against illumination gradients (cycles/px, 0 = off)")
             ->check(finiteRange(0.0, 0.5));
         app.add_option("--whitening", o->whitening,
                        "Cross-power normalisation exponent: 1 = phase correlation, 0 = none")
             ->check(finiteRange(0.0, 1.0));
         app.add_option("--bin", o->binning, "Bin frames N×N before registering (1, 2, 4)")
             ->check(CLI::IsMember({1, 2, 4}));
         app.add_option("--frames-in-mean", o->runningMeanFrames, "K of the running-mean reference")
             ->check(positiveFinite());
         app.add_option("--min-quality", o->minQuality,
                        "Frames with quality below this (0–1) are interpolated")
             ->check(finiteRange(0.0, 1.0));
         app.add_flag("--single-pass", o->singlePass,
                      "mean: skip the second pass against the mean of all frames");
         app.add_flag("--downweight-changes", o->downweightChanges,
                      "Refine against the mean with pixels that change in time (moving fronts, "
                      "particles) down-weighted; slower");
         app.add_flag("--json", o->json, "Print one JSON document");
         addCalibrationOptions(app, o->calibration);
         return [o] { return run(*o); };
     }});

} // namespace

} // namespace insitu::cli
