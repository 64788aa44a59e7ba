#pragma once
// The default band width of a path ROI: the core's, from the wire under it (what `insitu front`
// uses without --width).

#include "insitu/front/wire_width.h"
#include "insitu/registration/drift_result.h"

#include <memory>
#include <optional>

namespace insitu {
class Movie;
}

namespace insitu::app {

class Document;

/// The wire measured under a path ROI and the band width the core derives from it.
struct WireBand
{
    WireWidth wire;
    BandWidthChoice band;
};

/// What the wire measurement of a path ROI reads: the movie, the ROI and the drift (when it
/// matches the movie), copied so that a job can measure them off the GUI thread.
struct WireBandInputs
{
    std::shared_ptr<const Movie> movie; ///< null: no movie open
    Roi pathRoi;
    std::optional<DriftResult> drift;
};

/// The document's inputs for the wire under pathRoi now.
[[nodiscard]] WireBandInputs wireBandInputs(const Document& document, const Roi& pathRoi);

/// insitu::estimateWireWidthPx under the path in the movie (drift-corrected when drift is given)
/// and insitu::defaultBandWidthPx of it; the core's fallback when there is no movie or the path
/// is degenerate. Safe off the GUI thread (reads frames only).
[[nodiscard]] WireBand bandWidthFromWire(const WireBandInputs& inputs);

/// bandWidthFromWire(wireBandInputs(document, pathRoi)), on the calling thread.
[[nodiscard]] WireBand bandWidthFromWire(const Document& document, const Roi& pathRoi);

} // namespace insitu::app
