// fitCurve: the core fitBand sampled on an even grid, for the journal plots.

#include "fit_curve.h"

#include "insitu/kinetics/fit_band.h"

namespace insitu::plot {

std::optional<FitCurve> fitCurve(const FitResult& fit, double xMin, double xMax, int points)
{
    if (points < 2 || !(xMax > xMin))
        return std::nullopt;
    std::vector<double> xs;
    for (int k = 0; k < points; ++k)
        xs.push_back(xMin + (xMax - xMin) * k / (points - 1));
    auto band = fitBand(fit, xs);
    if (!band)
        return std::nullopt;
    return FitCurve{std::move(band->x), std::move(band->y), std::move(band->low),
                    std::move(band->high)};
}

} // namespace insitu::plot
