// PhaseCorrelator and the upsampled DFT against exact synthetic truth.

#include "drift_scene.h"

#include "insitu/registration/fft_planning.h"
#include "insitu/registration/phase_correlation.h"
#include "insitu/registration/upsampled_dft.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <iostream>
#include <numbers>
#include <random>

using namespace insitu;

namespace {

/// Pairs (reference, moving) at countsPerPx with random shifts up to ±8 px; RMS Euclidean error.
double pairRms(int size, double countsPerPx, int pairs, const CorrelationSettings& settings,
               unsigned seed)
{
    setFftPlanning(FftPlanning::Estimate);
    std::mt19937 rng(seed);
    std::uniform_real_distribution<double> shift(-8.0, 8.0);
    const cv::Mat spectrum = test::canvasSpectrum(test::driftTexture(size + 64, size + 64, seed));
    const PhaseCorrelator correlator(size, size, settings);
    double sum = 0;
    for (int p = 0; p < pairs; ++p) {
        const double dx = shift(rng), dy = shift(rng);
        const cv::Mat ref =
            test::poissonCounts(test::shiftedCrop(spectrum, 0, 0, size, size, countsPerPx), rng);
        const cv::Mat mov =
            test::poissonCounts(test::shiftedCrop(spectrum, dx, dy, size, size, countsPerPx), rng);
        const auto estimate = correlator.measureImages(mov, ref);
        sum += std::pow(estimate.dxPx - dx, 2) + std::pow(estimate.dyPx - dy, 2);
    }
    return std::sqrt(sum / pairs);
}

} // namespace

TEST_CASE("upsampled DFT evaluates the band-limited interpolant", "[drift]")
{
    // A real periodic signal with a few known harmonics, evaluated off-grid.
    const int rows = 24, cols = 30;
    auto signal = [&](double y, double x) {
        return std::cos(2 * std::numbers::pi * (2 * x / cols + 1 * y / rows) + 0.3) +
               0.5 * std::sin(2 * std::numbers::pi * (3 * y / rows - 1 * x / cols));
    };
    cv::Mat samples(rows, cols, CV_64F);
    for (int y = 0; y < rows; ++y)
        for (int x = 0; x < cols; ++x)
            samples.at<double>(y, x) = signal(y, x);
    cv::Mat spectrum;
    cv::dft(samples, spectrum, cv::DFT_COMPLEX_OUTPUT);
    const cv::Mat grid = upsampledDft(spectrum, 3.37, 5.81, 10, 4, 5);
    for (int i = 0; i < 4; ++i)
        for (int j = 0; j < 5; ++j) {
            const auto value = grid.at<cv::Vec2d>(i, j);
            CHECK(value[0] / (rows * cols) ==
                  Approx(signal(3.37 + i / 10.0, 5.81 + j / 10.0)).margin(1e-9));
            CHECK(value[1] / (rows * cols) == Approx(0.0).margin(1e-9));
        }
}

TEST_CASE("two-stage refinement finds an off-grid maximum", "[drift]")
{
    // Periodic Gaussian-shaped peak (band-limited enough) centred at (11.237, 7.614).
    const int n = 32;
    const double cy = 11.237, cx = 7.614, sigma = 1.8;
    cv::Mat samples(n, n, CV_64F);
    for (int y = 0; y < n; ++y)
        for (int x = 0; x < n; ++x) {
            double v = 0;
            for (int wy = -1; wy <= 1; ++wy)
                for (int wx = -1; wx <= 1; ++wx)
                    v += std::exp(-(std::pow(y - cy + wy * n, 2) + std::pow(x - cx + wx * n, 2)) /
                                  (2 * sigma * sigma));
            samples.at<double>(y, x) = v;
        }
    cv::Mat spectrum;
    cv::dft(samples, spectrum, cv::DFT_COMPLEX_OUTPUT);
    const auto peak = refinePeakUpsampled(spectrum, 11, 8);
    CHECK(peak.yPx == Approx(cy).margin(0.003));
    CHECK(peak.xPx == Approx(cx).margin(0.003));
    CHECK(peak.value == Approx(1.0).margin(0.01));
}

TEST_CASE("phase correlation follows the drift sign convention", "[drift]")
{
    setFftPlanning(FftPlanning::Estimate);
    // Small frames: the edges (content entering and leaving) bias by ~0.02 px at 128 px.
    const cv::Mat spectrum = test::canvasSpectrum(test::driftTexture(320, 288, 7));
    const cv::Mat reference = test::shiftedCrop(spectrum, 0, 0, 256, 224, 100);
    const cv::Mat moving = test::shiftedCrop(spectrum, 3.25, -1.5, 256, 224, 100);
    const PhaseCorrelator correlator(256, 224);
    const auto estimate = correlator.measureImages(moving, reference);
    CHECK(estimate.dxPx == Approx(3.25).margin(0.01));
    CHECK(estimate.dyPx == Approx(-1.5).margin(0.01));
    CHECK(estimate.quality > 0.5);
    const auto back = correlator.measureImages(reference, moving);
    CHECK(back.dxPx == Approx(-3.25).margin(0.01));
    CHECK(back.dyPx == Approx(1.5).margin(0.01));
}

TEST_CASE("patch refinement agrees with whole-spectrum refinement", "[drift]")
{
    setFftPlanning(FftPlanning::Estimate);
    std::mt19937 rng(3);
    const cv::Mat spectrum = test::canvasSpectrum(test::driftTexture(320, 320, 11));
    CorrelationSettings patch;
    patch.compensateWindowOverlap = false; // the whole-spectrum path does not compensate
    CorrelationSettings exact = patch;
    exact.refinePatchPx = 0;
    const PhaseCorrelator patchCorrelator(256, 256, patch);
    const PhaseCorrelator exactCorrelator(256, 256, exact);
    double sum = 0;
    const int pairs = 6;
    for (int p = 0; p < pairs; ++p) {
        const cv::Mat ref =
            test::poissonCounts(test::shiftedCrop(spectrum, 0, 0, 256, 256, 20), rng);
        const cv::Mat mov = test::poissonCounts(
            test::shiftedCrop(spectrum, 0.37 * p - 1, 0.71 * p, 256, 256, 20), rng);
        const auto a = patchCorrelator.measureImages(mov, ref);
        const auto b = exactCorrelator.measureImages(mov, ref);
        sum += std::pow(a.dxPx - b.dxPx, 2) + std::pow(a.dyPx - b.dyPx, 2);
    }
    CHECK(std::sqrt(sum / pairs) < 0.003);
}

TEST_CASE("registration error at 20 counts/px on 1024² frames is below 0.02 px RMS", "[drift]")
{
    const double rms = pairRms(1024, 20.0, 4, {}, 5);
    INFO("RMS error " << rms << " px");
    CHECK(rms <= 0.02);
}

TEST_CASE("drift tuning table", "[.drift-tune]")
{
    for (double p : {1.0, 0.5, 0.0})
        for (double sigma : {0.07, 0.1, 0.14}) {
            CorrelationSettings s;
            s.whiteningExponent = p;
            s.lowPassSigmaCyclesPerPx = sigma;
            std::cout << "512 p=" << p << " sigma=" << sigma
                      << " dose20 rms=" << pairRms(512, 20.0, 12, s, 9)
                      << " dose3 rms=" << pairRms(512, 3.0, 12, s, 9) << std::endl;
        }
}
