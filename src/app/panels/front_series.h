#pragma once
// Front series: tracked fronts as calibrated (time, position) points, and their kinetics fits.

#include "insitu/calibration.h"
#include "insitu/front/front_result.h"
#include "insitu/kinetics/fit.h"
#include "insitu/project/project.h"

#include <QString>
#include <QStringList>

#include <vector>

namespace insitu::app {

/// Points of one front in the units results are given in.
struct FrontSeries
{
    std::vector<double> x; ///< time (s), or frame number when the time is unknown
    std::vector<double> y; ///< position along the path (nm), or px when the size is unknown
    QString xUnit;         ///< "s" or "frame"
    QString yUnit;         ///< "nm" or "px"
};

/// Time and position of every frame of track, calibrated by calibration.
[[nodiscard]] FrontSeries frontSeries(const FrontTrack& track, const Calibration& calibration);

/// Fits L(t) of every front of result with options (model, formula, window) through
/// insitu::fitFronts, the path `insitu front` takes: times from the calibration for frames
/// [0, frameCount) (extended to the tracks' frames), fronts with fewer than 5 usable frames and
/// failed fits keep no fit. Returns the core's warning for each front left without a fit.
QStringList fitAllFronts(FrontResult& result, const Calibration& calibration, int frameCount,
                         const FitOptions& options);

/// The fit options of the kinetics settings the user chose (model, formula, window).
[[nodiscard]] FitOptions fitOptionsOf(const FrontFitSettings& settings);

/// What a run that tracks fronts needs to fit them right after, in the same job and the same
/// undo step (as the kinetics panel would refit them): the settings, calibration and length.
struct FrontFitRequest
{
    FrontFitSettings settings;
    Calibration calibration;
    int frameCount = 0;

    /// Fits result's fronts as fitAllFronts does; a formula model without a formula, or no
    /// fronts, leaves them unfitted (as the kinetics panel does).
    void apply(FrontResult& result) const;
};

} // namespace insitu::app
