// Side panels of `insitu render --plot`: insitu_plot's render_side_panels when this insitu has
// plotting, else a clear refusal.

#include "render_plot_panel.h"

#include "insitu/error.h"

#ifdef INSITU_HAVE_PLOT
#include "render_side_panels.h"
#endif

namespace insitu::cli {

#ifndef INSITU_HAVE_PLOT
namespace {

[[noreturn]] void noPlotting()
{
    throw Error("--plot: this insitu was built without plotting (INSITU_BUILD_GUI=OFF)");
}

} // namespace
#endif

int sidePanelWidthPx(int movieHeightPx)
{
#ifdef INSITU_HAVE_PLOT
    return plot::sidePanelWidthPx(movieHeightPx);
#else
    (void)movieHeightPx;
    noPlotting();
#endif
}

SidePanelProvider kineticsSidePanel(const ProjectFronts& fronts, const Calibration& calibration,
                                    int frameCount, cv::Size size)
{
#ifdef INSITU_HAVE_PLOT
    return plot::kineticsSidePanel(fronts, calibration, frameCount, size);
#else
    (void)fronts, (void)calibration, (void)frameCount, (void)size;
    noPlotting();
#endif
}

SidePanelProvider areasSidePanel(const AreaResult& areas, const Calibration& calibration,
                                 int frameCount, cv::Size size)
{
#ifdef INSITU_HAVE_PLOT
    return plot::areasSidePanel(areas, calibration, frameCount, size);
#else
    (void)areas, (void)calibration, (void)frameCount, (void)size;
    noPlotting();
#endif
}

SidePanelProvider timelineSidePanel(const TimelineTable& table, int frameCount, cv::Size size)
{
#ifdef INSITU_HAVE_PLOT
    return plot::timelineSidePanel(table, frameCount, size);
#else
    (void)table, (void)frameCount, (void)size;
    noPlotting();
#endif
}

} // namespace insitu::cli
