// The kinetics of tracked fronts: fit series, the too-few-frames rule and the fit itself.

#include "insitu/front/front_fit.h"

#include "insitu/error.h"

#include <cmath>

namespace insitu {

std::vector<double> positionsNm(const FrontTrack& track, std::optional<double> nmPerPixel)
{
    std::vector<double> out;
    if (!nmPerPixel)
        return out;
    out.reserve(track.positionsPx.size());
    for (double p : track.positionsPx)
        out.push_back(p * *nmPerPixel);
    return out;
}

std::vector<double> frontTimesS(const FrontTrack& track, const std::vector<double>& frameTimesS)
{
    std::vector<double> out;
    if (frameTimesS.empty())
        return out;
    out.reserve(track.frames.size());
    for (int f : track.frames) {
        if (f < 0 || f >= static_cast<int>(frameTimesS.size()))
            return {};
        out.push_back(frameTimesS[static_cast<std::size_t>(f)]);
    }
    return out;
}

std::vector<double> frontTimesS(const FrontTrack& track, const Kymograph& kymograph)
{
    return frontTimesS(track, kymograph.timesS);
}

std::vector<double> frameTimesS(const Calibration& calibration, int frameCount)
{
    std::vector<double> times;
    for (int f = 0; f < frameCount; ++f) {
        const auto time = calibration.timeOfFrameS(f);
        if (!time)
            return {};
        times.push_back(*time);
    }
    return times;
}

FrontFitSeries frontFitSeries(const FrontTrack& track, const std::vector<double>& frameTimesS,
                              std::optional<double> nmPerPixel)
{
    FrontFitSeries series;
    series.x = frontTimesS(track, frameTimesS);
    series.xUnit = "s";
    if (series.x.empty() && !track.frames.empty()) {
        series.xUnit = "frame";
        series.x.assign(track.frames.begin(), track.frames.end());
    }
    const std::size_t n = track.frames.size();
    series.perFrame = track.framePositionsPx.size() == n && n > 0;
    series.y = series.perFrame ? track.framePositionsPx : track.positionsPx;
    if (series.perFrame && track.frameStdPx.size() == n)
        series.yStd = track.frameStdPx;
    series.y.resize(n, std::nan(""));
    for (const FrontPin& pin : track.pins)
        for (std::size_t i = 0; i < n; ++i)
            if (track.frames[i] == pin.frame)
                series.y[i] = pin.positionPx;
    const double scale = nmPerPixel.value_or(1.0);
    series.yUnit = nmPerPixel ? "nm" : "px";
    for (double& y : series.y)
        y *= scale;
    for (double& s : series.yStd)
        s *= scale;
    return series;
}

std::optional<FitResult> fitFront(const FrontTrack& track, const std::vector<double>& frameTimesS,
                                  std::optional<double> nmPerPixel, const FitOptions& options,
                                  std::string* warning)
{
    const std::string name = "front " + std::to_string(track.index); // as frontName(): from 0
    FrontFitSeries series = frontFitSeries(track, frameTimesS, nmPerPixel);
    // A frame without a usable estimate (NaN position or SE) is skipped by the fit.
    for (std::size_t i = 0; i < series.yStd.size(); ++i)
        if (!(std::isfinite(series.yStd[i]) && series.yStd[i] >= 0))
            series.y[i] = std::nan("");
    int usable = 0;
    for (std::size_t i = 0; i < series.y.size(); ++i)
        usable += std::isfinite(series.x[i]) && std::isfinite(series.y[i]) ? 1 : 0;
    if (usable < kMinFrontFitFrames) {
        if (warning)
            *warning = name + ": " + std::to_string(usable) + " frame" + (usable == 1 ? "" : "s") +
                       ", a fit needs at least " + std::to_string(kMinFrontFitFrames);
        return std::nullopt;
    }
    FitOptions frontOptions = options;
    frontOptions.units = ModelUnits{series.yUnit, series.xUnit};
    try {
        return fit(series.x, series.y, frontOptions);
    } catch (const Error& e) {
        if (warning)
            *warning = name + ": fit failed: " + e.what();
        return std::nullopt;
    }
}

std::vector<std::string> fitFronts(FrontResult& result, const std::vector<double>& frameTimesS,
                                   std::optional<double> nmPerPixel, const FitOptions& options)
{
    std::vector<std::string> warnings;
    for (auto& track : result.fronts) {
        std::string warning;
        track.fit = fitFront(track, frameTimesS, nmPerPixel, options, &warning);
        if (!track.fit)
            warnings.push_back(warning);
    }
    return warnings;
}

std::vector<std::string> fitFronts(FrontResult& result, const Kymograph& kymograph,
                                   const std::string& model)
{
    FitOptions options;
    options.model = model;
    return fitFronts(result, kymograph.timesS, kymograph.nmPerPixel, options);
}

} // namespace insitu
