// Layout v2: the movie's "fft" group — region analyses and the crystallinity map
// (docs/project-file.md, "### fft").

#include "layout_v2_fft.h"
#include "layout_v1_parts.h"

namespace insitu::layout::v2 {

using h5::Handle;

namespace {

/// Provenance attributes; files written before they existed read as empty strings.
void writeStamp(hid_t g, const std::string& createdUtc, const std::string& softwareVersion)
{
    h5::writeAttribute(g, "created_utc", createdUtc);
    h5::writeAttribute(g, "software_version", softwareVersion);
}

void readStamp(hid_t g, std::string& createdUtc, std::string& softwareVersion)
{
    createdUtc = h5::hasAttribute(g, "created_utc") ? h5::readStringAttribute(g, "created_utc")
                                                    : std::string();
    softwareVersion = h5::hasAttribute(g, "software_version")
                          ? h5::readStringAttribute(g, "software_version")
                          : std::string();
}

void writeRegion(hid_t parent, const std::string& name, const ProjectFftRegion& r)
{
    Handle group = h5::createGroup(parent, name);
    const hid_t g = group.id();
    v1::writeInt(g, "frame", r.frame);
    if (r.roiId)
        v1::writeInt(g, "roi_id", *r.roiId);
    h5::writeAttribute(g, "region_kind", r.regionKind);
    h5::writeAttribute(g, "options", r.optionsJson);
    writeStamp(g, r.createdUtc, r.softwareVersion);
    h5::writeDataset(g, "region_px", r.regionPx, "px");
    std::vector<double> k, kErr, fwhm, height, significance, matchD;
    std::vector<std::string> phase, hkl;
    std::vector<std::uint8_t> matched;
    for (const ProjectFftPeak& p : r.peaks) {
        k.push_back(p.kPerPx);
        kErr.push_back(p.kErrPerPx);
        fwhm.push_back(p.fwhmPerPx);
        height.push_back(p.height);
        significance.push_back(p.significance);
        matched.push_back(p.match ? 1 : 0);
        phase.push_back(p.match ? p.match->phase : std::string());
        hkl.push_back(p.match ? p.match->hkl : std::string());
        matchD.push_back(p.match ? p.match->dNm : 0.0);
    }
    Handle peaks = h5::createGroup(g, "peaks");
    h5::writeDataset(peaks.id(), "k_per_px", k, "1/px");
    h5::writeDataset(peaks.id(), "k_err_per_px", kErr, "1/px");
    h5::writeDataset(peaks.id(), "fwhm_per_px", fwhm, "1/px");
    h5::writeDataset(peaks.id(), "height", height, "");
    h5::writeDataset(peaks.id(), "significance", significance, "");
    h5::writeDataset(peaks.id(), "matched", matched, "");
    h5::writeDataset(peaks.id(), "match_phase", phase);
    h5::writeDataset(peaks.id(), "match_hkl", hkl);
    h5::writeDataset(peaks.id(), "match_d_nm", matchD, "nm");
    Handle profile = h5::createGroup(g, "profile");
    h5::writeDataset(profile.id(), "k_per_px", r.profileKPerPx, "1/px");
    h5::writeDataset(profile.id(), "power", r.profilePower, "");
}

ProjectFftRegion readRegion(hid_t g)
{
    ProjectFftRegion r;
    r.frame = v1::readInt(g, "frame");
    r.roiId = v1::readOptionalInt(g, "roi_id");
    r.regionKind = h5::readStringAttribute(g, "region_kind");
    r.optionsJson = h5::readStringAttribute(g, "options");
    readStamp(g, r.createdUtc, r.softwareVersion);
    r.regionPx = h5::readDoubles(g, "region_px");
    Handle peaks = h5::openGroup(g, "peaks");
    const auto k = h5::readDoubles(peaks.id(), "k_per_px");
    const auto kErr = h5::readDoubles(peaks.id(), "k_err_per_px");
    const auto fwhm = h5::readDoubles(peaks.id(), "fwhm_per_px");
    const auto height = h5::readDoubles(peaks.id(), "height");
    const auto significance = h5::readDoubles(peaks.id(), "significance");
    const auto matched = h5::readBytes(peaks.id(), "matched");
    const auto phase = h5::readStrings(peaks.id(), "match_phase");
    const auto hkl = h5::readStrings(peaks.id(), "match_hkl");
    const auto matchD = h5::readDoubles(peaks.id(), "match_d_nm");
    const std::size_t n = k.size();
    v1::require(kErr.size() == n && fwhm.size() == n && height.size() == n &&
                    significance.size() == n && matched.size() == n && phase.size() == n &&
                    hkl.size() == n && matchD.size() == n,
                "fft peaks: columns of different lengths");
    for (std::size_t i = 0; i < n; ++i) {
        ProjectFftPeak p{k[i], kErr[i], fwhm[i], height[i], significance[i], std::nullopt};
        if (matched[i] != 0)
            p.match = DSpacing{phase[i], hkl[i], matchD[i]};
        r.peaks.push_back(p);
    }
    Handle profile = h5::openGroup(g, "profile");
    r.profileKPerPx = h5::readDoubles(profile.id(), "k_per_px");
    r.profilePower = h5::readDoubles(profile.id(), "power");
    v1::require(r.profileKPerPx.size() == r.profilePower.size(),
                "fft profile: k and power of different lengths");
    return r;
}

void writeMap(hid_t parent, const ProjectCrystallinityMap& m)
{
    Handle group = h5::createGroup(parent, "map");
    const hid_t g = group.id();
    v1::writeInt(g, "frame", m.frame);
    v1::writeInt(g, "window_px", m.windowPx);
    v1::writeInt(g, "step_px", m.stepPx);
    v1::writeInt(g, "rows", m.rows);
    v1::writeInt(g, "cols", m.cols);
    h5::writeAttribute(g, "crystalline_fraction", m.crystallineFraction);
    h5::writeAttribute(g, "options", m.optionsJson);
    writeStamp(g, m.createdUtc, m.softwareVersion);
    h5::writeDataset(g, "mask", m.mask, "");
    std::vector<std::string> names;
    std::vector<double> kMin, kMax, threshold, fraction;
    for (const ProjectCrystalPhase& p : m.phases) {
        names.push_back(p.phase);
        kMin.push_back(p.kMinPerPx);
        kMax.push_back(p.kMaxPerPx);
        threshold.push_back(p.thresholdRatio);
        fraction.push_back(p.fraction);
    }
    Handle phases = h5::createGroup(g, "phases");
    h5::writeDataset(phases.id(), "phase", names);
    h5::writeDataset(phases.id(), "k_min_per_px", kMin, "1/px");
    h5::writeDataset(phases.id(), "k_max_per_px", kMax, "1/px");
    h5::writeDataset(phases.id(), "threshold_ratio", threshold, "");
    h5::writeDataset(phases.id(), "fraction", fraction, "");
}

ProjectCrystallinityMap readMap(hid_t g)
{
    ProjectCrystallinityMap m;
    m.frame = v1::readInt(g, "frame");
    m.windowPx = v1::readInt(g, "window_px");
    m.stepPx = v1::readInt(g, "step_px");
    m.rows = v1::readInt(g, "rows");
    m.cols = v1::readInt(g, "cols");
    m.crystallineFraction = h5::readDoubleAttribute(g, "crystalline_fraction");
    m.optionsJson = h5::readStringAttribute(g, "options");
    readStamp(g, m.createdUtc, m.softwareVersion);
    m.mask = h5::readBytes(g, "mask");
    v1::require(m.rows >= 0 && m.cols >= 0 &&
                    m.mask.size() ==
                        static_cast<std::size_t>(m.rows) * static_cast<std::size_t>(m.cols),
                "fft map: mask size differs from rows x cols");
    Handle phases = h5::openGroup(g, "phases");
    const auto names = h5::readStrings(phases.id(), "phase");
    const auto kMin = h5::readDoubles(phases.id(), "k_min_per_px");
    const auto kMax = h5::readDoubles(phases.id(), "k_max_per_px");
    const auto threshold = h5::readDoubles(phases.id(), "threshold_ratio");
    const auto fraction = h5::readDoubles(phases.id(), "fraction");
    const std::size_t n = names.size();
    v1::require(kMin.size() == n && kMax.size() == n && threshold.size() == n &&
                    fraction.size() == n,
                "fft map phases: columns of different lengths");
    for (std::size_t i = 0; i < n; ++i)
        m.phases.push_back({names[i], kMin[i], kMax[i], threshold[i], fraction[i]});
    return m;
}

} // namespace

void writeFftPart(hid_t movieGroup, const ProjectMovie& movie)
{
    if (movie.fft.empty())
        return;
    Handle group = h5::createGroup(movieGroup, "fft");
    Handle regions = h5::createGroup(group.id(), "regions");
    for (std::size_t i = 0; i < movie.fft.regions.size(); ++i)
        writeRegion(regions.id(), v1::childName(i), movie.fft.regions[i]);
    if (movie.fft.map)
        writeMap(group.id(), *movie.fft.map);
}

void readFftPart(hid_t movieGroup, ProjectMovie& movie)
{
    movie.fft = {};
    if (!h5::exists(movieGroup, "fft"))
        return;
    Handle group = h5::openGroup(movieGroup, "fft");
    if (h5::exists(group.id(), "regions")) {
        Handle regions = h5::openGroup(group.id(), "regions");
        v1::forEachIndexedChild(
            regions.id(), [&](hid_t child) { movie.fft.regions.push_back(readRegion(child)); });
    }
    if (h5::exists(group.id(), "map")) {
        Handle map = h5::openGroup(group.id(), "map");
        movie.fft.map = readMap(map.id());
    }
}

} // namespace insitu::layout::v2
