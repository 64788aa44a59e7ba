// Side panels of annotated movies (`insitu render --plot`, File ▸ Export ▸ Annotated movie): L(t),
// A/A0 or the log strips rendered once, the frame's cursor drawn with OpenCV.

#include "render_side_panels.h"

#include "insitu/error.h"

#include <algorithm>
#include <cmath>

#include "area_plot.h"
#include "kinetics_plot.h"
#include "timeline_strips_plot.h"

#include <QImage>
#include <QPixmap>
#include <opencv2/imgproc.hpp>
#include <qcustomplot.h>

namespace insitu::plot {

namespace {

/// plot rendered at size once; each frame gets a copy with a vertical cursor at its time (or
/// frame number on an uncalibrated time axis).
SidePanelProvider cursorPanel(QCustomPlot& plot, const Calibration& calibration, int frameCount,
                              cv::Size size)
{
    plot.setGeometry(0, 0, size.width, size.height);
    plot.replot();
    const QImage image = plot.toPixmap(size.width, size.height, 1.0)
                             .toImage()
                             .convertToFormat(QImage::Format_RGB888);
    cv::Mat rgb(image.height(), image.width(), CV_8UC3, const_cast<uchar*>(image.bits()),
                static_cast<std::size_t>(image.bytesPerLine()));
    cv::Mat base;
    cv::cvtColor(rgb, base, cv::COLOR_RGB2BGR);
    std::vector<int> cursorX(static_cast<std::size_t>(frameCount));
    const QCPRange range = plot.yAxis->range();
    const int top = static_cast<int>(plot.yAxis->coordToPixel(range.upper));
    const int bottom = static_cast<int>(plot.yAxis->coordToPixel(range.lower));
    for (int k = 0; k < frameCount; ++k) {
        const double x = calibration.timeOfFrameS(k).value_or(static_cast<double>(k));
        cursorX[static_cast<std::size_t>(k)] =
            static_cast<int>(std::lround(plot.xAxis->coordToPixel(x)));
    }
    return [base, cursorX, top, bottom](int frame, cv::Size) {
        cv::Mat panel = base.clone();
        const int x = cursorX.at(static_cast<std::size_t>(frame));
        cv::line(panel, {x, top}, {x, bottom}, cv::Scalar(0, 0, 0), 2, cv::LINE_AA);
        return panel;
    };
}

} // namespace

SidePanelProvider kineticsSidePanel(const ProjectFronts& fronts, const Calibration& calibration,
                                    int frameCount, cv::Size size)
{
    auto plot = makeKineticsPlot(fronts.result, calibration, frameCount);
    return cursorPanel(*plot, calibration, frameCount, size);
}

SidePanelProvider areasSidePanel(const AreaResult& areas, const Calibration& calibration,
                                 int frameCount, cv::Size size)
{
    QCustomPlot plot;
    fillAreaPlot(plot, areas, calibration, frameCount);
    return cursorPanel(plot, calibration, frameCount, size);
}

int sidePanelWidthPx(int movieHeightPx)
{
    return std::max(320, movieHeightPx * 6 / 5);
}

SidePanelProvider timelineSidePanel(const TimelineTable& table, int frameCount, cv::Size size)
{
    const TimelineColumn* time = table.column("time_s");
    if (!time || static_cast<int>(time->values.size()) < frameCount)
        throw Error("timeline side panel: the timeline has no time for every frame");
    const TimelineStripsImage strips(table, timelineStripColumns(table), {size.width, size.height});
    const QImage& image = strips.image();
    cv::Mat rgb(image.height(), image.width(), CV_8UC3, const_cast<uchar*>(image.bits()),
                static_cast<std::size_t>(image.bytesPerLine()));
    cv::Mat base;
    cv::cvtColor(rgb, base, cv::COLOR_RGB2BGR);
    struct Cursor
    {
        int xPx, topPx, bottomPx;
    };
    std::vector<std::vector<Cursor>> cursors(static_cast<std::size_t>(frameCount));
    for (int k = 0; k < frameCount; ++k)
        for (int s = 0; s < strips.stripCount(); ++s) {
            const double t = time->values[static_cast<std::size_t>(k)];
            if (!std::isfinite(t))
                continue;
            const auto [top, bottom] = strips.stripRowsPx(s);
            cursors[static_cast<std::size_t>(k)].push_back(
                {static_cast<int>(std::lround(strips.cursorXPx(s, t))), top, bottom});
        }
    return [base, cursors](int frame, cv::Size) {
        cv::Mat panel = base.clone();
        for (const Cursor& c : cursors.at(static_cast<std::size_t>(frame)))
            cv::line(panel, {c.xPx, c.topPx}, {c.xPx, c.bottomPx}, cv::Scalar(0, 94, 213), 2,
                     cv::LINE_AA);
        return panel;
    };
}

} // namespace insitu::plot
