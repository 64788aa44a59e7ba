#pragma once
// The timeline of a movie in a project: logs referenced by path + fingerprint, their clock
// alignment, the movie's start clock and the dose settings.

#include "insitu/ec/clock_alignment.h"
#include "insitu/ec/local_clock.h"

#include <nlohmann/json.hpp>

#include <array>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace insitu {

/// One log on the movie's clock (the log itself is never copied into the project).
struct ProjectTimelineLog
{
    std::filesystem::path path;  ///< as last seen (absolute)
    std::string fingerprint;     ///< computeMovieFingerprint() of the log file
    std::string format = "auto"; ///< ecFormatName() it was read with
    std::optional<double> typedOffsetS;
    std::vector<ClockAnchor> anchors;
    double offsetS = 0; ///< the alignment in force: t_movie = offsetS + rate · t_log
    double rate = 1;
    std::string method = "none";
    /// Non-empty: the log channel the movie's mean intensity was cross-correlated with; a reload
    /// correlates again (around the typed offset or anchors, as when it was run).
    std::string correlateChannel;

    bool operator==(const ProjectTimelineLog&) const = default;
};

/// How the dose of the movie is computed (see DoseOptions).
struct ProjectDoseSettings
{
    std::optional<double> typedRateEPerA2S;
    std::optional<double> countsPerElectron;
    std::optional<std::array<int, 4>> vacuumRectPx; ///< x, y, width, height
    std::optional<double> exposureS;
    std::optional<double> beamCurrentA;
    std::optional<double> beamAreaUm2;

    bool operator==(const ProjectDoseSettings&) const = default;
};

struct ProjectTimeline
{
    std::optional<LocalDateTime> movieStart; ///< typed, or read from the movie file
    std::vector<ProjectTimelineLog> logs;
    ProjectDoseSettings dose;
    /// The logs' clocks are UTC + this (h), when the movie's clock is a UTC stamp (typed).
    std::optional<double> logUtcOffsetH;
    /// Region (x, y, width, height px) of the mean intensity a cross-correlation used.
    std::optional<std::array<int, 4>> signalRectPx;
    /// Lag window (± s) of the cross-correlation (TimelineOptions::crossCorrelation.maxLagS).
    std::optional<double> correlationMaxLagS;

    bool operator==(const ProjectTimeline&) const = default;
};

/// The timeline as the JSON document stored in the project (docs/project-file.md).
[[nodiscard]] nlohmann::json timelineJson(const ProjectTimeline& timeline);
/// The inverse; throws insitu::Error on a malformed document.
[[nodiscard]] ProjectTimeline timelineFromJson(const nlohmann::json& json);

} // namespace insitu
