#pragma once
// The per-frame timeline: movie time joined with aligned logs, charge, dose and front results.

#include "insitu/area/area_result.h"
#include "insitu/ec/clock_alignment.h"
#include "insitu/ec/ec_log.h"
#include "insitu/ec/electron_dose.h"
#include "insitu/front/front_result.h"

#include <filesystem>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace insitu {

/// A log with its alignment to the movie.
struct TimelineLog
{
    EcLog log;
    ClockAlignment alignment;
};

/// One column of the timeline, its unit in its name (e.g. "potential_V"); NaN = no value.
struct TimelineColumn
{
    std::string name;
    std::vector<double> values;
};

struct TimelineTable
{
    std::vector<TimelineColumn> columns; ///< all with one value per frame
    std::vector<std::string> warnings;

    [[nodiscard]] const TimelineColumn* column(std::string_view name) const;
};

/// The particle count of one region over the frames its analysis averaged.
struct TimelineParticleCount
{
    std::string region;
    int firstFrame = 0;
    int lastFrame = 0; ///< inclusive
    int count = 0;
};

/// The analysis results joined per frame (a project movie's fronts, areas and particles groups).
struct TimelineAnalyses
{
    std::vector<FrontResult> fronts;
    std::vector<AreaTrack> areaTracks; ///< followed particles of the areas group
    std::vector<TimelineParticleCount> particleCounts;
};

/// What the timeline joins; only frameTimesS is required.
struct TimelineInputs
{
    std::vector<double> frameTimesS; ///< per frame, seconds after frame 0
    double timeZeroS = 0;            ///< time of the time-zero frame after frame 0 (s)
    std::vector<TimelineLog> logs;
    std::optional<DoseSeries> dose;
    std::vector<FrontResult> fronts;
    std::vector<AreaTrack> areaTracks;
    std::vector<TimelineParticleCount> particleCounts;
    std::optional<double> nmPerPixel; ///< for positions and areas in nm (null when unknown)
};

/// Charge passed since the first sample: the trapezoid integral of currentA over timeS (C).
[[nodiscard]] std::vector<double> integrateCharge(const std::vector<double>& timeS,
                                                  const std::vector<double>& currentA);

/// Columns: frame, time_s (from the time-zero frame), potential_V, current_A, charge_C (from the
/// first log that has them), log<i>_time_s and log<i>_<channel>_<unit> for every log,
/// dose_rate_e_per_A2_s, dose_e_per_A2, front_<roi>_<index>_position_px / _nm,
/// area_<particle>_px2 / _nm2 / _ratio (A/A0) and particles_<region>_count (over the frames the
/// particle analysis averaged, empty elsewhere).
[[nodiscard]] TimelineTable buildTimeline(const TimelineInputs& inputs);

/// Tidy CSV, one row per frame; empty cells where a value is unknown.
void writeTimelineCsv(const TimelineTable& table, std::ostream& out);
/// writeTimelineCsv to a file; throws insitu::Error naming the file.
void saveTimelineCsv(const TimelineTable& table, const std::filesystem::path& path);

} // namespace insitu
