#pragma once
// Grain-size histogram: counts of the interior grains' ECD (nm when calibrated, else px) with
// the median, mode and lognormal fit.

#include "insitu/crystal/grain_segmentation.h"

#include <QVector>

#include <memory>
#include <optional>
#include <vector>

class QCustomPlot;

namespace insitu::plot {

/// Histogram bins of values: Freedman–Diaconis width (at least 5 bins when n ≥ 10).
struct HistogramBins
{
    QVector<double> centres;
    QVector<double> counts;
    double width = 0;
};
[[nodiscard]] HistogramBins histogramBins(const std::vector<double>& values);

/// Clears plot and fills it with the ECD histogram of the grains not touching the border, their
/// median and kernel-density mode (with 95 % intervals, ecdStatistics) and the lognormal fit.
void fillGrainHistogram(QCustomPlot& plot, const std::vector<Grain>& grains,
                        std::optional<double> nmPerPixel);

/// A new, styled QCustomPlot filled by fillGrainHistogram (needs a QApplication).
[[nodiscard]] std::unique_ptr<QCustomPlot> makeGrainHistogram(const std::vector<Grain>& grains,
                                                              std::optional<double> nmPerPixel);

} // namespace insitu::plot
