// Conversions of FFT results into their project-file form.

#include "insitu/project/fft_project.h"

#include "insitu/project/project.h"

#include <algorithm>

namespace insitu {

ProjectFftRegion projectFftRegion(const FftResult& result, const FftRegion& region, int frame,
                                  std::optional<int> roiId, std::string optionsJson)
{
    ProjectFftRegion out;
    out.frame = frame;
    out.roiId = roiId;
    out.optionsJson = std::move(optionsJson);
    const Provenance stamp = makeProvenance(out.optionsJson, {});
    out.createdUtc = stamp.createdUtc;
    out.softwareVersion = stamp.programVersion;
    switch (region.kind) {
    case FftRegion::Kind::WholeFrame:
        out.regionKind = "whole-frame";
        break;
    case FftRegion::Kind::Rectangle:
        out.regionKind = "rectangle";
        break;
    case FftRegion::Kind::Polygon:
        out.regionKind = "polygon";
        break;
    }
    if (region.kind == FftRegion::Kind::Polygon)
        for (const PointPx& p : region.polygonPx) {
            out.regionPx.push_back(p.x);
            out.regionPx.push_back(p.y);
        }
    else {
        const cv::Rect& b = result.spectrum.boxPx;
        out.regionPx = {static_cast<double>(b.x), static_cast<double>(b.y),
                        static_cast<double>(b.width), static_cast<double>(b.height)};
    }
    for (const FftPeakResult& p : result.peaks)
        out.peaks.push_back({p.peak.kPerPx, p.peak.kErrPerPx, p.peak.fwhmPerPx, p.peak.height,
                             p.peak.significance, p.match});
    const RadialProfile& profile = result.profile;
    for (std::size_t i = static_cast<std::size_t>(profile.firstBin); i < profile.kPerPx.size(); ++i)
        if (profile.count[i] > 0) {
            out.profileKPerPx.push_back(profile.kPerPx[i]);
            out.profilePower.push_back(profile.power[i]);
        }
    return out;
}

ProjectCrystallinityMap projectCrystallinityMap(const CrystallinityMap& map, int frame,
                                                std::string optionsJson)
{
    ProjectCrystallinityMap out;
    out.frame = frame;
    out.windowPx = map.windowPx;
    out.stepPx = map.stepPx;
    out.crystallineFraction = map.crystallineFraction;
    out.rows = map.mask.rows;
    out.cols = map.mask.cols;
    out.optionsJson = std::move(optionsJson);
    const Provenance stamp = makeProvenance(out.optionsJson, {});
    out.createdUtc = stamp.createdUtc;
    out.softwareVersion = stamp.programVersion;
    out.mask.reserve(map.mask.total());
    for (int r = 0; r < map.mask.rows; ++r)
        out.mask.insert(out.mask.end(), map.mask.ptr<std::uint8_t>(r),
                        map.mask.ptr<std::uint8_t>(r) + map.mask.cols);
    for (const PhaseCrystallinity& p : map.phases)
        out.phases.push_back({p.phase, p.kMinPerPx, p.kMaxPerPx, p.thresholdRatio, p.fraction});
    return out;
}

void ProjectFft::putRegion(ProjectFftRegion region)
{
    for (ProjectFftRegion& stored : regions)
        if (stored.frame == region.frame && stored.regionKind == region.regionKind &&
            stored.regionPx == region.regionPx) {
            stored = std::move(region);
            return;
        }
    regions.push_back(std::move(region));
}

} // namespace insitu
