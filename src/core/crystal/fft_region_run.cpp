// One FFT region analysis with the optional known-ring pixel size.

#include "insitu/crystal/fft_region_run.h"

#include "insitu/area/area_tracker.h"
#include "insitu/error.h"

#include <algorithm>
#include <cmath>
#include <string>

namespace insitu {

FftRegionRun runFftRegion(const cv::Mat& image, const FftRegion& region,
                          const Calibration& calibration, const FftRegionSettings& settings)
{
    FftRegionRun run;
    run.result = analyzeFft(image, region, calibration, settings.options);
    if (settings.calibrateDNm) {
        run.ring =
            calibrateOnRing(run.result.peaks, *settings.calibrateDNm, calibration.nmPerPixel);
        run.result.nmPerPixel = run.ring->nmPerPixel;
        calibratePeaks(run.result.peaks, run.ring->nmPerPixel, settings.options.dList,
                       settings.options.matchTolerance);
    }
    return run;
}

FftRegion fftRegionOfRoi(const Roi& roi)
{
    FftRegion region;
    if (roi.shape == RoiShape::Rectangle && roi.points.size() == 2) {
        const double x0 = std::min(roi.points[0].x, roi.points[1].x);
        const double x1 = std::max(roi.points[0].x, roi.points[1].x);
        const double y0 = std::min(roi.points[0].y, roi.points[1].y);
        const double y1 = std::max(roi.points[0].y, roi.points[1].y);
        region.kind = FftRegion::Kind::Rectangle;
        region.rectPx = {
            cv::Point(static_cast<int>(std::ceil(x0)), static_cast<int>(std::ceil(y0))),
            cv::Point(static_cast<int>(std::floor(x1)) + 1, static_cast<int>(std::floor(y1)) + 1)};
    } else if (roi.shape == RoiShape::Polygon || roi.shape == RoiShape::Ellipse) {
        region.kind = FftRegion::Kind::Polygon;
        region.polygonPx = roiOutlinePx(roi);
    } else {
        throw Error("fft: ROI " + std::to_string(roi.id) +
                    " is not a rectangle, polygon or ellipse");
    }
    return region;
}

} // namespace insitu
