#pragma once
// The side panel of `insitu render --plot kinetics`: L(t) drawn by insitu_plot, with a cursor.

#include "insitu/project/project.h"
#include "insitu/render/movie_render.h"

namespace insitu::cli {

/// A side panel showing the L(t) plot of fronts (rendered once at size) with a vertical cursor
/// at each frame's time. Needs a QApplication for as long as it is called (OffscreenApp).
/// Throws insitu::Error when this insitu was built without plotting.
[[nodiscard]] SidePanelProvider kineticsSidePanel(const ProjectFronts& fronts,
                                                  const Calibration& calibration, int frameCount,
                                                  cv::Size size);

} // namespace insitu::cli
