// The optional per-movie group "grains" of format_version 2 (docs/project-file.md, "### grains").

#include "layout_v1_parts.h"
#include "layout_v2_analyses.h"

namespace insitu::layout::v2 {

namespace {

void writeFraction(hid_t g, const std::string& name, const AreaFraction& f)
{
    h5::writeAttribute(g, name, f.value);
    h5::writeAttribute(g, name + "_low", f.low);
    h5::writeAttribute(g, name + "_high", f.high);
}

AreaFraction readFraction(hid_t g, const std::string& name)
{
    return {h5::readDoubleAttribute(g, name), h5::readDoubleAttribute(g, name + "_low"),
            h5::readDoubleAttribute(g, name + "_high")};
}

} // namespace

void writeGrainsGroup(hid_t movieGroup, const ProjectMovie& movie)
{
    if (!movie.grains)
        return;
    const ProjectGrains& r = *movie.grains;
    const h5::Handle group = h5::createGroup(movieGroup, "grains");
    const hid_t g = group.id();
    v1::writeInt(g, "frame", r.frame);
    h5::writeDataset(g, "roi_px", std::vector<std::int32_t>(r.roiPx.begin(), r.roiPx.end()), "px");
    h5::writeAttribute(g, "source", r.source);
    h5::writeOptionalAttribute(g, "nm_per_pixel", r.nmPerPixel);
    v1::writeInt(g, "label_rows", r.labelRows);
    v1::writeInt(g, "label_cols", r.labelCols);
    h5::writeDataset(g, "labels", r.labels, "");
    h5::writeDataset(g, "class_map", r.classMap, "");
    std::vector<std::int32_t> id;
    std::vector<double> area, ecd, aspect, x, y;
    std::vector<std::uint8_t> border;
    for (const Grain& grain : r.grains) {
        id.push_back(grain.id);
        area.push_back(grain.areaPx);
        ecd.push_back(grain.ecdPx);
        aspect.push_back(grain.aspectRatio);
        x.push_back(grain.xPx);
        y.push_back(grain.yPx);
        border.push_back(grain.border ? 1 : 0);
    }
    h5::writeDataset(g, "grain_id", id, "");
    h5::writeDataset(g, "area_px", area, "px^2");
    h5::writeDataset(g, "ecd_px", ecd, "px");
    h5::writeDataset(g, "aspect_ratio", aspect, "");
    h5::writeDataset(g, "x_px", x, "px");
    h5::writeDataset(g, "y_px", y, "px");
    h5::writeDataset(g, "border", border, "");
    writeFraction(g, "crystalline", r.crystalline);
    writeFraction(g, "amorphous", r.amorphous);
    writeFraction(g, "pore", r.pore);
    h5::writeAttribute(g, "ecd_median_px", r.ecdMedianPx);
    h5::writeAttribute(g, "ecd_mean_px", r.ecdMeanPx);
    h5::writeAttribute(g, "ecd_mode_px", r.ecdModePx);
    h5::writeOptionalAttribute(g, "mean_intercept_px", r.meanInterceptPx);
    h5::writeOptionalAttribute(g, "line_grid_mean_intercept_px", r.lineGridMeanInterceptPx);
    h5::writeAttribute(g, "parameters", r.parametersJson);
    h5::writeAttribute(g, "created_utc", r.createdUtc);
    h5::writeAttribute(g, "software_version", r.softwareVersion);
}

void readGrainsGroup(hid_t movieGroup, ProjectMovie& movie)
{
    if (!h5::exists(movieGroup, "grains"))
        return;
    const h5::Handle group = h5::openGroup(movieGroup, "grains");
    const hid_t g = group.id();
    ProjectGrains r;
    r.frame = v1::readInt(g, "frame");
    const auto roi = h5::readInts(g, "roi_px");
    v1::require(roi.size() == 4, "grains/roi_px must hold 4 values");
    std::copy(roi.begin(), roi.end(), r.roiPx.begin());
    r.source = h5::readStringAttribute(g, "source");
    r.nmPerPixel = h5::readOptionalDoubleAttribute(g, "nm_per_pixel");
    r.labelRows = v1::readInt(g, "label_rows");
    r.labelCols = v1::readInt(g, "label_cols");
    r.labels = h5::readInts(g, "labels");
    r.classMap = h5::readBytes(g, "class_map");
    v1::require(r.labels.size() == static_cast<std::size_t>(r.labelRows) * r.labelCols,
                "grains/labels must hold label_rows × label_cols values");
    const auto id = h5::readInts(g, "grain_id");
    const auto area = h5::readDoubles(g, "area_px");
    const auto ecd = h5::readDoubles(g, "ecd_px");
    const auto aspect = h5::readDoubles(g, "aspect_ratio");
    const auto x = h5::readDoubles(g, "x_px");
    const auto y = h5::readDoubles(g, "y_px");
    const auto border = h5::readBytes(g, "border");
    const std::size_t n = id.size();
    v1::require(area.size() == n && ecd.size() == n && aspect.size() == n && x.size() == n &&
                    y.size() == n && border.size() == n,
                "grains: the per-grain datasets must have one value per grain");
    for (std::size_t i = 0; i < n; ++i) {
        Grain grain;
        grain.id = id[i];
        grain.areaPx = area[i];
        grain.ecdPx = ecd[i];
        grain.aspectRatio = aspect[i];
        grain.xPx = x[i];
        grain.yPx = y[i];
        grain.border = border[i] != 0;
        if (r.nmPerPixel) {
            grain.areaNm2 = grain.areaPx * *r.nmPerPixel * *r.nmPerPixel;
            grain.ecdNm = grain.ecdPx * *r.nmPerPixel;
        }
        r.grains.push_back(grain);
    }
    r.crystalline = readFraction(g, "crystalline");
    r.amorphous = readFraction(g, "amorphous");
    r.pore = readFraction(g, "pore");
    r.ecdMedianPx = h5::readDoubleAttribute(g, "ecd_median_px");
    r.ecdMeanPx = h5::readDoubleAttribute(g, "ecd_mean_px");
    r.ecdModePx = h5::readDoubleAttribute(g, "ecd_mode_px");
    r.meanInterceptPx = h5::readOptionalDoubleAttribute(g, "mean_intercept_px");
    r.lineGridMeanInterceptPx = h5::readOptionalDoubleAttribute(g, "line_grid_mean_intercept_px");
    r.parametersJson = h5::readStringAttribute(g, "parameters");
    r.createdUtc = h5::readStringAttribute(g, "created_utc");
    r.softwareVersion = h5::readStringAttribute(g, "software_version");
    movie.grains = std::move(r);
}

} // namespace insitu::layout::v2
