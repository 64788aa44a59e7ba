#include "insitu/registration/upsampled_dft.h"

#include "insitu/error.h"

#include <cmath>
#include <complex>
#include <numbers>
#include <vector>

namespace insitu {

namespace {

using Complex = std::complex<double>;

/// Signed FFT frequency index of bin k in a transform of length n (0, 1, …, -1).
int signedFrequency(int k, int n)
{
    return k <= (n - 1) / 2 ? k : k - n;
}

/// kernel(j, k) = exp(+2πi · f_k · (origin + j / usf)), f_k = signedFrequency(k, n) / n.
std::vector<Complex> dftKernel(int n, double origin, int usf, int outCount)
{
    std::vector<Complex> kernel(static_cast<std::size_t>(outCount) * static_cast<std::size_t>(n));
    for (int j = 0; j < outCount; ++j) {
        const double position = origin + static_cast<double>(j) / usf;
        for (int k = 0; k < n; ++k) {
            const double phase = 2.0 * std::numbers::pi * signedFrequency(k, n) * position / n;
            kernel[static_cast<std::size_t>(j) * static_cast<std::size_t>(n) +
                   static_cast<std::size_t>(k)] = std::polar(1.0, phase);
        }
    }
    return kernel;
}

/// Index of the maximum real part, and its value.
std::pair<cv::Point, double> maxReal(const cv::Mat& grid)
{
    cv::Point best(0, 0);
    double bestValue = -HUGE_VAL;
    for (int i = 0; i < grid.rows; ++i)
        for (int j = 0; j < grid.cols; ++j) {
            const double v = grid.at<cv::Vec2d>(i, j)[0];
            if (v > bestValue) {
                bestValue = v;
                best = {j, i};
            }
        }
    return {best, bestValue};
}

/// Offset of a parabola's vertex through (−1, a), (0, b), (1, c), clamped to ±0.5.
double parabolaVertex(double a, double b, double c)
{
    const double denominator = a - 2.0 * b + c;
    if (!(denominator < 0.0))
        return 0.0;
    const double offset = 0.5 * (a - c) / denominator;
    return std::clamp(offset, -0.5, 0.5);
}

} // namespace

cv::Mat upsampledDft(const cv::Mat& spectrum, double y0Px, double x0Px, int upsampleFactor,
                     int outRows, int outCols)
{
    if (spectrum.channels() != 2 || (spectrum.depth() != CV_32F && spectrum.depth() != CV_64F))
        throw Error("upsampled DFT: spectrum must be CV_32FC2 or CV_64FC2");
    if (upsampleFactor < 1 || outRows < 1 || outCols < 1)
        throw Error("upsampled DFT: bad upsampling factor or output size");
    cv::Mat input;
    spectrum.convertTo(input, CV_64FC2);
    const int rows = input.rows;
    const int cols = input.cols;

    // Columns first: partial(k, j) = Σ_l X(k, l) · colKernel(j, l); then rows.
    const auto colKernel = dftKernel(cols, x0Px, upsampleFactor, outCols);
    const auto rowKernel = dftKernel(rows, y0Px, upsampleFactor, outRows);
    std::vector<Complex> partial(static_cast<std::size_t>(rows) *
                                 static_cast<std::size_t>(outCols));
    for (int k = 0; k < rows; ++k) {
        const auto* x = input.ptr<Complex>(k);
        for (int j = 0; j < outCols; ++j) {
            const Complex* kernel =
                &colKernel[static_cast<std::size_t>(j) * static_cast<std::size_t>(cols)];
            Complex sum = 0;
            for (int l = 0; l < cols; ++l)
                sum += x[l] * kernel[l];
            partial[static_cast<std::size_t>(k) * static_cast<std::size_t>(outCols) +
                    static_cast<std::size_t>(j)] = sum;
        }
    }
    cv::Mat out(outRows, outCols, CV_64FC2);
    for (int i = 0; i < outRows; ++i) {
        const Complex* kernel =
            &rowKernel[static_cast<std::size_t>(i) * static_cast<std::size_t>(rows)];
        auto* o = out.ptr<Complex>(i);
        for (int j = 0; j < outCols; ++j) {
            Complex sum = 0;
            for (int k = 0; k < rows; ++k)
                sum += kernel[k] *
                       partial[static_cast<std::size_t>(k) * static_cast<std::size_t>(outCols) +
                               static_cast<std::size_t>(j)];
            o[j] = sum;
        }
    }
    return out;
}

RefinedPeak refinePeakUpsampled(const cv::Mat& spectrum, int peakY, int peakX,
                                int finalUpsampleFactor)
{
    if (finalUpsampleFactor < 10)
        throw Error("upsampled DFT: the final upsampling factor must be at least 10");
    const double norm = 1.0 / (static_cast<double>(spectrum.rows) * spectrum.cols);

    // Stage 1: 15 × 15 samples at 1/10 px, ±0.7 px around the integer peak.
    constexpr int coarseFactor = 10;
    constexpr int coarseHalf = 7;
    const double y0 = peakY - static_cast<double>(coarseHalf) / coarseFactor;
    const double x0 = peakX - static_cast<double>(coarseHalf) / coarseFactor;
    const auto [coarseBest, coarseValue] = maxReal(
        upsampledDft(spectrum, y0, x0, coarseFactor, 2 * coarseHalf + 1, 2 * coarseHalf + 1));
    const double y1 = y0 + static_cast<double>(coarseBest.y) / coarseFactor;
    const double x1 = x0 + static_cast<double>(coarseBest.x) / coarseFactor;

    // Stage 2: ±1 coarse step (±0.1 px) at 1/finalUpsampleFactor px.
    const int fineHalf = finalUpsampleFactor / coarseFactor;
    const double fy0 = y1 - static_cast<double>(fineHalf) / finalUpsampleFactor;
    const double fx0 = x1 - static_cast<double>(fineHalf) / finalUpsampleFactor;
    const int fineCount = 2 * fineHalf + 1;
    const cv::Mat fine =
        upsampledDft(spectrum, fy0, fx0, finalUpsampleFactor, fineCount, fineCount);
    const auto [best, value] = maxReal(fine);

    // Parabolic vertex on the fine grid removes most of the grid quantisation.
    auto at = [&fine](int i, int j) { return fine.at<cv::Vec2d>(i, j)[0]; };
    double dy = 0;
    double dx = 0;
    if (best.y > 0 && best.y < fineCount - 1)
        dy = parabolaVertex(at(best.y - 1, best.x), value, at(best.y + 1, best.x));
    if (best.x > 0 && best.x < fineCount - 1)
        dx = parabolaVertex(at(best.y, best.x - 1), value, at(best.y, best.x + 1));

    RefinedPeak peak;
    peak.yPx = fy0 + (best.y + dy) / finalUpsampleFactor;
    peak.xPx = fx0 + (best.x + dx) / finalUpsampleFactor;
    peak.value = value * norm;
    (void)coarseValue;
    return peak;
}

} // namespace insitu
