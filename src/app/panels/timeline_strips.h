#pragma once
// TimelineStrips: stacked plots of timeline columns on the movie's time axis, with a cursor.

#include "insitu/ec/timeline.h"

#include <QWidget>

#include <string>
#include <vector>

class QCustomPlot;
class QCPItemStraightLine;
class QVBoxLayout;

namespace insitu::app {

/// One strip per shown column (potential, current, charge, dose rate: those with values),
/// each drawn by insitu_plot's fillTimelinePlot against time_s; a vertical cursor at the
/// current frame's time in every strip. A click reports the time under it.
class TimelineStrips : public QWidget
{
    Q_OBJECT
public:
    explicit TimelineStrips(QWidget* parent = nullptr);

    /// Redraws the strips from table (null: none).
    void setTable(const TimelineTable* table);
    void setCursorTimeS(double timeS);
    /// The names of the columns shown, top to bottom.
    [[nodiscard]] const std::vector<std::string>& shownColumns() const { return m_columns; }
    [[nodiscard]] double cursorTimeS() const { return m_cursorTimeS; }
    [[nodiscard]] QCustomPlot* strip(int index) const;

signals:
    /// time_s under a click (from the time-zero frame); shift: Shift was held.
    void clicked(double timeS, bool shift);

private:
    QVBoxLayout* m_layout;
    std::vector<QCustomPlot*> m_plots;
    std::vector<QCPItemStraightLine*> m_cursors;
    std::vector<std::string> m_columns;
    double m_cursorTimeS = 0;
};

} // namespace insitu::app
