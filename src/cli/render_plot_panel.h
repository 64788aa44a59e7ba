#pragma once
// The side panels of `insitu render --plot kinetics|areas`: L(t) or A/A0 drawn by insitu_plot,
// with a cursor.

#include "insitu/project/project.h"
#include "insitu/render/movie_render.h"

namespace insitu::cli {

/// A side panel showing the L(t) plot of fronts (rendered once at size) with a vertical cursor
/// at each frame's time. Needs a QApplication for as long as it is called (OffscreenApp).
/// Throws insitu::Error when this insitu was built without plotting.
[[nodiscard]] SidePanelProvider kineticsSidePanel(const ProjectFronts& fronts,
                                                  const Calibration& calibration, int frameCount,
                                                  cv::Size size);

/// The same with the A/A0 plot of an areas result (plot/area_plot.h).
[[nodiscard]] SidePanelProvider areasSidePanel(const AreaResult& areas,
                                               const Calibration& calibration, int frameCount,
                                               cv::Size size);

} // namespace insitu::cli
