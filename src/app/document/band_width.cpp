#include "document/band_width.h"

#include "document/document.h"

#include "insitu/error.h"

namespace insitu::app {

WireBand bandWidthFromWire(const Document& document, const Roi& pathRoi)
{
    WireBand result;
    if (!document.hasMovie())
        return result;
    const DriftResult* drift = document.drift() ? &document.drift()->result : nullptr;
    if (drift && drift->frameCount() != document.movie()->frameCount())
        drift = nullptr;
    try {
        result.wire = estimateWireWidthPx(*document.movie(), pathRoi, drift);
        result.band = defaultBandWidthPx(result.wire);
    } catch (const insitu::Error&) {
        // a degenerate path: the core's fallback width
    }
    return result;
}

} // namespace insitu::app
