// Fringe low-pass, polarity and background flattening of a particle frame (methods-2.md §2, 1–2).

#include "insitu/particles/particle_segment.h"

#include "block_grid.h"
#include "row_bands.h"

#include "insitu/error.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <vector>

namespace insitu {

namespace {

/// Every step-th pixel of every step-th row of f(x, y), with step chosen for ≈ 200 000 values
/// (the rows in parallel, each into its own slots).
template <class F> std::vector<float> subsample(const cv::Size& size, F&& f)
{
    const int step =
        std::max(1, static_cast<int>(std::sqrt(static_cast<double>(size.area()) / 200000.0)));
    const int rows = (size.height + step - 1) / step, cols = (size.width + step - 1) / step;
    std::vector<float> values(static_cast<std::size_t>(rows) * static_cast<std::size_t>(cols));
    particles::forRowBands(rows, [&](int j0, int j1) {
        for (int j = j0; j < j1; ++j) {
            float* out = values.data() + static_cast<std::size_t>(j) * cols;
            for (int i = 0; i < cols; ++i)
                out[i] = f(i * step, j * step);
        }
    });
    return values;
}

/// Mode of a subsample (histogram peak below the median) and the noise σ from the values below it:
/// particles, made positive, only widen the upper side.
std::pair<double, double> modeAndLowerSigma(std::vector<float> values)
{
    auto quantile = [&values](std::size_t index) {
        std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(index),
                         values.end());
        return static_cast<double>(values[index]);
    };
    const double lo = quantile(values.size() / 100), hi = quantile(values.size() * 99 / 100);
    const double median = quantile(values.size() / 2);
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

/// A smooth image on a block grid: grid(y, x) read back bilinearly.
struct SmoothField
{
    particles::BlockGrid blocks;
    cv::Mat grid;
    [[nodiscard]] float at(int x, int y) const { return blocks.at(grid, x, y); }
};

/// The subsampled values of image − field.
std::vector<float> subsampleDifference(const cv::Mat& image, const SmoothField& field)
{
    return subsample(image.size(),
                     [&](int x, int y) { return image.at<float>(y, x) - field.at(x, y); });
}

/// Normalised convolution on the block grid: Gaussian σ (px) of num over den.
cv::Mat normalisedBlur(cv::Mat num, cv::Mat den, double sigmaGrid)
{
    cv::GaussianBlur(num, num, cv::Size(), sigmaGrid, 0, cv::BORDER_REFLECT);
    cv::GaussianBlur(den, den, cv::Size(), sigmaGrid, 0, cv::BORDER_REFLECT);
    return num / cv::max(den, 1e-6);
}

/// Block size for a Gaussian of σ px computed on the grid at σ ≈ 4 blocks.
int blockFactor(double sigmaPx)
{
    return std::max(1, static_cast<int>(std::lround(sigmaPx / 4)));
}

/// A Gaussian blur of large σ on the block grid.
SmoothField wideBlur(const cv::Mat& image, double sigmaPx)
{
    SmoothField field{particles::BlockGrid(image.size(), blockFactor(sigmaPx)), {}};
    cv::Mat num, den;
    field.blocks.sums(image, nullptr, num, den, [](float, float) { return true; });
    field.grid = normalisedBlur(num, den, sigmaPx / field.blocks.factor());
    return field;
}

/// Third standardised moment of image − field over a subsample: negative for a dark minority tail.
double skewOfDifference(const cv::Mat& image, const SmoothField& field)
{
    const std::vector<float> values = subsampleDifference(image, field);
    double mean = 0;
    for (float v : values)
        mean += v;
    mean /= static_cast<double>(values.size());
    double m2 = 0, m3 = 0;
    for (float v : values) {
        const double d = v - mean;
        m2 += d * d;
        m3 += d * d * d;
    }
    m2 /= static_cast<double>(values.size());
    m3 /= static_cast<double>(values.size());
    return m2 > 0 ? m3 / std::pow(m2, 1.5) : 0;
}

/// Background under bright particles: a Gaussian of σ ≈ 1.5 × the largest diameter (at most a
/// sixth of the frame) by normalised convolution over the pixels not above it by 2 noise σ,
/// iterated, on a block grid (methods-2.md §2: "subtract a Gaussian blur"). Each iteration is
/// one fused full-resolution pass (read-back, residual test, block sums).
SmoothField backgroundUnderBright(const cv::Mat& image, double maxDiameterPx)
{
    const double sigmaPx =
        std::max(2.0, std::min(1.5 * maxDiameterPx, std::min(image.cols, image.rows) / 6.0));
    SmoothField background = wideBlur(image, sigmaPx);
    const double sigmaGrid = sigmaPx / background.blocks.factor();
    for (int iteration = 1; iteration < 4; ++iteration) {
        const auto limit = static_cast<float>(
            2 * modeAndLowerSigma(subsampleDifference(image, background)).second);
        cv::Mat num, den;
        background.blocks.sums(image, &background.grid, num, den,
                               [limit](float value, float back) { return value - back < limit; });
        background.grid = normalisedBlur(num, den, sigmaGrid);
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
    cv::Mat raw = frame;
    if (frame.depth() != CV_32F)
        frame.convertTo(raw, CV_32F);
    // shot noise and support texture: at least a fifth of the smallest particle's diameter
    double sigmaPx = std::max(options.noiseSigmaPx, minPx / 5);
    if (nmPerPixel)
        sigmaPx = std::max(sigmaPx, options.fringeSigmaNm / *nmPerPixel);
    sigmaPx = std::min(sigmaPx, std::max(0.5, minPx / 4)); // never blur away the smallest
    // in row bands: a band's filter reads the rows beyond it as the whole frame's would
    cv::Mat bright(raw.size(), CV_32F);
    particles::forRowBands(raw.rows, [&](int y0, int y1) {
        cv::GaussianBlur(raw.rowRange(y0, y1), bright.rowRange(y0, y1), cv::Size(), sigmaPx, 0,
                         cv::BORDER_REFLECT);
    });

    FlattenedFrame out;
    out.polarity = options.polarity;
    if (out.polarity == ParticlePolarity::Auto) {
        const SmoothField coarse =
            wideBlur(bright, std::min(2 * maxPx, std::min(raw.cols, raw.rows) / 4.0));
        out.polarity = skewOfDifference(bright, coarse) < 0 ? ParticlePolarity::Dark
                                                            : ParticlePolarity::Bright;
    }
    if (out.polarity == ParticlePolarity::Dark)
        particles::forRowBands(bright.rows, [&](int y0, int y1) {
            bright.rowRange(y0, y1) *= -1; // in place: particles positive
        });
    const SmoothField background = backgroundUnderBright(bright, maxPx);
    const auto [mode, sigma] = modeAndLowerSigma(subsampleDifference(bright, background));
    out.signal = bright; // flattened in place: no second frame-sized buffer
    const auto modeF = static_cast<float>(mode);
    background.blocks.forEachRow(background.grid, [&](int y, const float* back) {
        float* o = out.signal.ptr<float>(y);
        for (int x = 0; x < bright.cols; ++x)
            o[x] = (o[x] - back[x]) - modeF;
    });
    out.noiseSigma = std::max(sigma, 1e-6);
    return out;
}

} // namespace insitu
