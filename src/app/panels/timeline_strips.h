#pragma once
// TimelineStrips: stacked plots of timeline columns on the movie's time axis, with a cursor,
// shared event marks and draggable anchors.

#include "insitu/ec/timeline.h"

#include <QColor>
#include <QString>
#include <QWidget>

#include <optional>
#include <string>
#include <vector>

class QCustomPlot;
class QCPItemStraightLine;
class QMouseEvent;
class QVBoxLayout;

namespace insitu::app {

/// An event drawn on every strip at timeS (from the time-zero frame), e.g. a crack step.
struct TimelineMark
{
    double timeS = 0;
    QString label;
    QColor colour;
};

/// One strip per shown column (potential, current, charge, dose rate: those with values),
/// each drawn by insitu_plot's fillTimelinePlot against time_s. All strips share one time axis:
/// the movie's, from its first to its last frame, zoomed together (wheel). A vertical cursor at
/// the current frame's time, the shared event marks and the selected log's anchors are drawn in
/// every strip. A click reports the time under it; moving the mouse reports the hovered time;
/// an anchor dragged sideways reports its new time once, on release.
class TimelineStrips : public QWidget
{
    Q_OBJECT
public:
    explicit TimelineStrips(QWidget* parent = nullptr);

    /// Redraws the strips from table (null: none) on the movie's time axis.
    void setTable(const TimelineTable* table);
    void setCursorTimeS(double timeS);
    void setMarks(std::vector<TimelineMark> marks);
    /// The selected log's anchors, at their movie times (s from the time-zero frame).
    void setAnchors(std::vector<double> anchorTimesS);
    /// The names of the columns shown, top to bottom.
    [[nodiscard]] const std::vector<std::string>& shownColumns() const { return m_columns; }
    [[nodiscard]] double cursorTimeS() const { return m_cursorTimeS; }
    [[nodiscard]] QCustomPlot* strip(int index) const;
    [[nodiscard]] const std::vector<TimelineMark>& marks() const { return m_marks; }

signals:
    /// time_s under a click (from the time-zero frame); shift: Shift was held.
    void clicked(double timeS, bool shift);
    /// time_s under the mouse while it moves over a strip.
    void hovered(double timeS);
    /// Anchor `index` of setAnchors() was dragged to timeS (emitted once, on release).
    void anchorDragged(int index, double timeS);

private:
    void onPress(QCustomPlot* plot, QMouseEvent* event);
    void onMove(QCustomPlot* plot, QMouseEvent* event);
    void onRelease(QCustomPlot* plot, QMouseEvent* event);
    void shareRange(QCustomPlot* source);
    void drawOverlays();

    QVBoxLayout* m_layout;
    std::vector<QCustomPlot*> m_plots;
    std::vector<QCPItemStraightLine*> m_cursors;
    std::vector<std::string> m_columns;
    std::vector<TimelineMark> m_marks;
    std::vector<double> m_anchorTimesS;
    std::optional<int> m_dragged; ///< anchor being dragged
    bool m_sharing = false;
    double m_cursorTimeS = 0;
};

} // namespace insitu::app
