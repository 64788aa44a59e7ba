#pragma once
// timeline strips: the log channels (potential, current, charge, dose rate) one above the other
// on the movie's time axis, each a fillTimelinePlot strip, with a cursor at a frame's time.

#include "insitu/ec/timeline.h"

#include <QImage>
#include <QSize>

#include <string>
#include <vector>

namespace insitu::plot {

/// The channels a timeline strip view shows, top to bottom: potential_V, current_A, charge_C
/// and dose_rate_e_per_A2_s, those of table with at least one finite value.
[[nodiscard]] std::vector<std::string> timelineStripColumns(const TimelineTable& table);

/// The strips of columns against time_s drawn once into an image of size (one strip per
/// column, equal heights, the time axis labelled on the lowest), and where a cursor at a time
/// goes in it. Needs a QApplication. Throws insitu::Error without a time_s column or columns.
class TimelineStripsImage
{
public:
    TimelineStripsImage(const TimelineTable& table, const std::vector<std::string>& columns,
                        QSize size);

    [[nodiscard]] const QImage& image() const { return m_image; } ///< RGB888
    /// Image x (px) of timeS in strip `strip` (the strips' left margins may differ).
    [[nodiscard]] double cursorXPx(int strip, double timeS) const;
    /// Top and bottom image rows (px) of the plotting area of strip `strip`.
    [[nodiscard]] std::pair<int, int> stripRowsPx(int strip) const;
    [[nodiscard]] int stripCount() const { return static_cast<int>(m_strips.size()); }

private:
    struct Strip
    {
        int topPx = 0;    ///< image row of the strip's plotting area top
        int bottomPx = 0; ///< and bottom
        double leftPx = 0;
        double pxPerS = 0;
        double timeAtLeftS = 0;
    };
    QImage m_image;
    std::vector<Strip> m_strips;
};

} // namespace insitu::plot
