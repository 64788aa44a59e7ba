#pragma once
// Crystal (issue #18): the crystallinity map and grain boundaries of the current movie as frame
// outlines for the window, from the project's "crystallinity" and "grains" overlay layers.

#include "overlays/frame_overlays.h"

#include <vector>

namespace insitu::app {

/// The outlines of the crystallinity map and the grains of document's current movie, in
/// frame-0 px (the drift of the frame they were found on taken off), in their layers' colours.
/// Empty when the movie holds neither.
[[nodiscard]] std::vector<OutlineOverlay> crystalOutlines(const Document& document);

} // namespace insitu::app
