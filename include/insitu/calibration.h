#pragma once
// Calibration: how pixels and frames map to nanometres and seconds; unknown stays unknown.

#include <optional>
#include <vector>

namespace insitu {

/// Spatial and temporal calibration of a movie. Absent values mean "unknown", never 1.
struct Calibration
{
    std::optional<double> nmPerPixel;     ///< pixel size (nm/px), square pixels assumed
    std::optional<double> frameIntervalS; ///< nominal time between frames (s)
    std::vector<double> timestampsS;      ///< per-frame times relative to frame 0 (s), or empty
    int timeZeroFrame = 0;                ///< frame whose time is t = 0 in results

    /// Time of frame k (s) relative to timeZeroFrame: per-frame stamps when present,
    /// else k × frameIntervalS; nullopt when neither is known.
    [[nodiscard]] std::optional<double> timeOfFrameS(int frame) const;

    bool operator==(const Calibration&) const = default;
};

} // namespace insitu
