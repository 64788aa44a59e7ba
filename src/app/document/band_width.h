#pragma once
// The default band width of a path ROI: the core's, from the wire under it (what `insitu front`
// uses without --width).

#include "insitu/front/wire_width.h"

namespace insitu::app {

class Document;

/// The wire measured under a path ROI and the band width the core derives from it.
struct WireBand
{
    WireWidth wire;
    BandWidthChoice band;
};

/// insitu::estimateWireWidthPx under pathRoi in the document's movie (drift-corrected when drift
/// is measured) and insitu::defaultBandWidthPx of it; the core's fallback when there is no movie
/// or the path is degenerate.
[[nodiscard]] WireBand bandWidthFromWire(const Document& document, const Roi& pathRoi);

} // namespace insitu::app
