// render_plot_panel: the side panel of `insitu render --plot` is drawn once at the size asked and
// its cursor moves with the frame's time.
#include "render_plot_panel.h"

#include "insitu/project/project.h"

#ifdef INSITU_HAVE_PLOT
#include "offscreen_app.h"
#endif

#include <catch2/catch.hpp>
#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

using namespace insitu;

#ifdef INSITU_HAVE_PLOT
namespace {

/// The mean column of the pixels darker in panel than in reference (the cursor of panel).
double cursorColumn(const cv::Mat& panel, const cv::Mat& reference)
{
    cv::Mat a, b;
    cv::cvtColor(panel, a, cv::COLOR_BGR2GRAY);
    cv::cvtColor(reference, b, cv::COLOR_BGR2GRAY);
    double sum = 0;
    int count = 0;
    for (int y = 0; y < a.rows; ++y)
        for (int x = 0; x < a.cols; ++x)
            if (a.at<uchar>(y, x) + 40 < b.at<uchar>(y, x)) {
                sum += x;
                ++count;
            }
    return count > 0 ? sum / count : -1;
}

} // namespace

TEST_CASE("render plot panel: drawn at the size asked, cursor at each frame's time",
          "[cli][render_plot_panel]")
{
    plot::OffscreenApp app;
    Calibration calibration;
    calibration.frameIntervalS = 2.0;
    const int frames = 20;
    const cv::Size size(320, 240);
    ProjectFronts fronts; // one front moving 3 px per frame through every frame
    FrontTrack track;
    for (int k = 0; k < frames; ++k) {
        track.frames.push_back(k);
        track.positionsPx.push_back(3.0 * k);
        track.confidence.push_back(1.0);
    }
    fronts.result.fronts.push_back(track);
    const auto panel = cli::kineticsSidePanel(fronts, calibration, frames, size);
    const cv::Mat first = panel(0, size);
    CHECK(first.size() == size);
    CHECK(first.type() == CV_8UC3);
    const double early = cursorColumn(panel(5, size), first);
    const double middle = cursorColumn(panel(10, size), first);
    const double late = cursorColumn(panel(19, size), first);
    REQUIRE(early > 0);
    CHECK(early < middle);
    CHECK(middle < late);
    CHECK(late < size.width);
}
#endif
