// Crystallinity map: per-window annulus power ratios (sliding FFT), a data-driven threshold,
// and masks at image resolution.

#include "insitu/crystal/crystallinity_map.h"

#include "crystallinity_windows.h"

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

/// Window-grid values resized to image resolution: value at window centre
/// (i·step + W/2 − 0.5) in both axes, bilinear between centres, constant beyond the outermost.
cv::Mat toImage(const cv::Mat& grid, const WindowGrid& g, cv::Size image)
{
    cv::Mat out(image, CV_32F);
    auto axis = [&](int n, int count) {
        std::vector<std::pair<int, float>> map(static_cast<std::size_t>(n));
        for (int x = 0; x < n; ++x) {
            double u = (x + 0.5 - g.windowPx / 2.0) / g.stepPx;
            u = std::clamp(u, 0.0, static_cast<double>(count - 1));
            const int i = std::min(static_cast<int>(u), std::max(0, count - 2));
            map[static_cast<std::size_t>(x)] = {i, static_cast<float>(u - i)};
        }
        return map;
    };
    const auto mx = axis(image.width, grid.cols);
    const auto my = axis(image.height, grid.rows);
    for (int y = 0; y < image.height; ++y) {
        const auto [iy, fy] = my[static_cast<std::size_t>(y)];
        const int iy1 = std::min(iy + 1, grid.rows - 1);
        const float* r0 = grid.ptr<float>(iy);
        const float* r1 = grid.ptr<float>(iy1);
        float* o = out.ptr<float>(y);
        for (int x = 0; x < image.width; ++x) {
            const auto [ix, fx] = mx[static_cast<std::size_t>(x)];
            const int ix1 = std::min(ix + 1, grid.cols - 1);
            const float top = r0[ix] + fx * (r0[ix1] - r0[ix]);
            const float bottom = r1[ix] + fx * (r1[ix1] - r1[ix]);
            o[x] = top + fy * (bottom - top);
        }
    }
    return out;
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
    const std::vector<cv::Mat> ratios = windowRatios(values, grid, annuli, progress);
    for (std::size_t a = 0; a < annuli.size(); ++a) {
        PhaseCrystallinity phase;
        phase.phase = annuli[a].phase;
        phase.kMinPerPx = annuli[a].kMinPerPx;
        phase.kMaxPerPx = annuli[a].kMaxPerPx;
        phase.minNm = calibration.nmPerPixel ? *calibration.nmPerPixel / annuli[a].kMaxPerPx
                                             : std::numeric_limits<double>::quiet_NaN();
        phase.maxNm = calibration.nmPerPixel ? *calibration.nmPerPixel / annuli[a].kMinPerPx
                                             : std::numeric_limits<double>::quiet_NaN();
        phase.thresholdRatio =
            options.thresholdRatio ? *options.thresholdRatio : mixtureThresholdRatio(ratios[a]);
        phase.ratio = toImage(ratios[a], grid, image.size());
        cv::compare(phase.ratio, phase.thresholdRatio, phase.mask, cv::CMP_GT);
        phase.fraction = cv::countNonZero(phase.mask) / static_cast<double>(image.total());
        cv::bitwise_or(map.mask, phase.mask, map.mask);
        cv::max(map.ratio, phase.ratio / phase.thresholdRatio, map.ratio);
        map.phases.push_back(std::move(phase));
    }
    map.crystallineFraction = cv::countNonZero(map.mask) / static_cast<double>(image.total());
    return map;
}

} // namespace insitu
