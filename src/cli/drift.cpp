// `insitu drift FILE [-o SHIFTS.csv] [--reference first|previous|mean] [--roi X,Y,W,H]
//  [--lowpass SIGMA] [--bin N] [--json]`: drift of every frame, per architecture.md.

#include "command_registry.h"
#include "output.h"

#include "insitu/error.h"
#include "insitu/io/movie.h"
#include "insitu/registration/drift.h"

#include <charconv>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

namespace insitu::cli {

namespace {

struct DriftCliOptions
{
    std::string file;
    std::string output;
    std::string reference = "mean";
    std::vector<int> roi;
    double lowPassSigma = DriftOptions{}.lowPassSigmaCyclesPerPx;
    double highPassSigma = DriftOptions{}.highPassSigmaCyclesPerPx;
    double whitening = DriftOptions{}.whiteningExponent;
    int binning = 1;
    int runningMeanFrames = DriftOptions{}.runningMeanFrames;
    double minQuality = DriftOptions{}.minQuality;
    bool singlePass = false;
    bool json = false;
};

/// Shortest round-trip text of a number with '.' decimals; empty for NaN.
std::string number(double value)
{
    if (!std::isfinite(value))
        return {};
    char buffer[64];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    return std::string(buffer, result.ptr);
}

DriftOptions coreOptions(const DriftCliOptions& o)
{
    DriftOptions options;
    if (o.reference == "first")
        options.reference = DriftReference::First;
    else if (o.reference == "previous")
        options.reference = DriftReference::Previous;
    else
        options.reference = DriftReference::RunningMean;
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
    return options;
}

/// Columns frame,time_s,dx_px,dy_px,dx_nm,dy_nm,quality,interpolated (unknown values empty).
void writeCsv(std::ostream& out, const DriftResult& drift, const Calibration& calibration)
{
    out << "frame,time_s,dx_px,dy_px,dx_nm,dy_nm,quality,interpolated\n";
    for (int k = 0; k < drift.frameCount(); ++k) {
        const auto i = static_cast<std::size_t>(k);
        const auto time = calibration.timeOfFrameS(k);
        const auto nm = calibration.nmPerPixel;
        out << k << ',' << (time ? number(*time) : "") << ',' << number(drift.dxPx[i]) << ','
            << number(drift.dyPx[i]) << ',' << (nm ? number(drift.dxPx[i] * *nm) : "") << ','
            << (nm ? number(drift.dyPx[i] * *nm) : "") << ',' << number(drift.quality[i]) << ','
            << (drift.interpolated[i] ? 1 : 0) << '\n';
    }
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
    const auto& o = drift.options;
    const char* reference = o.reference == DriftReference::First      ? "first"
                            : o.reference == DriftReference::Previous ? "previous"
                                                                      : "mean";
    nlohmann::json roi = nullptr;
    if (o.regionPx)
        roi = {(*o.regionPx)[0], (*o.regionPx)[1], (*o.regionPx)[2], (*o.regionPx)[3]};
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
        {"options",
         {{"reference", reference},
          {"running_mean_frames", o.runningMeanFrames},
          {"roi_px", roi},
          {"lowpass_sigma_cycles_per_px", o.lowPassSigmaCyclesPerPx},
          {"highpass_sigma_cycles_per_px", o.highPassSigmaCyclesPerPx},
          {"binning", o.binning},
          {"min_quality", o.minQuality},
          {"min_relative_quality", o.minRelativeQuality},
          {"whitening_exponent", o.whiteningExponent},
          {"mean_second_pass", o.meanSecondPass}}},
    };
}

int run(const DriftCliOptions& o)
{
    const DriftOptions options = coreOptions(o);
    const auto movie = openMovie(o.file);
    TerminalProgress progress;
    const DriftResult drift = estimateDrift(*movie, options, progress);
    if (!o.output.empty()) {
        std::ostringstream text;
        writeCsv(text, drift, movie->calibration());
        std::ofstream out(o.output, std::ios::binary | std::ios::trunc);
        out << text.str();
        if (!out.flush())
            throw Error(o.output + ": cannot write the CSV file");
    }
    if (o.json)
        printJson(driftJson(*movie, drift));
    else if (o.output.empty())
        writeCsv(std::cout, drift, movie->calibration());
    return 0;
}

const bool registered = registerCommand({"drift", "Measure the drift of every frame (sub-pixel)",
    [](CLI::App& app) {
        auto o = std::make_shared<DriftCliOptions>();
        app.add_option("FILE", o->file, "Movie file")->required();
        app.add_option("-o,--output", o->output, "Write CSV: frame,time_s,dx_px,dy_px,…");
        app.add_option("--reference", o->reference,
                       "first | previous (accumulated) | mean (running mean of aligned frames)")
            ->check(CLI::IsMember({"first", "previous", "mean"}));
        app.add_option("--roi", o->roi, "Registration region X,Y,W,H in frame-0 px")
            ->delimiter(',')
            ->expected(4);
        app.add_option("--lowpass", o->lowPassSigma,
                       "Gaussian low-pass sigma on the cross-power spectrum (cycles/px)")
            ->check(CLI::Range(0.0, 0.5));
        app.add_option("--highpass", o->highPassSigma,
                       "Gaussian high-pass sigma against illumination gradients (cycles/px, 0 = off)")
            ->check(CLI::Range(0.0, 0.5));
        app.add_option("--whitening", o->whitening,
                       "Cross-power normalisation exponent: 1 = phase correlation, 0 = none")
            ->check(CLI::Range(0.0, 1.0));
        app.add_option("--bin", o->binning, "Bin frames N×N before registering (1, 2, 4)")
            ->check(CLI::IsMember({1, 2, 4}));
        app.add_option("--frames-in-mean", o->runningMeanFrames,
                       "K of the running-mean reference")
            ->check(CLI::PositiveNumber);
        app.add_option("--min-quality", o->minQuality,
                       "Frames with quality below this (0–1) are interpolated")
            ->check(CLI::Range(0.0, 1.0));
        app.add_flag("--single-pass", o->singlePass,
                     "mean: skip the second pass against the mean of all frames");
        app.add_flag("--json", o->json, "Print one JSON document");
        return [o] { return run(*o); };
    }});

} // namespace

} // namespace insitu::cli
