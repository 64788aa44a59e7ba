#pragma once
// Clock alignment of a log with a movie: t_movie = a + b·t_log from header clocks, anchors or
// the cross-correlation of a movie signal with a log channel.

#include "insitu/ec/local_clock.h"

#include <optional>
#include <string>
#include <vector>

namespace insitu {

/// The same event seen in the movie and in the log.
struct ClockAnchor
{
    double movieTimeS = 0; ///< seconds after frame 0
    double logTimeS = 0;   ///< on the log's own axis

    bool operator==(const ClockAnchor&) const = default;
};

/// What an alignment is computed from; later entries refine earlier ones.
struct AlignmentInput
{
    std::optional<LocalDateTime> movieStart; ///< wall clock of frame 0
    std::optional<LocalDateTime> logStart;   ///< wall clock of log time 0
    std::optional<double> offsetS;           ///< typed a (replaces the header clocks)
    std::vector<ClockAnchor> anchors;
    /// b is fitted only when the anchors span at least this long (s); otherwise b = 1 and a is
    /// the mean offset (PC quartz drifts 10–100 ppm: rate errors dominate over short spans).
    double minRateSpanS = 1800;

    bool operator==(const AlignmentInput&) const = default;
};

/// t_movie = offsetS + rate · t_log, with where it came from and how well the anchors agree.
struct ClockAlignment
{
    double offsetS = 0; ///< a (s)
    double rate = 1;    ///< b
    /// "none", "header clocks", "offset", "one anchor", "two anchors" (or "anchors"),
    /// "cross-correlation"
    std::string method = "none";
    std::vector<double> anchorResidualsS; ///< movie − aligned log time at each anchor (s)
    std::optional<double> correlation;    ///< Pearson r at the chosen lag (cross-correlation)
    std::vector<std::string> warnings;

    [[nodiscard]] double movieTimeS(double logTimeS) const { return offsetS + rate * logTimeS; }
    [[nodiscard]] double logTimeS(double movieTimeS) const { return (movieTimeS - offsetS) / rate; }
};

/// The alignment from header clocks, a typed offset and anchors (in that order of priority:
/// anchors win). With nothing known: a = 0, b = 1 and a warning.
[[nodiscard]] ClockAlignment alignClocks(const AlignmentInput& input);

/// How the automatic offset search runs.
struct CrossCorrelationOptions
{
    double maxLagS = 60;     ///< search a in [centre − maxLagS, centre + maxLagS]
    double stepS = 0;        ///< lag step; 0: a tenth of the median frame interval
    bool derivative = false; ///< correlate with |d channel/dt| instead of the channel
    int minOverlapFrames = 8;
};

/// Finds a (b = 1) maximising |Pearson r| between movieSignal at movieTimesS and the log channel
/// sampled at t_log = t_movie − a (linear interpolation), refined to a fraction of a step by a
/// parabola. Throws insitu::Error when the signals never overlap by minOverlapFrames.
[[nodiscard]] ClockAlignment
crossCorrelateClocks(const std::vector<double>& movieTimesS, const std::vector<double>& movieSignal,
                     const std::vector<double>& logTimesS, const std::vector<double>& logValues,
                     double centreOffsetS, const CrossCorrelationOptions& options = {});

/// Linear interpolation of values at t (times ascending); NaN outside [times.front, times.back].
[[nodiscard]] double interpolateAt(const std::vector<double>& times,
                                   const std::vector<double>& values, double t);

} // namespace insitu
