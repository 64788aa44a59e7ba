// Fringe low-pass, polarity and background flattening of a particle frame (methods-2.md §2, 1–2).

#include "insitu/particles/particle_segment.h"

#include "insitu/error.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <vector>

namespace insitu {

namespace {

/// Mode of a subsample (histogram peak below the median) and the noise σ from the values below it:
/// particles, made positive, only widen the upper side.
std::pair<double, double> modeAndLowerSigma(const cv::Mat& image)
{
    std::vector<float> values;
    const int step = std::max(1, static_cast<int>(std::sqrt(image.total() / 200000.0)));
    for (int y = 0; y < image.rows; y += step) {
        const float* row = image.ptr<float>(y);
        for (int x = 0; x < image.cols; x += step)
            values.push_back(row[x]);
    }
    std::sort(values.begin(), values.end());
    const double lo = values[values.size() / 100], hi = values[values.size() * 99 / 100];
    constexpr int bins = 256;
    std::vector<int> hist(bins, 0);
    const double width = std::max(hi - lo, 1e-9) / bins;
    for (float v : values)
        if (v >= lo && v < hi)
            ++hist[static_cast<std::size_t>(
                std::min(bins - 1, static_cast<int>((v - lo) / width)))];
    std::vector<double> smooth(bins, 0.0);
    for (int b = 0; b < bins; ++b)
        for (int d = -3; d <= 3; ++d)
            if (b + d >= 0 && b + d < bins)
                smooth[static_cast<std::size_t>(b)] += hist[static_cast<std::size_t>(b + d)];
    // the support is the lower side: search its peak below the median (particles may cover
    // more than half of the frame)
    const double median = values[values.size() / 2];
    const auto medianBin = std::clamp(static_cast<std::ptrdiff_t>((median - lo) / width) + 1,
                                      std::ptrdiff_t{1}, std::ptrdiff_t{bins});
    const auto peak = std::max_element(smooth.begin(), smooth.begin() + medianBin) - smooth.begin();
    const double mode = lo + (static_cast<double>(peak) + 0.5) * width;
    double sumSq = 0;
    std::size_t n = 0;
    for (float v : values)
        if (v < mode) {
            sumSq += (v - mode) * (v - mode);
            ++n;
        }
    return {mode, n > 0 ? std::sqrt(sumSq / static_cast<double>(n)) : 1.0};
}

/// A Gaussian blur of large σ, computed on a copy downsampled to σ ≈ 4 px.
cv::Mat wideBlur(const cv::Mat& image, double sigmaPx)
{
    const double factor = std::max(1.0, sigmaPx / 4);
    cv::Mat small, out;
    cv::resize(image, small,
               cv::Size(std::max(1, static_cast<int>(std::lround(image.cols / factor))),
                        std::max(1, static_cast<int>(std::lround(image.rows / factor)))),
               0, 0, cv::INTER_AREA);
    cv::GaussianBlur(small, small, cv::Size(), sigmaPx / factor, 0, cv::BORDER_REFLECT);
    cv::resize(small, out, image.size(), 0, 0, cv::INTER_LINEAR);
    return out;
}

/// Third central moment sign of a subsample: negative for a dark minority tail.
double skew(const cv::Mat& image)
{
    cv::Scalar mean, sd;
    cv::meanStdDev(image, mean, sd);
    if (!(sd[0] > 0))
        return 0;
    cv::Mat centred = (image - mean[0]) / sd[0];
    cv::Mat cube;
    cv::pow(centred, 3, cube);
    return cv::mean(cube)[0];
}

/// Background under bright particles: a Gaussian of σ ≈ 1.5 × the largest diameter (at most a
/// sixth of the frame) by normalised convolution over the pixels not above it by 2 noise σ,
/// iterated, on a downsampled copy (methods-2.md §2: "subtract a Gaussian blur").
cv::Mat backgroundUnderBright(const cv::Mat& image, double maxDiameterPx)
{
    const double sigmaPx =
        std::max(2.0, std::min(1.5 * maxDiameterPx, std::min(image.cols, image.rows) / 6.0));
    const double factor = std::max(1.0, sigmaPx / 4);
    const cv::Size small(std::max(1, static_cast<int>(std::lround(image.cols / factor))),
                         std::max(1, static_cast<int>(std::lround(image.rows / factor))));
    cv::Mat weight(image.size(), CV_32F, cv::Scalar(1)), background;
    for (int iteration = 0; iteration < 4; ++iteration) {
        cv::Mat num, den;
        cv::resize(image.mul(weight), num, small, 0, 0, cv::INTER_AREA);
        cv::resize(weight, den, small, 0, 0, cv::INTER_AREA);
        cv::GaussianBlur(num, num, cv::Size(), sigmaPx / factor, 0, cv::BORDER_REFLECT);
        cv::GaussianBlur(den, den, cv::Size(), sigmaPx / factor, 0, cv::BORDER_REFLECT);
        cv::resize(num / cv::max(den, 1e-6), background, image.size(), 0, 0, cv::INTER_LINEAR);
        const cv::Mat residual = image - background;
        const double sigma = modeAndLowerSigma(residual).second;
        cv::Mat keep = residual < 2 * sigma;
        keep.convertTo(weight, CV_32F, 1.0 / 255);
    }
    return background;
}

} // namespace

std::pair<double, double> diameterLimitsPx(const ParticleOptions& options,
                                           std::optional<double> nmPerPixel)
{
    double minPx = options.minDiameterPx;
    double maxPx = options.maxDiameterPx;
    if (nmPerPixel) {
        minPx = std::max(minPx, options.minDiameterNm / *nmPerPixel);
        maxPx = options.maxDiameterNm / *nmPerPixel;
    }
    if (!(maxPx > minPx))
        throw Error("particles: the largest diameter must exceed the smallest (" +
                    std::to_string(minPx) + " px)");
    return {minPx, maxPx};
}

FlattenedFrame flattenFrame(const cv::Mat& frame, std::optional<double> nmPerPixel,
                            const ParticleOptions& options)
{
    if (frame.empty() || frame.channels() != 1)
        throw Error("particles: the frame is empty or not single-channel");
    const auto [minPx, maxPx] = diameterLimitsPx(options, nmPerPixel);
    cv::Mat raw;
    frame.convertTo(raw, CV_32F);
    // shot noise and support texture: at least a fifth of the smallest particle's diameter
    double sigmaPx = std::max(options.noiseSigmaPx, minPx / 5);
    if (nmPerPixel)
        sigmaPx = std::max(sigmaPx, options.fringeSigmaNm / *nmPerPixel);
    sigmaPx = std::min(sigmaPx, std::max(0.5, minPx / 4)); // never blur away the smallest
    cv::Mat smooth;
    cv::GaussianBlur(raw, smooth, cv::Size(), sigmaPx, 0, cv::BORDER_REFLECT);

    FlattenedFrame out;
    out.polarity = options.polarity;
    if (out.polarity == ParticlePolarity::Auto) {
        const cv::Mat coarse =
            wideBlur(smooth, std::min(2 * maxPx, std::min(raw.cols, raw.rows) / 4.0));
        out.polarity =
            skew(smooth - coarse) < 0 ? ParticlePolarity::Dark : ParticlePolarity::Bright;
    }
    cv::Mat bright = out.polarity == ParticlePolarity::Dark ? cv::Mat(-smooth) : smooth;
    out.signal = bright - backgroundUnderBright(bright, maxPx);
    const auto [mode, sigma] = modeAndLowerSigma(out.signal);
    out.signal -= mode;
    out.noiseSigma = std::max(sigma, 1e-6);
    return out;
}

} // namespace insitu
