#pragma once
// Electron dose per frame: from camera counts, beam current and area, or a typed rate.

#include "insitu/io/movie.h"
#include "insitu/progress.h"

#include <opencv2/core.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace insitu {

/// A detector's conversion gain with where the number comes from (methods-2.md §6).
struct DetectorGain
{
    std::string_view detector;
    double countsPerElectron;
    std::string_view source;
};
/// Documented defaults; the user picks one or types their own value.
[[nodiscard]] const std::vector<DetectorGain>& detectorGains();

/// How the dose rate of a movie is known. Priority: typed rate, camera counts, beam current.
struct DoseOptions
{
    std::optional<double> typedRateEPerA2S;  ///< e⁻/Å²/s, the same for every frame
    std::optional<double> countsPerElectron; ///< counts/e⁻: dose from the frames' counts
    std::optional<cv::Rect> vacuumRectPx;    ///< region of vacuum; whole frame when absent
    std::optional<double> exposureS;         ///< per frame; else metadata, else frame interval
    std::optional<double> beamCurrentA;      ///< specimen (screen) current
    std::optional<double> beamAreaUm2;       ///< illuminated area (not the field of view)

    bool operator==(const DoseOptions&) const = default;
};

/// Dose rate and cumulative dose per frame; NaN where unknown (then warnings say why).
struct DoseSeries
{
    std::string source = "unknown"; ///< "typed", "camera counts", "beam current", "unknown"
    std::vector<double> rateEPerA2S;
    std::vector<double> cumulativeEPerA2; ///< dose received up to the end of each frame's interval
    std::vector<std::string> warnings;
};

/// D' = mean counts per pixel per frame ÷ (counts per electron × pixel area in Å² × exposure).
[[nodiscard]] double doseRateFromCounts(double meanCountsPerPx, double countsPerElectron,
                                        double pixelSizeA, double exposureS);
/// D' = I / (e · A); 1 nA over 1 µm² is 62.4 e⁻/Å²/s.
[[nodiscard]] double doseRateFromBeamCurrent(double currentA, double areaUm2);
/// Σ rate_j · Δt_j up to each frame, Δt_j = t_{j+1} − t_j (the last frame repeats the last
/// interval). NaN from the first unknown rate on.
[[nodiscard]] std::vector<double> cumulativeDose(const std::vector<double>& rateEPerA2S,
                                                 const std::vector<double>& frameTimesS);

/// Mean value of each frame over rect (whole frame when absent).
[[nodiscard]] std::vector<double>
meanPerFrame(const Movie& movie, const std::optional<cv::Rect>& rect, Progress& progress);

/// The dose of every frame of movie at frameTimesS (s after frame 0) with options.
[[nodiscard]] DoseSeries computeDose(const Movie& movie, const std::vector<double>& frameTimesS,
                                     const DoseOptions& options, Progress& progress);

} // namespace insitu
