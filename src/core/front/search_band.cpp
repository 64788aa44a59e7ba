#include "insitu/front/search_band.h"

#include "insitu/front/front_tracker.h"

#include <cmath>

namespace insitu {

std::optional<double> searchBandWidthPx(double bandPx, const WireWidth& wire)
{
    if (!wire.found || !std::isfinite(bandPx))
        return std::nullopt;
    const double wide = defaultBandWidthPx(wire).widthPx;
    if (!(wide > bandPx))
        return std::nullopt;
    return wide;
}

std::optional<Kymograph> buildSearchKymograph(const Movie& movie, const Roi& roi,
                                              const WireWidth& wire, const DriftResult* drift,
                                              Progress& progress)
{
    const std::optional<double> band = searchBandWidthPx(roi.widthPx, wire);
    if (!band)
        return std::nullopt;
    Roi wide = roi;
    wide.widthPx = *band;
    return buildKymograph(movie, wide, drift, progress);
}

FrontResult trackFrontsAlongWire(const Movie& movie, const Roi& roi, const DriftResult* drift,
                                 const Kymograph& kymograph, const FrontOptions& options,
                                 const std::vector<std::vector<FrontPin>>& pins, Progress& progress)
{
    const WireWidth wire = estimateWireWidthPx(movie, roi, drift);
    const std::optional<Kymograph> search = buildSearchKymograph(movie, roi, wire, drift, progress);
    return search ? trackFronts(kymograph, *search, options, pins, progress)
                  : trackFronts(kymograph, options, pins, progress);
}

} // namespace insitu
