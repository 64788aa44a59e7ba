#pragma once
// The side panels of annotated movies (`insitu render --plot kinetics|areas|timeline`, the
// window's movie export): L(t), A/A0 or the log strips drawn by insitu_plot, with a cursor.

#include "insitu/ec/timeline.h"
#include "insitu/project/project.h"
#include "insitu/render/movie_render.h"

namespace insitu::plot {

/// Width of the side panel beside a movie of movieHeightPx: max(320, 1.2 × height).
[[nodiscard]] int sidePanelWidthPx(int movieHeightPx);

/// A side panel showing the L(t) plot of fronts (rendered once at size) with a vertical cursor
/// at each frame's time. Needs a QApplication (OffscreenApp) where it is built; the
/// provider itself only copies an image and draws a line (safe on a worker thread).
[[nodiscard]] SidePanelProvider kineticsSidePanel(const ProjectFronts& fronts,
                                                  const Calibration& calibration, int frameCount,
                                                  cv::Size size);

/// The same with the A/A0 plot of an areas result (plot/area_plot.h).
[[nodiscard]] SidePanelProvider areasSidePanel(const AreaResult& areas,
                                               const Calibration& calibration, int frameCount,
                                               cv::Size size);

/// The log strips (potential, current, charge, dose rate: plot/timeline_strips_plot.h) of a
/// timeline table on its time_s axis, with a cursor at each frame's time in every strip.
/// Throws insitu::Error when the table has no log channel or time.
[[nodiscard]] SidePanelProvider timelineSidePanel(const TimelineTable& table, int frameCount,
                                                  cv::Size size);

} // namespace insitu::plot
