#pragma once
// runTimeline(): read the logs, align each with the movie, compute the dose and join them per
// frame — the one function `insitu timeline` and the Timeline panel call.

#include "insitu/ec/movie_clock.h"
#include "insitu/ec/timeline.h"
#include "insitu/io/movie.h"
#include "insitu/progress.h"

#include <optional>
#include <string>
#include <vector>

namespace insitu {

/// One log to put on the movie's clock and how to align it.
struct TimelineLogRequest
{
    std::filesystem::path path;
    EcFormat format = EcFormat::Auto;
    CsvLogOptions csv;
    std::optional<double> offsetS;    ///< typed a (replaces the header clocks)
    std::vector<ClockAnchor> anchors; ///< movie time (s after frame 0) ↔ log time
    std::string correlateChannel;     ///< non-empty: cross-correlate the movie's mean intensity
                                      ///< with this channel (after offset/anchors as centre)
};

struct TimelineOptions
{
    std::optional<LocalDateTime> movieStart; ///< typed frame-0 clock; else the file's
    /// The logs' local clocks are UTC + this (h, with daylight saving); needed when the movie's
    /// clock is a UTC stamp (Velox, SER without EMI, file times), never guessed.
    std::optional<double> logUtcOffsetH;
    std::vector<TimelineLogRequest> logs;
    DoseOptions dose;
    std::optional<cv::Rect> signalRectPx; ///< region of the mean-intensity signal (whole frame)
    CrossCorrelationOptions crossCorrelation;
    double minRateSpanS = AlignmentInput{}.minRateSpanS;
};

struct TimelineRun
{
    std::optional<LocalDateTime> movieStart; ///< local frame-0 clock the logs are aligned to
    std::string movieStartSource;            ///< "typed", the metadata it came from, or "unknown"
    std::optional<LocalDateTime> movieStartUtc; ///< when the file's clock is a UTC stamp
    TimelineInputs inputs;                      ///< logs with their alignments, dose
    TimelineTable table;
};

/// Per-frame times after frame 0 (s) from calibration; throws insitu::Error when neither
/// timestamps nor a frame interval are known.
[[nodiscard]] std::vector<double> frameTimesSinceFrame0(const Calibration& calibration,
                                                        int frameCount,
                                                        const std::filesystem::path& movie);

/// Everything of the timeline for movie (with its effective calibration) and the analysis
/// results joined per frame.
[[nodiscard]] TimelineRun runTimeline(const Movie& movie, const TimelineOptions& options,
                                      const TimelineAnalyses& analyses, Progress& progress);

} // namespace insitu
