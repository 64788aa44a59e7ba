#include "drift_scene.h"

#include <opencv2/imgproc.hpp>

#include <cmath>
#include <complex>
#include <numbers>

namespace insitu::test {

cv::Mat driftTexture(int width, int height, unsigned seed)
{
    cv::RNG rng(seed);
    cv::Mat fine(height, width, CV_64F);
    cv::Mat coarse(height, width, CV_64F);
    rng.fill(fine, cv::RNG::NORMAL, 0.0, 1.0);
    rng.fill(coarse, cv::RNG::NORMAL, 0.0, 1.0);
    cv::GaussianBlur(fine, fine, cv::Size(0, 0), 2.0, 2.0, cv::BORDER_REFLECT101);
    cv::GaussianBlur(coarse, coarse, cv::Size(0, 0), 12.0, 12.0, cv::BORDER_REFLECT101);
    cv::Scalar mean, sd;
    cv::meanStdDev(fine, mean, sd);
    fine = (fine - mean[0]) * (0.25 / sd[0]);
    cv::meanStdDev(coarse, mean, sd);
    coarse = (coarse - mean[0]) * (0.2 / sd[0]);
    cv::Mat texture = 1.0 + fine + coarse;
    cv::max(texture, 0.05, texture);
    return texture;
}

cv::Mat canvasSpectrum(const cv::Mat& canvas)
{
    cv::Mat spectrum;
    cv::dft(canvas, spectrum, cv::DFT_COMPLEX_OUTPUT);
    return spectrum;
}

cv::Mat shiftedCrop(const cv::Mat& spectrum, double dxPx, double dyPx, int width, int height,
                    double countsPerPx)
{
    const int rows = spectrum.rows;
    const int cols = spectrum.cols;
    // Separable phase ramp exp(−2πi (fx·dx + fy·dy)): row and column phasors, no per-bin trig.
    std::vector<std::complex<double>> rowPhase(static_cast<std::size_t>(rows));
    std::vector<std::complex<double>> colPhase(static_cast<std::size_t>(cols));
    for (int k = 0; k < rows; ++k)
        rowPhase[static_cast<std::size_t>(k)] = std::polar(
            1.0, -2.0 * std::numbers::pi * dyPx * (k <= (rows - 1) / 2 ? k : k - rows) / rows);
    for (int l = 0; l < cols; ++l)
        colPhase[static_cast<std::size_t>(l)] = std::polar(
            1.0, -2.0 * std::numbers::pi * dxPx * (l <= (cols - 1) / 2 ? l : l - cols) / cols);
    cv::Mat shifted(rows, cols, CV_64FC2);
    for (int k = 0; k < rows; ++k) {
        const auto* in = spectrum.ptr<std::complex<double>>(k);
        auto* out = shifted.ptr<std::complex<double>>(k);
        const auto r = rowPhase[static_cast<std::size_t>(k)];
        for (int l = 0; l < cols; ++l)
            out[l] = in[l] * (r * colPhase[static_cast<std::size_t>(l)]);
    }
    cv::Mat image;
    cv::dft(shifted, image, cv::DFT_INVERSE | cv::DFT_SCALE | cv::DFT_REAL_OUTPUT);
    const cv::Rect crop((cols - width) / 2, (rows - height) / 2, width, height);
    cv::Mat out = image(crop) * countsPerPx;
    cv::max(out, 0.0, out);
    return out;
}

namespace {

/// Poisson sample: Knuth's product of uniforms for small means (fast here), std otherwise.
int poissonSample(double mean, std::mt19937& rng)
{
    if (mean <= 0.0)
        return 0;
    if (mean < 60.0) {
        // One 32-bit draw per uniform in (0, 1).
        auto uniform = [&rng] { return (static_cast<double>(rng()) + 0.5) * 0x1p-32; };
        const double limit = std::exp(-mean);
        int count = 0;
        double product = uniform();
        while (product > limit) {
            ++count;
            product *= uniform();
        }
        return count;
    }
    std::poisson_distribution<int> poisson(mean);
    return poisson(rng);
}

} // namespace

cv::Mat poissonCounts(const cv::Mat& expected, std::mt19937& rng, bool noisy)
{
    cv::Mat counts(expected.size(), CV_16U);
    for (int y = 0; y < expected.rows; ++y) {
        const auto* e = expected.ptr<double>(y);
        auto* c = counts.ptr<std::uint16_t>(y);
        for (int x = 0; x < expected.cols; ++x) {
            if (!noisy) {
                c[x] = static_cast<std::uint16_t>(std::lround(e[x]));
                continue;
            }
            c[x] = static_cast<std::uint16_t>(std::min(poissonSample(e[x], rng), 65535));
        }
    }
    return counts;
}

DriftScene makeDriftScene(int width, int height, const std::vector<double>& dx,
                          const std::vector<double>& dy, double countsPerPx, unsigned seed,
                          bool noisy)
{
    double maxShift = 0;
    for (std::size_t k = 0; k < dx.size(); ++k)
        maxShift = std::max({maxShift, std::abs(dx[k]), std::abs(dy[k])});
    const int pad = static_cast<int>(std::ceil(maxShift)) + 16;
    const cv::Mat spectrum = canvasSpectrum(driftTexture(
        cv::getOptimalDFTSize(width + 2 * pad), cv::getOptimalDFTSize(height + 2 * pad), seed));
    std::mt19937 rng(seed + 1);
    std::vector<cv::Mat> frames;
    DriftScene scene;
    for (std::size_t k = 0; k < dx.size(); ++k) {
        const cv::Mat expected = shiftedCrop(spectrum, dx[k], dy[k], width, height, countsPerPx);
        frames.push_back(poissonCounts(expected, rng, noisy));
        scene.dxPx.push_back(dx[k] - dx[0]);
        scene.dyPx.push_back(dy[k] - dy[0]);
    }
    scene.movie = std::make_shared<Movie>(
        std::make_unique<MemoryMovieReader>(std::move(frames), PixelType::UInt16));
    return scene;
}

double rmsError(const std::vector<double>& dxTrue, const std::vector<double>& dyTrue,
                const std::vector<double>& dxEst, const std::vector<double>& dyEst)
{
    double sum = 0;
    for (std::size_t k = 0; k < dxTrue.size(); ++k) {
        const double ex = dxEst[k] - dxTrue[k];
        const double ey = dyEst[k] - dyTrue[k];
        sum += ex * ex + ey * ey;
    }
    return std::sqrt(sum / static_cast<double>(dxTrue.size()));
}

} // namespace insitu::test
