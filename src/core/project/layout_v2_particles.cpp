// The optional per-movie group "particles" of format_version 2 (docs/project-file.md,
// "### particles"): regions, labels, particles, region statistics, comparison, hand edits.

#include "hdf5_handles.h"
#include "layout_v1_parts.h"
#include "layout_v2_analyses.h"

#include "insitu/particles/particle_options_json.h"

namespace insitu::layout::v2 {

namespace {

using v1::childName;

void writeEstimate(hid_t g, const std::string& name, const Estimate& e)
{
    h5::writeAttribute(g, name, e.value);
    h5::writeAttribute(g, name + "_lo", e.lo);
    h5::writeAttribute(g, name + "_hi", e.hi);
}

Estimate readEstimate(hid_t g, const std::string& name)
{
    return {h5::readDoubleAttribute(g, name), h5::readDoubleAttribute(g, name + "_lo"),
            h5::readDoubleAttribute(g, name + "_hi")};
}

void writeRegionRois(hid_t parent, const std::vector<Roi>& rois)
{
    const h5::Handle group = h5::createGroup(parent, "region_rois");
    for (std::size_t i = 0; i < rois.size(); ++i) {
        const h5::Handle g = h5::createGroup(group.id(), childName(i));
        v1::writeInt(g.id(), "id", rois[i].id);
        h5::writeAttribute(g.id(), "name", rois[i].name);
        h5::writeAttribute(g.id(), "shape", roiShapeName(rois[i].shape));
        std::vector<double> points;
        for (const PointPx& p : rois[i].points) {
            points.push_back(p.x);
            points.push_back(p.y);
        }
        h5::writeMatrix(g.id(), "points_px", points, rois[i].points.size(), 2, "px");
    }
}

std::vector<Roi> readRegionRois(hid_t parent)
{
    std::vector<Roi> rois;
    const h5::Handle group = h5::openGroup(parent, "region_rois");
    v1::forEachIndexedChild(group.id(), [&](hid_t g) {
        Roi roi;
        roi.id = v1::readInt(g, "id");
        roi.name = h5::readStringAttribute(g, "name");
        roi.shape = roiShapeFromName(h5::readStringAttribute(g, "shape"));
        std::size_t rows = 0, cols = 0;
        const auto points = h5::readMatrix(g, "points_px", rows, cols);
        v1::require(cols == 2 || rows == 0, "particles region points_px must have 2 columns");
        for (std::size_t k = 0; k < rows; ++k)
            roi.points.push_back({points[2 * k], points[2 * k + 1]});
        rois.push_back(std::move(roi));
    });
    return rois;
}

void writeRegionStatistics(hid_t parent, const std::vector<RegionStatistics>& regions)
{
    const h5::Handle group = h5::createGroup(parent, "regions");
    for (std::size_t i = 0; i < regions.size(); ++i) {
        const RegionStatistics& s = regions[i];
        const h5::Handle child = h5::createGroup(group.id(), childName(i));
        const hid_t g = child.id();
        h5::writeAttribute(g, "name", s.name);
        v1::writeInt(g, "count", s.count);
        h5::writeAttribute(g, "region_area_px", s.regionAreaPx);
        h5::writeAttribute(g, "area_fraction", s.areaFraction);
        h5::writeAttribute(g, "density_per_px2", s.densityPerPx2);
        h5::writeAttribute(g, "ecd_mean", s.ecdMean);
        h5::writeAttribute(g, "ecd_median", s.ecdMedian);
        h5::writeAttribute(g, "ecd_sd", s.ecdSd);
        h5::writeDataset(g, "number_histogram", s.numberHistogram, "");
        h5::writeDataset(g, "area_histogram", s.areaHistogram, "");
        v1::writeBool(g, "has_lognormal", s.lognormal.has_value());
        if (s.lognormal) {
            writeEstimate(g, "lognormal_mu", s.lognormal->mu);
            writeEstimate(g, "lognormal_sigma", s.lognormal->sigma);
            writeEstimate(g, "lognormal_median", s.lognormal->median);
            writeEstimate(g, "lognormal_mean", s.lognormal->mean);
            writeEstimate(g, "lognormal_mode", s.lognormal->mode);
        }
    }
}

std::vector<RegionStatistics> readRegionStatistics(hid_t parent)
{
    std::vector<RegionStatistics> regions;
    const h5::Handle group = h5::openGroup(parent, "regions");
    v1::forEachIndexedChild(group.id(), [&](hid_t g) {
        RegionStatistics s;
        s.name = h5::readStringAttribute(g, "name");
        s.count = v1::readInt(g, "count");
        s.regionAreaPx = h5::readDoubleAttribute(g, "region_area_px");
        s.areaFraction = h5::readDoubleAttribute(g, "area_fraction");
        s.densityPerPx2 = h5::readDoubleAttribute(g, "density_per_px2");
        s.ecdMean = h5::readDoubleAttribute(g, "ecd_mean");
        s.ecdMedian = h5::readDoubleAttribute(g, "ecd_median");
        s.ecdSd = h5::readDoubleAttribute(g, "ecd_sd");
        s.numberHistogram = h5::readDoubles(g, "number_histogram");
        s.areaHistogram = h5::readDoubles(g, "area_histogram");
        if (v1::readBool(g, "has_lognormal"))
            s.lognormal =
                LognormalFit{readEstimate(g, "lognormal_mu"), readEstimate(g, "lognormal_sigma"),
                             readEstimate(g, "lognormal_median"), readEstimate(g, "lognormal_mean"),
                             readEstimate(g, "lognormal_mode")};
        regions.push_back(std::move(s));
    });
    return regions;
}

void writeComparison(hid_t parent, const SizeComparison& c)
{
    const h5::Handle group = h5::createGroup(parent, "comparison");
    const hid_t g = group.id();
    h5::writeAttribute(g, "reference", c.reference);
    h5::writeAttribute(g, "survivors", c.survivors);
    h5::writeAttribute(g, "ks_statistic", c.ksStatistic);
    h5::writeAttribute(g, "ks_p", c.ksP);
    h5::writeAttribute(g, "ad_statistic", c.adStatistic);
    h5::writeAttribute(g, "ad_p", c.adP);
    h5::writeAttribute(g, "median_shift", c.medianShift);
    v1::writeBool(g, "has_critical_size", c.criticalSize.has_value());
    if (c.criticalSize)
        writeEstimate(g, "critical_size", *c.criticalSize);
    h5::writeOptionalAttribute(g, "survival_width", c.survivalWidth);
    h5::writeAttribute(g, "ks_separation", c.ksSeparation);
}

SizeComparison readComparison(hid_t parent)
{
    const h5::Handle group = h5::openGroup(parent, "comparison");
    const hid_t g = group.id();
    SizeComparison c;
    c.reference = h5::readStringAttribute(g, "reference");
    c.survivors = h5::readStringAttribute(g, "survivors");
    c.ksStatistic = h5::readDoubleAttribute(g, "ks_statistic");
    c.ksP = h5::readDoubleAttribute(g, "ks_p");
    c.adStatistic = h5::readDoubleAttribute(g, "ad_statistic");
    c.adP = h5::readDoubleAttribute(g, "ad_p");
    c.medianShift = h5::readDoubleAttribute(g, "median_shift");
    if (v1::readBool(g, "has_critical_size"))
        c.criticalSize = readEstimate(g, "critical_size");
    c.survivalWidth = h5::readOptionalDoubleAttribute(g, "survival_width");
    c.ksSeparation = h5::readDoubleAttribute(g, "ks_separation");
    return c;
}

void writeParticleTable(hid_t g, const std::vector<Particle>& particles)
{
    std::vector<std::int32_t> id;
    std::vector<double> x, y, area, perimeter, feretMax, feretMin, circ, solidity, mean;
    std::vector<std::string> region;
    std::vector<std::uint8_t> edge;
    for (const Particle& p : particles) {
        id.push_back(p.id);
        x.push_back(p.xPx);
        y.push_back(p.yPx);
        area.push_back(p.areaPx);
        perimeter.push_back(p.perimeterPx);
        feretMax.push_back(p.feretMaxPx);
        feretMin.push_back(p.feretMinPx);
        circ.push_back(p.circularity);
        solidity.push_back(p.solidity);
        mean.push_back(p.meanIntensity);
        region.push_back(p.region);
        edge.push_back(p.edge ? 1 : 0);
    }
    h5::writeDataset(g, "particle_id", id, "");
    h5::writeDataset(g, "x_px", x, "px");
    h5::writeDataset(g, "y_px", y, "px");
    h5::writeDataset(g, "area_px", area, "px^2");
    h5::writeDataset(g, "perimeter_px", perimeter, "px");
    h5::writeDataset(g, "feret_max_px", feretMax, "px");
    h5::writeDataset(g, "feret_min_px", feretMin, "px");
    h5::writeDataset(g, "circularity", circ, "");
    h5::writeDataset(g, "solidity", solidity, "");
    h5::writeDataset(g, "mean_intensity", mean, "");
    h5::writeDataset(g, "region", region);
    h5::writeDataset(g, "edge", edge, "");
}

std::vector<Particle> readParticleTable(hid_t g)
{
    const auto id = h5::readInts(g, "particle_id");
    const auto x = h5::readDoubles(g, "x_px");
    const auto y = h5::readDoubles(g, "y_px");
    const auto area = h5::readDoubles(g, "area_px");
    const auto perimeter = h5::readDoubles(g, "perimeter_px");
    const auto feretMax = h5::readDoubles(g, "feret_max_px");
    const auto feretMin = h5::readDoubles(g, "feret_min_px");
    const auto circ = h5::readDoubles(g, "circularity");
    const auto solidity = h5::readDoubles(g, "solidity");
    const auto mean = h5::readDoubles(g, "mean_intensity");
    const auto region = h5::readStrings(g, "region");
    const auto edge = h5::readBytes(g, "edge");
    const std::size_t n = id.size();
    for (std::size_t size :
         {x.size(), y.size(), area.size(), perimeter.size(), feretMax.size(), feretMin.size(),
          circ.size(), solidity.size(), mean.size(), region.size(), edge.size()})
        v1::require(size == n, "particles: the per-particle datasets must have one value per "
                               "particle");
    std::vector<Particle> particles(n);
    for (std::size_t i = 0; i < n; ++i)
        particles[i] = {id[i],       x[i],    y[i],        area[i], perimeter[i], feretMax[i],
                        feretMin[i], circ[i], solidity[i], mean[i], region[i],    edge[i] != 0};
    return particles;
}

void writeEdits(hid_t g, const std::vector<ParticleEdit>& edits)
{
    std::vector<std::string> kinds;
    std::vector<double> points;
    for (const ParticleEdit& e : edits) {
        kinds.emplace_back(particleEditKindName(e.kind));
        points.insert(points.end(), {e.x0Px, e.y0Px, e.x1Px, e.y1Px});
    }
    h5::writeDataset(g, "edit_kind", kinds);
    h5::writeMatrix(g, "edit_points_px", points, edits.size(), 4, "px");
}

std::vector<ParticleEdit> readEdits(hid_t g)
{
    const auto kinds = h5::readStrings(g, "edit_kind");
    std::size_t rows = 0, cols = 0;
    const auto points = h5::readMatrix(g, "edit_points_px", rows, cols);
    v1::require(rows == kinds.size() && (cols == 4 || rows == 0),
                "particles: edit_points_px must hold 4 values per edit");
    std::vector<ParticleEdit> edits;
    for (std::size_t i = 0; i < rows; ++i)
        edits.push_back({particleEditKindFromName(kinds[i]), points[4 * i], points[4 * i + 1],
                         points[4 * i + 2], points[4 * i + 3]});
    return edits;
}

} // namespace

void writeParticlesGroup(hid_t movieGroup, const ProjectMovie& movie)
{
    if (!movie.particles)
        return;
    const ProjectParticles& stored = *movie.particles;
    const ParticleResult& r = stored.result;
    const h5::Handle group = h5::createGroup(movieGroup, "particles");
    const hid_t g = group.id();
    v1::writeInt(g, "first_frame", stored.firstFrame);
    v1::writeInt(g, "last_frame", stored.lastFrame);
    h5::writeAttribute(g, "options", particleOptionsJson(r.options).dump());
    h5::writeOptionalAttribute(g, "nm_per_pixel", r.nmPerPixel);
    v1::writeInt(g, "width", r.width);
    v1::writeInt(g, "height", r.height);
    h5::writeAttribute(g, "polarity_used", particlePolarityName(r.polarityUsed));
    h5::writeAttribute(g, "threshold_sigma", r.thresholdValue);
    h5::writeDataset(g, "labels", stored.labels, "");
    writeParticleTable(g, r.particles);
    h5::writeDataset(g, "bin_edges", r.binEdges, r.nmPerPixel ? "nm" : "px");
    writeRegionRois(g, stored.regions);
    writeRegionStatistics(g, r.regions);
    if (r.comparison)
        writeComparison(g, *r.comparison);
    writeEdits(g, stored.edits);
    v1::writeProvenance(g, stored.provenance);
}

void readParticlesGroup(hid_t movieGroup, ProjectMovie& movie)
{
    if (!h5::exists(movieGroup, "particles"))
        return;
    const h5::Handle group = h5::openGroup(movieGroup, "particles");
    const hid_t g = group.id();
    ProjectParticles stored;
    ParticleResult& r = stored.result;
    stored.firstFrame = v1::readInt(g, "first_frame");
    stored.lastFrame = v1::readInt(g, "last_frame");
    r.options = particleOptionsFromJson(v1::parseJsonAttribute(g, "options"));
    r.nmPerPixel = h5::readOptionalDoubleAttribute(g, "nm_per_pixel");
    r.width = v1::readInt(g, "width");
    r.height = v1::readInt(g, "height");
    r.polarityUsed = particlePolarityFromName(h5::readStringAttribute(g, "polarity_used"));
    r.thresholdValue = h5::readDoubleAttribute(g, "threshold_sigma");
    stored.labels = h5::readInts(g, "labels");
    v1::require(r.width >= 0 && r.height >= 0 &&
                    stored.labels.size() == static_cast<std::size_t>(r.width) * r.height,
                "particles/labels must hold width × height values");
    r.particles = readParticleTable(g);
    r.binEdges = h5::readDoubles(g, "bin_edges");
    stored.regions = readRegionRois(g);
    r.regions = readRegionStatistics(g);
    if (h5::exists(g, "comparison"))
        r.comparison = readComparison(g);
    stored.edits = readEdits(g);
    stored.provenance = v1::readProvenance(g);
    movie.particles = std::move(stored);
}

} // namespace insitu::layout::v2
