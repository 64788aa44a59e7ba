// Crystallinity map: per-window annulus power ratios (sliding FFT), a data-driven threshold,
// and masks at image resolution.

#include "insitu/crystal/crystallinity_map.h"

#include "crystallinity_windows.h"
#include "fringe_energy.h"

#include "insitu/error.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <limits>

namespace insitu {

namespace {

int sizePx(std::optional<double> nm, int px, const Calibration& calibration, const char* what)
{
    if (!nm)
        return px;
    if (!calibration.nmPerPixel)
        throw Error(std::string("crystallinity map: ") + what +
                    " in nm needs the pixel size (unknown for this movie; set it with "
                    "--pixel-size-nm)");
    if (!(*nm > 0))
        throw Error(std::string("crystallinity map: ") + what + " must be positive");
    return std::max(1, static_cast<int>(std::lround(*nm / *calibration.nmPerPixel)));
}

} // namespace

CrystallinityMap crystallinityMap(const cv::Mat& image, const Calibration& calibration,
                                  const CrystallinityOptions& options, Progress& progress)
{
    if (image.empty() || image.channels() != 1)
        throw Error("crystallinity map: the image is empty or not single-channel");
    WindowGrid grid;
    grid.windowPx = sizePx(options.windowNm, options.windowPx, calibration, "the window");
    grid.stepPx = sizePx(options.stepNm, options.stepPx, calibration, "the step");
    if (grid.windowPx < 16)
        throw Error("crystallinity map: the window must be at least 16 px (it is " +
                    std::to_string(grid.windowPx) + " px)");
    if (image.cols < grid.windowPx || image.rows < grid.windowPx)
        throw Error("crystallinity map: the image (" + std::to_string(image.cols) + " x " +
                    std::to_string(image.rows) + " px) is smaller than one window (" +
                    std::to_string(grid.windowPx) + " px)");
    grid.cols = (image.cols - grid.windowPx) / grid.stepPx + 1;
    grid.rows = (image.rows - grid.windowPx) / grid.stepPx + 1;

    cv::Mat values;
    image.convertTo(values, CV_32F);
    std::vector<Annulus> annuli = options.dRanges.empty()
                                      ? detectedAnnuli(values, grid, options)
                                      : annuliFromRanges(options.dRanges, calibration, grid);
    CrystallinityMap map;
    map.windowPx = grid.windowPx;
    map.stepPx = grid.stepPx;
    map.mask = cv::Mat::zeros(image.size(), CV_8U);
    map.ratio = cv::Mat::zeros(image.size(), CV_32F);
    if (annuli.empty())
        return map; // nothing lattice-like: no crystalline pixel
    std::vector<FrequencyBand> bands;
    for (const Annulus& a : annuli)
        bands.push_back({a.kMinPerPx, a.kMaxPerPx});
    progress.start(1, "Crystallinity map");
    const double sigmaPx = std::max(1.0, options.energySigmaWindows * grid.windowPx);
    std::vector<cv::Mat> ratios = fringeEnergyRatios(values, bands, sigmaPx);
    progress.advance(1);
    const int stride = std::max(1, static_cast<int>(std::sqrt(static_cast<double>(image.total()) / 250000.0)));
    for (std::size_t a = 0; a < annuli.size(); ++a) {
        PhaseCrystallinity phase;
        phase.phase = annuli[a].phase;
        phase.kMinPerPx = annuli[a].kMinPerPx;
        phase.kMaxPerPx = annuli[a].kMaxPerPx;
        phase.minNm = calibration.nmPerPixel ? *calibration.nmPerPixel / annuli[a].kMaxPerPx
                                             : std::numeric_limits<double>::quiet_NaN();
        phase.maxNm = calibration.nmPerPixel ? *calibration.nmPerPixel / annuli[a].kMinPerPx
                                             : std::numeric_limits<double>::quiet_NaN();
        phase.ratio = std::move(ratios[a]);
        phase.thresholdRatio = options.thresholdRatio
                                   ? *options.thresholdRatio
                                   : pixelThresholdRatio(splitRatios(phase.ratio, stride));
        cv::compare(phase.ratio, phase.thresholdRatio, phase.mask, cv::CMP_GT);
        phase.fraction = cv::countNonZero(phase.mask) / static_cast<double>(image.total());
        cv::bitwise_or(map.mask, phase.mask, map.mask);
        cv::max(map.ratio, phase.ratio / std::max(phase.thresholdRatio, 1e-6), map.ratio);
        map.phases.push_back(std::move(phase));
    }
    map.crystallineFraction = cv::countNonZero(map.mask) / static_cast<double>(image.total());
    return map;
}

} // namespace insitu
