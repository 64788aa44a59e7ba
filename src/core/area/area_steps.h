// Area steps (crack events) and the small line/median helpers the areas analysis shares.
#pragma once

#include "insitu/area/area_tracker.h"

#include <vector>

namespace insitu::area_detail {

/// Median of v (0 for an empty vector).
double medianOf(std::vector<double> v);

/// A straight line y = intercept + slope·x.
struct Line
{
    double slope = 0;
    double intercept = 0;
    [[nodiscard]] double at(double x) const { return intercept + slope * x; }
};

/// Least-squares line through (x[i], y[i]) for i in [from, to).
Line fitLine(const std::vector<double>& x, const std::vector<double>& y, int from, int to);

/// Sudden steps of a track's A/A(first frame) series (see area_steps.cpp for the statistic).
std::vector<AreaEvent> findSteps(const AreaTrack& track, double minStep, int w, double noiseSigma,
                                 double noiseRho);

} // namespace insitu::area_detail
