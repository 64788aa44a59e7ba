// Local lattice-fringe power over the shot-noise floor: the stand-in crystallinity measure of the
// phase classes (swap for an FFT crystallinity map behind fringePowerMap).

#include "insitu/crystal/phase_fractions.h"

#include "insitu/error.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>

namespace insitu {

cv::Mat fringePowerMap(const cv::Mat& image, double windowPx, double highPassSigmaPx)
{
    if (image.empty() || image.channels() != 1)
        throw Error("phases: the image must be a non-empty single-channel image");
    cv::Mat f;
    image.convertTo(f, CV_32F);
    cv::Mat low;
    cv::GaussianBlur(f, low, cv::Size(), highPassSigmaPx);
    const cv::Mat high = f - low;
    // Oriented power: the structure tensor of the high-passed image over the window. Fringes are
    // one orientation (λ1 ≫ λ2); shot noise and amorphous speckle are isotropic (λ1 ≈ λ2), so
    // λ1 − λ2 keeps the fringes and drops the noise floor.
    cv::Mat gx, gy;
    cv::Scharr(high, gx, CV_32F, 1, 0);
    cv::Scharr(high, gy, CV_32F, 0, 1);
    cv::Mat jxx = gx.mul(gx), jyy = gy.mul(gy), jxy = gx.mul(gy);
    // A half window (≥ 2 px) for the tensor; the median over the large window below ignores the
    // thin lines where blob edges (pores, amorphous patches) are oriented too.
    const double tensorSigmaPx = std::max(2.0, 0.5 * windowPx);
    for (cv::Mat* j : {&jxx, &jyy, &jxy})
        cv::GaussianBlur(*j, *j, cv::Size(), tensorSigmaPx);
    cv::Mat diff = jxx - jyy;
    cv::Mat anisotropic;
    cv::sqrt(diff.mul(diff) + 4 * jxy.mul(jxy), anisotropic);
    cv::Mat meanIntensity;
    cv::GaussianBlur(f, meanIntensity, cv::Size(), tensorSigmaPx);
    // Relative to the local intensity, so the measure does not follow the brightness.
    cv::max(meanIntensity, 1e-6, meanIntensity);
    cv::Mat ratio = anisotropic / meanIntensity;
    cv::max(ratio, 1e-12, ratio);
    cv::Mat logRatio;
    cv::log(ratio, logRatio);
    logRatio *= 1.0 / 2.302585092994046;
    // Median over the window (on 8 bits spanning the 0.1..99.9 % range: OpenCV's large-kernel
    // median is 8-bit only).
    double lo = 0, hi = 0;
    cv::minMaxLoc(logRatio, &lo, &hi);
    if (!(hi > lo))
        return logRatio;
    cv::Mat u8;
    logRatio.convertTo(u8, CV_8U, 255.0 / (hi - lo), -lo * 255.0 / (hi - lo));
    const int k = 2 * static_cast<int>(std::lround(windowPx)) + 1;
    cv::medianBlur(u8, u8, std::max(3, k));
    cv::Mat out;
    u8.convertTo(out, CV_32F, (hi - lo) / 255.0, lo);
    return out;
}

} // namespace insitu
