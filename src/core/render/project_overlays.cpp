// The overlay layers of a project movie: ROIs, front markers, area outlines, crystallinity map
// and grain boundaries as per-frame shapes (raster results traced once into polygons).

#include "insitu/render/project_overlays.h"

#include "insitu/error.h"
#include "insitu/roi/path.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <functional>
#include <map>
#include <memory>
#include <numbers>
#include <string>

namespace insitu {

namespace {

using Rgb = std::array<std::uint8_t, 3>;
constexpr std::array<Rgb, 7> kOkabeIto{{{230, 159, 0},
                                        {86, 180, 233},
                                        {0, 158, 115},
                                        {240, 228, 66},
                                        {0, 114, 178},
                                        {213, 94, 0},
                                        {204, 121, 167}}};

Rgb okabeIto(int index)
{
    return kOkabeIto[static_cast<std::size_t>(index) % kOkabeIto.size()];
}

[[noreturn]] void missing(const ProjectMovie& movie, const std::string& what)
{
    throw Error("movie " + std::to_string(movie.id) + " (" + movie.path.filename().string() +
                "): --overlays needs " + what);
}

/// The same shapes on every frame.
OverlayProvider everyFrame(std::vector<OverlayShape> shapes)
{
    auto held = std::make_shared<const std::vector<OverlayShape>>(std::move(shapes));
    return [held](int) { return *held; };
}

/// Outer outlines (and hole outlines) of the non-zero pixels of mask (CV_8U), at pixel centres,
/// shifted by offset.
std::vector<std::vector<PointPx>> traceMask(const cv::Mat& mask, cv::Point offset)
{
    std::vector<std::vector<cv::Point>> contours;
    cv::findContours(mask, contours, cv::RETR_CCOMP, cv::CHAIN_APPROX_SIMPLE, offset);
    std::vector<std::vector<PointPx>> outlines;
    for (const auto& contour : contours) {
        std::vector<PointPx> points;
        for (const auto& p : contour)
            points.push_back({static_cast<double>(p.x), static_cast<double>(p.y)});
        outlines.push_back(std::move(points));
    }
    return outlines;
}

OverlayProvider roiLayer(const ProjectMovie& movie)
{
    if (movie.rois.empty())
        missing(movie, "ROIs (the movie has none)");
    std::vector<OverlayShape> shapes;
    for (const auto& roi : movie.rois)
        shapes.push_back(roiOverlayShape(roi));
    return everyFrame(std::move(shapes));
}

OverlayProvider frontLayer(const ProjectMovie& movie)
{
    if (movie.fronts.empty())
        missing(movie, "fronts (run insitu front --project)");
    // per frame: the marker of every front seen on it, on its path ROI
    auto byFrame = std::make_shared<std::map<int, std::vector<OverlayShape>>>();
    for (const auto& f : movie.fronts) {
        const auto roi = std::find_if(movie.rois.begin(), movie.rois.end(),
                                      [&](const Roi& r) { return r.id == f.result.roiId; });
        if (roi == movie.rois.end())
            continue;
        for (const auto& track : f.result.fronts)
            for (std::size_t i = 0; i < track.frames.size(); ++i) {
                OverlayShape marker;
                marker.points = {pointAtArcLength(*roi, track.positionsPx[i])};
                marker.rgb = okabeIto(1); // sky blue
                marker.label = "F" + std::to_string(track.index);
                (*byFrame)[track.frames[i]].push_back(std::move(marker));
            }
    }
    return [byFrame](int frame) {
        const auto at = byFrame->find(frame);
        return at == byFrame->end() ? std::vector<OverlayShape>{} : at->second;
    };
}

OverlayProvider outlineLayer(const ProjectMovie& movie)
{
    if (!movie.areas)
        missing(movie, "area outlines (run insitu area --project)");
    auto byFrame = std::make_shared<std::map<int, std::vector<OverlayShape>>>();
    for (const auto& track : movie.areas->result.particles)
        for (std::size_t i = 0; i < track.frames.size() && i < track.outlinesPx.size(); ++i) {
            const int frame = track.frames[i];
            OverlayShape outline;
            outline.points = track.outlinesPx[i];
            outline.closed = true;
            outline.imageOfFrame = frame; // outlines are found in each frame's image
            outline.rgb = okabeIto(track.index);
            outline.label = "P" + std::to_string(track.index);
            (*byFrame)[frame].push_back(outline);
            if (i < track.coreOutlinesPx.size() && !track.coreOutlinesPx[i].empty()) {
                OverlayShape core = outline;
                core.points = track.coreOutlinesPx[i];
                core.label.clear();
                core.thicknessPx = 1;
                (*byFrame)[frame].push_back(std::move(core));
            }
        }
    return [byFrame](int frame) {
        const auto at = byFrame->find(frame);
        return at == byFrame->end() ? std::vector<OverlayShape>{} : at->second;
    };
}

OverlayProvider crystallinityLayer(const ProjectMovie& movie)
{
    const auto& map = movie.fft.map;
    if (!map || map->mask.size() != static_cast<std::size_t>(map->rows) * map->cols)
        missing(movie, "a crystallinity map in the project (its fft group)");
    const cv::Mat mask(map->rows, map->cols, CV_8U, const_cast<std::uint8_t*>(map->mask.data()));
    std::vector<OverlayShape> shapes;
    for (auto& outline : traceMask(mask.clone(), {0, 0})) {
        OverlayShape shape;
        shape.points = std::move(outline);
        shape.closed = true;
        shape.imageOfFrame = map->frame;
        shape.rgb = okabeIto(2); // bluish green
        shape.thicknessPx = 1;
        shapes.push_back(std::move(shape));
    }
    return everyFrame(std::move(shapes));
}

/// One closed outline per label > 0 of labels (row-major rows × cols), placed at offset and
/// found in the image of frame; colour(label) gives each outline's colour.
std::vector<OverlayShape> traceLabels(const std::int32_t* data, int rows, int cols,
                                      cv::Point offset, int frame,
                                      const std::function<Rgb(std::int32_t)>& colour)
{
    const cv::Mat labels(rows, cols, CV_32S, const_cast<std::int32_t*>(data));
    // bounding box of every label in one pass, then each label traced inside its box
    std::map<std::int32_t, cv::Rect> boxes;
    for (int r = 0; r < labels.rows; ++r)
        for (int c = 0; c < labels.cols; ++c)
            if (const std::int32_t l = labels.at<std::int32_t>(r, c); l > 0) {
                auto [at, inserted] = boxes.try_emplace(l, c, r, 1, 1);
                if (!inserted)
                    at->second |= cv::Rect(c, r, 1, 1);
            }
    std::vector<OverlayShape> shapes;
    for (const auto& [label, box] : boxes) {
        cv::Mat region;
        cv::compare(labels(box), cv::Scalar(label), region, cv::CMP_EQ);
        for (auto& outline : traceMask(region, offset + box.tl())) {
            OverlayShape shape;
            shape.points = std::move(outline);
            shape.closed = true;
            shape.imageOfFrame = frame;
            shape.rgb = colour(label);
            shape.thicknessPx = 1;
            shapes.push_back(std::move(shape));
        }
    }
    return shapes;
}

OverlayProvider grainLayer(const ProjectMovie& movie)
{
    const auto& g = movie.grains;
    if (!g || g->labels.size() != static_cast<std::size_t>(g->labelRows) * g->labelCols)
        missing(movie, "a grains result in the project (its grains group)");
    return everyFrame(traceLabels(g->labels.data(), g->labelRows, g->labelCols,
                                  {g->roiPx[0], g->roiPx[1]}, g->frame,
                                  [](std::int32_t) { return okabeIto(3); })); // yellow
}

/// Particle outlines, found in the image of the analysis' first frame (a range is averaged onto
/// it), one Okabe–Ito colour per particle label.
OverlayProvider particleLayer(const ProjectMovie& movie)
{
    const auto& p = movie.particles;
    if (!p || p->labels.size() != static_cast<std::size_t>(p->result.width) * p->result.height)
        missing(movie, "a particles result in the project (run insitu particles --project)");
    return everyFrame(traceLabels(p->labels.data(), p->result.height, p->result.width, {0, 0},
                                  p->firstFrame,
                                  [](std::int32_t label) { return okabeIto(label); }));
}

OverlayProvider phaseLayer(const ProjectMovie& movie)
{
    const auto& g = movie.grains;
    if (!g || g->classMap.size() != static_cast<std::size_t>(g->labelRows) * g->labelCols)
        missing(movie, "a phase map in the project (the grains group's class map)");
    const cv::Mat classes(g->labelRows, g->labelCols, CV_8U,
                          const_cast<std::uint8_t*>(g->classMap.data()));
    std::vector<OverlayShape> shapes;
    // amorphous blue, pores vermillion; crystalline areas are what the grains layer outlines
    for (const auto& [phase, colour] : {std::pair{PhaseClass::Amorphous, okabeIto(4)},
                                        std::pair{PhaseClass::Pore, okabeIto(5)}}) {
        cv::Mat mask;
        cv::compare(classes, cv::Scalar(static_cast<int>(phase)), mask, cv::CMP_EQ);
        for (auto& outline : traceMask(mask, {g->roiPx[0], g->roiPx[1]})) {
            OverlayShape shape;
            shape.points = std::move(outline);
            shape.closed = true;
            shape.imageOfFrame = g->frame;
            shape.rgb = colour;
            shape.thicknessPx = 1;
            shapes.push_back(std::move(shape));
        }
    }
    return everyFrame(std::move(shapes));
}

/// Every layer: name, builder, whether the movie holds its result. A new analysis adds a row.
struct LayerKind
{
    const char* name;
    OverlayProvider (*build)(const ProjectMovie&);
    bool (*present)(const ProjectMovie&);
};

const std::array<LayerKind, 7> kLayers{{
    {"rois", roiLayer, [](const ProjectMovie& m) { return !m.rois.empty(); }},
    {"fronts", frontLayer, [](const ProjectMovie& m) { return !m.fronts.empty(); }},
    {"outlines", outlineLayer, [](const ProjectMovie& m) { return m.areas.has_value(); }},
    {"crystallinity", crystallinityLayer,
     [](const ProjectMovie& m) { return m.fft.map.has_value(); }},
    {"particles", particleLayer, [](const ProjectMovie& m) { return m.particles.has_value(); }},
    {"grains", grainLayer, [](const ProjectMovie& m) { return m.grains.has_value(); }},
    {"phases", phaseLayer,
     [](const ProjectMovie& m) { return m.grains && !m.grains->classMap.empty(); }},
}};

} // namespace

OverlayShape roiOverlayShape(const Roi& roi)
{
    OverlayShape shape;
    shape.rgb = roi.rgb;
    const bool box = roi.shape == RoiShape::Rectangle || roi.shape == RoiShape::Ellipse;
    if (box && roi.points.size() == 2) {
        const PointPx a = roi.points[0], b = roi.points[1];
        if (roi.shape == RoiShape::Rectangle)
            shape.points = {{a.x, a.y}, {b.x, a.y}, {b.x, b.y}, {a.x, b.y}};
        else
            for (int k = 0; k < 72; ++k) {
                const double phi = k * 2 * std::numbers::pi / 72;
                shape.points.push_back({(a.x + b.x) / 2 + (b.x - a.x) / 2 * std::cos(phi),
                                        (a.y + b.y) / 2 + (b.y - a.y) / 2 * std::sin(phi)});
            }
        shape.closed = true;
    } else {
        shape.points = roi.points;
        shape.closed = roi.shape == RoiShape::Polygon;
    }
    return shape;
}

std::vector<std::string> overlayLayerNames()
{
    std::vector<std::string> names;
    for (const auto& kind : kLayers)
        names.emplace_back(kind.name);
    return names;
}

OverlayLayer projectOverlayLayer(const ProjectMovie& movie, const std::string& name)
{
    for (const auto& kind : kLayers)
        if (name == kind.name)
            return {name, kind.build(movie)};
    std::string known;
    for (const auto& n : overlayLayerNames())
        known += (known.empty() ? "" : ", ") + n;
    throw Error("--overlays: unknown layer '" + name + "' (use " + known + ")");
}

std::vector<std::string> availableOverlayLayers(const ProjectMovie& movie)
{
    std::vector<std::string> names;
    for (const auto& kind : kLayers)
        if (kind.present(movie))
            names.emplace_back(kind.name);
    return names;
}

std::vector<OverlayShape> ProjectOverlays::operator()(int frame) const
{
    std::vector<OverlayShape> shapes;
    for (const auto& layer : layers) {
        auto more = layer.shapes(frame);
        shapes.insert(shapes.end(), std::make_move_iterator(more.begin()),
                      std::make_move_iterator(more.end()));
    }
    return shapes;
}

ProjectOverlays projectOverlays(const ProjectMovie& movie, const std::vector<std::string>& names)
{
    ProjectOverlays overlays;
    for (const auto& name : names)
        overlays.layers.push_back(projectOverlayLayer(movie, name));
    return overlays;
}

} // namespace insitu
