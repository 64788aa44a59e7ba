#include "document/band_width.h"

#include "document/document.h"

#include "insitu/error.h"

namespace insitu::app {

WireBandInputs wireBandInputs(const Document& document, const Roi& pathRoi)
{
    WireBandInputs inputs;
    inputs.pathRoi = pathRoi;
    if (!document.hasMovie())
        return inputs;
    inputs.movie = document.movie();
    if (document.drift() && document.drift()->result.frameCount() == inputs.movie->frameCount())
        inputs.drift = document.drift()->result;
    return inputs;
}

WireBand bandWidthFromWire(const WireBandInputs& inputs)
{
    WireBand result;
    if (!inputs.movie)
        return result;
    try {
        result.wire = estimateWireWidthPx(*inputs.movie, inputs.pathRoi,
                                          inputs.drift ? &*inputs.drift : nullptr);
        result.band = defaultBandWidthPx(result.wire);
    } catch (const insitu::Error&) {
        // a degenerate path: the core's fallback width
    }
    return result;
}

WireBand bandWidthFromWire(const Document& document, const Roi& pathRoi)
{
    return bandWidthFromWire(wireBandInputs(document, pathRoi));
}

} // namespace insitu::app
