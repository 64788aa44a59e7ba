#pragma once
// The band a front search runs on: a narrow band's noise misleads the path search (not the
// sub-pixel refinement), so the search runs on the wire's default band when the user's is
// narrower.

#include "insitu/front/front_result.h"
#include "insitu/front/kymograph.h"
#include "insitu/front/wire_width.h"
#include "insitu/roi/roi.h"

#include <optional>
#include <vector>

namespace insitu {

/// Band (px) for the path search of fronts tracked on a bandPx band along a wire measured as
/// wire: the wire's default band (defaultBandWidthPx) when a wire was found and that band is
/// wider than bandPx; none (search on bandPx itself) otherwise.
[[nodiscard]] std::optional<double> searchBandWidthPx(double bandPx, const WireWidth& wire);

/// The search kymograph for roi (its band bandPx = roi.widthPx): the kymograph of roi on the
/// band searchBandWidthPx gives (a second pass over the movie), or none when the search runs
/// on roi's own band.
[[nodiscard]] std::optional<Kymograph> buildSearchKymograph(const Movie& movie, const Roi& roi,
                                                            const WireWidth& wire,
                                                            const DriftResult* drift,
                                                            Progress& progress);

/// trackFronts on kymograph (roi's band, built from movie with drift) with the path search on
/// the search kymograph of the wire under roi (measured here, estimateWireWidthPx) when one is
/// due: the front tracking of the GUI and of batch runs.
[[nodiscard]] FrontResult trackFrontsAlongWire(const Movie& movie, const Roi& roi,
                                               const DriftResult* drift, const Kymograph& kymograph,
                                               const FrontOptions& options,
                                               const std::vector<std::vector<FrontPin>>& pins,
                                               Progress& progress);

} // namespace insitu
