#pragma once
// The one journal style of all plots: fonts, line widths, ticks and the Okabe–Ito palette.

#include <QColor>
#include <QFont>
#include <QString>

class QCustomPlot;
class QCPAxis;

namespace insitu::plot {

/// Okabe & Ito (2008) colour-blind-safe palette, without black: orange, sky blue, bluish green,
/// yellow, blue, vermillion, reddish purple; index wraps around.
[[nodiscard]] QColor okabeIto(int index);
/// Neutral colour for reference elements (event markers, zero lines).
[[nodiscard]] QColor neutralGrey();

/// Sans-serif font at pointSize (Helvetica-like Nimbus Sans when installed, else DejaVu Sans).
[[nodiscard]] QFont journalFont(double pointSize);

/// Applies the style to every axis rect, axis and legend of plot: white background, no grid,
/// outward ticks, 8 pt tick labels and 9 pt axis labels (legible at 85 mm single-column width).
void applyJournalStyle(QCustomPlot& plot);

/// "quantity (unit)", e.g. axisLabel("time", "s") = "time (s)"; no parentheses for an empty unit.
[[nodiscard]] QString axisLabel(const QString& quantity, const QString& unit);

} // namespace insitu::plot
