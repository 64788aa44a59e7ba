#pragma once
// Saving a QCustomPlot to PNG (300 dpi), SVG or PDF, chosen by the file extension.

#include <QString>

class QCustomPlot;

namespace insitu::plot {

/// Physical size of exported figures: a single journal column by default.
struct FigureSize
{
    double widthMm = 85.0;
    double heightMm = 65.0;
    int dpi = 300;
};

/// Writes plot to path (.png, .svg or .pdf). Throws insitu::Error naming the file on failure.
void savePlot(QCustomPlot& plot, const QString& path, const FigureSize& size = {});

} // namespace insitu::plot
