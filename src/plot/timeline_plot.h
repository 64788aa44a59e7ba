#pragma once
// timeline plot: per-frame results (fronts, current, …) against charge, potential or time.

#include "insitu/ec/timeline.h"

#include <memory>
#include <string>
#include <vector>

class QCustomPlot;

namespace insitu::plot {

/// "charge_C" → "charge (C)", "front_3_0_position_nm" → "front 3 0 position (nm)".
[[nodiscard]] std::string timelineAxisLabel(const std::string& columnName);

/// The axes of the timeline figure when none are chosen (CLI --plot, the Timeline panel's
/// Export plot): x charge_C when the table has it, else time_s; y the front positions (nm when
/// calibrated), else current_A.
struct TimelinePlotAxes
{
    std::string x;
    std::vector<std::string> y;
};
[[nodiscard]] TimelinePlotAxes defaultTimelinePlotAxes(const TimelineTable& table, bool calibrated);

/// The axes of "results against charge or potential": x charge_C, potential_V or time_s (vs
/// "charge", "potential", "time"); y every column of result "front" (positions, nm when
/// calibrated), "area" (A/A0 per followed particle) or "particles" (counts per region). Throws
/// insitu::Error when the table has no such column (e.g. no log with a current).
[[nodiscard]] TimelinePlotAxes timelineResultPlotAxes(const TimelineTable& table,
                                                      const std::string& vs,
                                                      const std::string& result, bool calibrated);

/// Clears plot and draws each column yNames against column xName of table (frames where either
/// value is unknown are left out). Throws insitu::Error naming a missing column.
void fillTimelinePlot(QCustomPlot& plot, const TimelineTable& table, const std::string& xName,
                      const std::vector<std::string>& yNames);

/// A new, styled QCustomPlot filled by fillTimelinePlot (needs a QApplication).
[[nodiscard]] std::unique_ptr<QCustomPlot> makeTimelinePlot(const TimelineTable& table,
                                                            const std::string& xName,
                                                            const std::vector<std::string>& yNames);

} // namespace insitu::plot
