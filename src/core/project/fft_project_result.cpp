// A stored FFT region as an FftResult and its region.

#include "insitu/project/fft_project_result.h"

#include "insitu/error.h"

#include <limits>

namespace insitu {

FftResult storedFftResult(const ProjectFftRegion& stored, std::optional<double> nmPerPixel)
{
    FftResult result;
    result.nmPerPixel = nmPerPixel;
    RadialProfile& p = result.profile;
    const std::size_t n = std::min(stored.profileKPerPx.size(), stored.profilePower.size());
    p.kPerPx.assign(stored.profileKPerPx.begin(), stored.profileKPerPx.begin() + n);
    p.power.assign(stored.profilePower.begin(), stored.profilePower.begin() + n);
    p.count.assign(n, 1);
    p.background.assign(n, std::numeric_limits<double>::quiet_NaN());
    if (n > 1)
        p.binPerPx = p.kPerPx[1] - p.kPerPx[0];
    for (const ProjectFftPeak& s : stored.peaks) {
        FftPeakResult peak;
        peak.peak.kPerPx = s.kPerPx;
        peak.peak.kErrPerPx = s.kErrPerPx;
        peak.peak.fwhmPerPx = s.fwhmPerPx;
        peak.peak.height = s.height;
        peak.peak.significance = s.significance;
        result.peaks.push_back(peak);
    }
    calibratePeaks(result.peaks, nmPerPixel, {}, 0);
    for (std::size_t i = 0; i < result.peaks.size(); ++i)
        result.peaks[i].match = stored.peaks[i].match;
    return result;
}

FftRegion storedFftRegion(const ProjectFftRegion& stored)
{
    FftRegion region;
    const auto& v = stored.regionPx;
    if (stored.regionKind == "rectangle" && v.size() == 4) {
        region.kind = FftRegion::Kind::Rectangle;
        region.rectPx = cv::Rect(static_cast<int>(v[0]), static_cast<int>(v[1]),
                                 static_cast<int>(v[2]), static_cast<int>(v[3]));
    } else if (stored.regionKind == "polygon" && v.size() >= 6 && v.size() % 2 == 0) {
        region.kind = FftRegion::Kind::Polygon;
        for (std::size_t i = 0; i + 1 < v.size(); i += 2)
            region.polygonPx.push_back({v[i], v[i + 1]});
    } else if (stored.regionKind != "whole-frame") {
        throw Error("fft: the stored region \"" + stored.regionKind + "\" is not usable");
    }
    return region;
}

} // namespace insitu
