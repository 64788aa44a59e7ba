#pragma once
// Kinetics of tracked fronts: the one path from a FrontTrack to its L(t) fit, used by the CLI,
// the GUI and `insitu export`.

#include "insitu/calibration.h"
#include "insitu/front/front_result.h"
#include "insitu/front/kymograph.h"
#include "insitu/kinetics/fit.h"

#include <optional>
#include <string>
#include <vector>

namespace insitu {

/// Fronts with fewer usable frames get no fit. 5 is the smallest count that leaves every
/// built-in front model (power: L0, a, n, t0) a residual degree of freedom; below it a fit
/// either fails or passes exactly through the points with no interval at all.
inline constexpr int kMinFrontFitFrames = 5;

/// Positions of one front in nm (stepPx already applied in positionsPx), when nmPerPixel is known.
[[nodiscard]] std::vector<double> positionsNm(const FrontTrack& track,
                                              std::optional<double> nmPerPixel);

/// Times (s) of a front's frames from the kymograph's row times; empty when unknown.
[[nodiscard]] std::vector<double> frontTimesS(const FrontTrack& track, const Kymograph& kymograph);
/// Times (s) of a front's frames from per-frame times (index = frame); empty when any is missing.
[[nodiscard]] std::vector<double> frontTimesS(const FrontTrack& track,
                                              const std::vector<double>& frameTimesS);

/// Times (s) of frames 0..frameCount−1 from a calibration; empty when times are unknown.
[[nodiscard]] std::vector<double> frameTimesS(const Calibration& calibration, int frameCount);

/// The points a front's kinetics fit uses: per-frame estimates framePositionsPx (not the
/// time-smoothed positionsPx, whose residuals are correlated over the smoothing window) when
/// the track has them, else positionsPx; a pinned frame takes its pin. x = time (s), or the
/// frame number when times are unknown; y = position (nm), or px when the pixel size is unknown.
struct FrontFitSeries
{
    std::vector<double> x;
    std::vector<double> y;
    std::vector<double> yStd; ///< standard error of y (same unit); empty without per-frame SEs
    std::string xUnit;        ///< "s" or "frame"
    std::string yUnit;        ///< "nm" or "px"
    bool perFrame = false;    ///< true when y are the per-frame estimates
};
[[nodiscard]] FrontFitSeries frontFitSeries(const FrontTrack& track,
                                            const std::vector<double>& frameTimesS,
                                            std::optional<double> nmPerPixel);

/// Fits one front: options as given (model, formula, window, interval, ...), units from the
/// series. The fit is unweighted: frameStdPx only marks usable frames (finite), because the
/// interval comes from the residuals (block bootstrap) and stays honest whatever the SEs are.
/// Returns nullopt and sets *warning ("front 2: 3 frames, a fit needs at least 5") when the
/// front has fewer than kMinFrontFitFrames usable frames or its fit fails.
[[nodiscard]] std::optional<FitResult> fitFront(const FrontTrack& track,
                                                const std::vector<double>& frameTimesS,
                                                std::optional<double> nmPerPixel,
                                                const FitOptions& options, std::string* warning);

/// fitFront for every front of result, storing track.fit (reset when there is none). Returns
/// one warning per front left without a fit, for the caller to show.
std::vector<std::string> fitFronts(FrontResult& result, const std::vector<double>& frameTimesS,
                                   std::optional<double> nmPerPixel, const FitOptions& options);

/// fitFronts with the kymograph's row times and pixel size and default options of `model`
/// ("auto", "linear", "parabolic", "power", or any kinetics model name).
std::vector<std::string> fitFronts(FrontResult& result, const Kymograph& kymograph,
                                   const std::string& model);

} // namespace insitu
