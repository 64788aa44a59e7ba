#pragma once
// The overlays a rendered movie or figure draws from a project movie, as named layers (ROIs,
// fronts, area outlines, crystallinity map, grains): one source for `insitu render`, `insitu
// export --figure` and the window's exports.

#include "insitu/project/project.h"
#include "insitu/render/movie_render.h"

#include <string>
#include <vector>

namespace insitu {

/// A ROI as an overlay shape in frame-0 coordinates: rectangles and ellipses as closed polygons
/// (ellipses with 72 vertices), polygons closed, lines and polylines open.
[[nodiscard]] OverlayShape roiOverlayShape(const Roi& roi);

/// One overlay layer: its name (as `--overlays` spells it) and the shapes it draws per frame.
struct OverlayLayer
{
    std::string name;
    OverlayProvider shapes;
};

/// The layer names, in drawing order: "rois", "fronts", "outlines" (areas group), "particles"
/// (particles group, when this version has one), "crystallinity" (fft map), "grains" (grain
/// boundaries), "phases" (amorphous and pore regions of the grains' phase map).
[[nodiscard]] std::vector<std::string> overlayLayerNames();

/// Layer `name` of movie. Raster results (crystallinity mask, grain labels) are traced into
/// outlines here, once. Throws insitu::Error for an unknown name or when movie holds no result
/// of that kind.
[[nodiscard]] OverlayLayer projectOverlayLayer(const ProjectMovie& movie, const std::string& name);

/// The layers of movie that hold something (no error for missing results): what the window draws.
[[nodiscard]] std::vector<std::string> availableOverlayLayers(const ProjectMovie& movie);

/// Several layers drawn together (an OverlayProvider).
struct ProjectOverlays
{
    std::vector<OverlayLayer> layers;

    [[nodiscard]] std::vector<OverlayShape> operator()(int frame) const;
};

/// The named layers of movie (see projectOverlayLayer; throws the same errors).
[[nodiscard]] ProjectOverlays projectOverlays(const ProjectMovie& movie,
                                              const std::vector<std::string>& names);

} // namespace insitu
