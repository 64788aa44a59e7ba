#pragma once
// Which units a plot of movie results uses: s or frames on the time axis, nm or px for lengths.

#include "insitu/calibration.h"

#include <QString>
#include <QVector>

#include <vector>

namespace insitu::plot {

/// Time and length axes of one movie's plots, decided from its calibration.
struct PlotUnits
{
    bool timeKnown = false;   ///< x in s (else in frames)
    bool lengthKnown = false; ///< lengths in nm (else in px)
    double nmPerPixel = 1.0;  ///< only meaningful when lengthKnown

    [[nodiscard]] QString timeLabel() const;
    [[nodiscard]] QString timeUnit() const;   ///< "s" or "frame"
    [[nodiscard]] QString lengthUnit() const; ///< "nm" or "px"
    /// Time of frame (s) or the frame number itself.
    [[nodiscard]] double time(const Calibration& calibration, int frame) const;
    /// Length in nm or px from a length in px.
    [[nodiscard]] double length(double px) const { return lengthKnown ? px * nmPerPixel : px; }
};

/// Units for frames [0, frameCount) of a movie with this calibration.
[[nodiscard]] PlotUnits plotUnits(const Calibration& calibration, int frameCount);

/// std::vector → QVector for QCustomPlot.
[[nodiscard]] QVector<double> toQVector(const std::vector<double>& values);

} // namespace insitu::plot
