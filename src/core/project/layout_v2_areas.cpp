// The "areas" group of a movie (format_version 2): outlines per frame, keyframes, events, fits.

#include "hdf5_handles.h"
#include "layout_v1_parts.h"
#include "layout_v2_analyses.h"

#include "insitu/project/area_project.h"

#include <nlohmann/json.hpp>

#include <limits>

namespace insitu::layout::v2 {

namespace {

using v1::childName;

} // namespace

nlohmann::json areaOptionsJson(const AreaOptions& o)
{
    return {{"ray_count", o.rayCount},
            {"radial_step_px", o.radialStepPx},
            {"smoothing_sigma_px", o.smoothingSigmaPx},
            {"inner_radius_factor", o.innerRadiusFactor},
            {"outer_radius_factor", o.outerRadiusFactor},
            {"max_slope_px_per_ray", o.maxSlopePxPerRay},
            {"prior_weight", o.priorWeight},
            {"edge_half_window_px", o.edgeHalfWindowPx},
            {"search_radius_factor", o.searchRadiusFactor},
            {"min_search_radius_px", o.minSearchRadiusPx},
            {"gap_px", o.gapPx},
            {"core", o.core},
            {"a0_first_frame", o.areaZeroFirstFrame},
            {"a0_last_frame", o.areaZeroLastFrame},
            {"min_crack_step", o.minCrackStep},
            {"crack_window_frames", o.crackWindowFrames},
            {"temporal_half_window_frames", o.temporalHalfWindowFrames},
            {"model", o.model},
            {"interval_samples", o.intervalSamples}};
}

AreaOptions areaOptionsFromJson(const nlohmann::json& j)
{
    AreaOptions o;
    o.rayCount = j.value("ray_count", o.rayCount);
    o.radialStepPx = j.value("radial_step_px", o.radialStepPx);
    o.smoothingSigmaPx = j.value("smoothing_sigma_px", o.smoothingSigmaPx);
    o.innerRadiusFactor = j.value("inner_radius_factor", o.innerRadiusFactor);
    o.outerRadiusFactor = j.value("outer_radius_factor", o.outerRadiusFactor);
    o.maxSlopePxPerRay = j.value("max_slope_px_per_ray", o.maxSlopePxPerRay);
    o.priorWeight = j.value("prior_weight", o.priorWeight);
    o.edgeHalfWindowPx = j.value("edge_half_window_px", o.edgeHalfWindowPx);
    o.searchRadiusFactor = j.value("search_radius_factor", o.searchRadiusFactor);
    o.minSearchRadiusPx = j.value("min_search_radius_px", o.minSearchRadiusPx);
    o.gapPx = j.value("gap_px", o.gapPx);
    o.core = j.value("core", o.core);
    o.areaZeroFirstFrame = j.value("a0_first_frame", o.areaZeroFirstFrame);
    o.areaZeroLastFrame = j.value("a0_last_frame", o.areaZeroLastFrame);
    o.minCrackStep = j.value("min_crack_step", o.minCrackStep);
    o.crackWindowFrames = j.value("crack_window_frames", o.crackWindowFrames);
    o.temporalHalfWindowFrames = j.value("temporal_half_window_frames", o.temporalHalfWindowFrames);
    o.model = j.value("model", o.model);
    o.intervalSamples = j.value("interval_samples", o.intervalSamples);
    return o;
}

namespace {

/// Polygons of equal vertex count as a frames × 2·vertices matrix (x0, y0, x1, y1, …).
void writePolygons(hid_t g, const std::string& name,
                   const std::vector<std::vector<PointPx>>& polygons)
{
    const std::size_t cols = polygons.empty() ? 0 : 2 * polygons.front().size();
    std::vector<double> values;
    for (const auto& polygon : polygons) {
        v1::require(2 * polygon.size() == cols, "areas: outlines of one particle differ in size");
        for (const PointPx& p : polygon) {
            values.push_back(p.x);
            values.push_back(p.y);
        }
    }
    h5::writeMatrix(g, name, values, polygons.size(), cols, "px");
}

std::vector<std::vector<PointPx>> readPolygons(hid_t g, const std::string& name)
{
    std::size_t rows = 0, cols = 0;
    const std::vector<double> values = h5::readMatrix(g, name, rows, cols);
    std::vector<std::vector<PointPx>> polygons(rows);
    for (std::size_t r = 0; r < rows; ++r)
        for (std::size_t c = 0; c + 1 < cols; c += 2)
            polygons[r].push_back({values[r * cols + c], values[r * cols + c + 1]});
    return polygons;
}

nlohmann::json ratioJson(const AreaRatioComparison& r)
{
    return {{"particle_a", r.particleA},   {"particle_b", r.particleB},
            {"quantity", r.quantity},      {"ratio", r.ratio.ratio},
            {"ci95_low", r.ratio.ci95Low}, {"ci95_high", r.ratio.ci95High},
            {"text", r.ratio.text}};
}

void writeTrack(hid_t g, const AreaTrack& t)
{
    v1::writeInt(g, "index", t.index);
    h5::writeAttribute(g, "area_zero_px", t.areaZeroPx);
    h5::writeDataset(g, "frames", std::vector<std::int32_t>(t.frames.begin(), t.frames.end()), "");
    writePolygons(g, "outlines_px", t.outlinesPx);
    writePolygons(g, "core_outlines_px", t.coreOutlinesPx);
    h5::writeDataset(g, "area_px", t.areaPx, "px^2");
    h5::writeDataset(g, "measured_area_px", t.measuredAreaPx, "px^2");
    h5::writeDataset(g, "perimeter_px", t.perimeterPx, "px");
    std::vector<double> centroids;
    for (const PointPx& p : t.centroidPx) {
        centroids.push_back(p.x);
        centroids.push_back(p.y);
    }
    h5::writeMatrix(g, "centroid_px", centroids, t.centroidPx.size(), 2, "px");
    h5::writeDataset(g, "edge_confidence", t.edgeConfidence, "");
    h5::writeDataset(g, "core_area_px", t.coreAreaPx, "px^2");
    h5::writeDataset(g, "area_ratio", t.areaRatio, "");
    nlohmann::json events = nlohmann::json::array();
    for (const AreaEvent& e : t.events)
        events.push_back(
            {{"frame", e.frame}, {"kind", e.kind}, {"area_ratio_step", e.areaRatioStep}});
    h5::writeAttribute(g, "events_json", events.dump());
    if (t.fit)
        v1::writeFit(g, "fit", *t.fit);
    if (t.onsetFit)
        v1::writeFit(g, "onset_fit", *t.onsetFit);
}

AreaTrack readTrack(hid_t g)
{
    AreaTrack t;
    t.index = v1::readInt(g, "index");
    t.areaZeroPx = h5::readDoubleAttribute(g, "area_zero_px");
    const auto frames = h5::readInts(g, "frames");
    t.frames.assign(frames.begin(), frames.end());
    t.outlinesPx = readPolygons(g, "outlines_px");
    t.coreOutlinesPx = readPolygons(g, "core_outlines_px");
    t.areaPx = h5::readDoubles(g, "area_px");
    t.measuredAreaPx = h5::readDoubles(g, "measured_area_px");
    t.perimeterPx = h5::readDoubles(g, "perimeter_px");
    std::size_t rows = 0, cols = 0;
    const auto centroids = h5::readMatrix(g, "centroid_px", rows, cols);
    for (std::size_t r = 0; r < rows && cols == 2; ++r)
        t.centroidPx.push_back({centroids[2 * r], centroids[2 * r + 1]});
    t.edgeConfidence = h5::readDoubles(g, "edge_confidence");
    t.coreAreaPx = h5::readDoubles(g, "core_area_px");
    t.areaRatio = h5::readDoubles(g, "area_ratio");
    for (const auto& e : v1::parseJsonAttribute(g, "events_json"))
        t.events.push_back({e.at("frame").get<int>(), e.at("kind").get<std::string>(),
                            e.at("area_ratio_step").get<double>()});
    if (h5::exists(g, "fit"))
        t.fit = v1::readFit(g, "fit");
    if (h5::exists(g, "onset_fit"))
        t.onsetFit = v1::readFit(g, "onset_fit");
    v1::require(t.outlinesPx.size() == t.frames.size() && t.areaPx.size() == t.frames.size() &&
                    t.centroidPx.size() == t.frames.size(),
                "areas: particle " + std::to_string(t.index) +
                    " has datasets of different lengths");
    return t;
}

} // namespace

void writeAreas(hid_t movieGroup, const ProjectMovie& movie)
{
    if (!movie.areas)
        return;
    const AreaResult& r = movie.areas->result;
    h5::Handle g = h5::createGroup(movieGroup, "areas");
    h5::writeAttribute(g.id(), "options_json", areaOptionsJson(r.options).dump());
    v1::writeProvenance(g.id(), movie.areas->provenance);
    h5::Handle keys = h5::createGroup(g.id(), "keyframes");
    for (std::size_t i = 0; i < r.keyframes.size(); ++i) {
        const AreaKeyframe& k = r.keyframes[i];
        h5::Handle kg = h5::createGroup(keys.id(), childName(i));
        v1::writeInt(kg.id(), "particle", k.particle);
        v1::writeInt(kg.id(), "frame", k.frame);
        v1::writeBool(kg.id(), "refine", k.refine);
        writePolygons(kg.id(), "outline_px", {k.outlinePx});
    }
    h5::Handle particles = h5::createGroup(g.id(), "particles");
    for (std::size_t i = 0; i < r.particles.size(); ++i) {
        h5::Handle pg = h5::createGroup(particles.id(), childName(i));
        writeTrack(pg.id(), r.particles[i]);
    }
    nlohmann::json ratios = nlohmann::json::array();
    for (const AreaRatioComparison& c : r.ratios)
        ratios.push_back(ratioJson(c));
    h5::writeAttribute(g.id(), "ratios_json", ratios.dump());
}

void readAreas(hid_t movieGroup, ProjectMovie& movie)
{
    if (!h5::exists(movieGroup, "areas"))
        return;
    h5::Handle g = h5::openGroup(movieGroup, "areas");
    ProjectAreas areas;
    areas.result.options = areaOptionsFromJson(v1::parseJsonAttribute(g.id(), "options_json"));
    areas.provenance = v1::readProvenance(g.id());
    h5::Handle keys = h5::openGroup(g.id(), "keyframes");
    v1::forEachIndexedChild(keys.id(), [&](hid_t kg) {
        AreaKeyframe k;
        k.particle = v1::readInt(kg, "particle");
        k.frame = v1::readInt(kg, "frame");
        k.refine = v1::readBool(kg, "refine");
        const auto polygons = readPolygons(kg, "outline_px");
        if (!polygons.empty())
            k.outlinePx = polygons.front();
        areas.result.keyframes.push_back(std::move(k));
    });
    h5::Handle particles = h5::openGroup(g.id(), "particles");
    v1::forEachIndexedChild(particles.id(),
                            [&](hid_t pg) { areas.result.particles.push_back(readTrack(pg)); });
    for (const auto& c : v1::parseJsonAttribute(g.id(), "ratios_json")) {
        AreaRatioComparison r;
        r.particleA = c.at("particle_a").get<int>();
        r.particleB = c.at("particle_b").get<int>();
        r.quantity = c.at("quantity").get<std::string>();
        // A ratio or bound that was not a number (NaN) is stored as JSON null.
        auto number = [&c](const char* key) {
            const auto& v = c.at(key);
            return v.is_null() ? std::numeric_limits<double>::quiet_NaN() : v.get<double>();
        };
        r.ratio.ratio = number("ratio");
        r.ratio.ci95Low = number("ci95_low");
        r.ratio.ci95High = number("ci95_high");
        r.ratio.text = c.at("text").get<std::string>();
        areas.result.ratios.push_back(std::move(r));
    }
    movie.areas = std::move(areas);
}

} // namespace insitu::layout::v2
