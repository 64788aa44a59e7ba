// estimateDrift against synthetic truth: references, region, binning, flagged frames.

#include "drift_scene.h"

#include "insitu/error.h"
#include "insitu/registration/drift.h"
#include "insitu/registration/fft_planning.h"

#include <catch2/catch.hpp>

#include <opencv2/imgproc.hpp>

#include <cmath>
#include <random>

using namespace insitu;

namespace {

/// A Gaussian random walk of n steps with step σ (px), starting at 0.
std::vector<double> randomWalk(int n, double stepPx, unsigned seed)
{
    std::mt19937 rng(seed);
    std::normal_distribution<double> step(0.0, stepPx);
    std::vector<double> walk(static_cast<std::size_t>(n), 0.0);
    for (std::size_t k = 1; k < walk.size(); ++k)
        walk[k] = walk[k - 1] + step(rng);
    return walk;
}

double maxError(const test::DriftScene& scene, const DriftResult& result)
{
    double worst = 0;
    for (std::size_t k = 0; k < scene.dxPx.size(); ++k)
        worst = std::max(
            worst, std::hypot(result.dxPx[k] - scene.dxPx[k], result.dyPx[k] - scene.dyPx[k]));
    return worst;
}

} // namespace

TEST_CASE("drift of a 300-frame random walk stays within 0.2 px", "[drift]")
{
    setFftPlanning(FftPlanning::Estimate);
    static const auto scene =
        test::makeDriftScene(256, 256, randomWalk(300, 0.3, 1), randomWalk(300, 0.3, 2), 20.0, 3);
    SECTION("running mean with the second pass against the mean of all frames (default)")
    {
        const DriftResult result = estimateDrift(*scene.movie, {}, Progress::none());
        REQUIRE(result.frameCount() == 300);
        CHECK(result.dxPx[0] == 0.0);
        CHECK(result.dyPx[0] == 0.0);
        INFO("RMS " << test::rmsError(scene.dxPx, scene.dyPx, result.dxPx, result.dyPx));
        CHECK(maxError(scene, result) <= 0.2);
        CHECK(test::rmsError(scene.dxPx, scene.dyPx, result.dxPx, result.dyPx) <= 0.1);
        CHECK(std::none_of(result.interpolated.begin(), result.interpolated.end(),
                           [](bool b) { return b; }));
    }
    SECTION("first-frame reference")
    {
        DriftOptions options;
        options.reference = DriftReference::First;
        const DriftResult result = estimateDrift(*scene.movie, options, Progress::none());
        CHECK(maxError(scene, result) <= 0.2);
    }
}

TEST_CASE("previous-frame reference accumulates the steps", "[drift]")
{
    setFftPlanning(FftPlanning::Estimate);
    const std::vector<double> dx{0, 1.3, 2.9, 4.1, 5.75, 7.2};
    const std::vector<double> dy{0, -0.4, -1.1, -2.6, -3.3, -4.05};
    const auto scene = test::makeDriftScene(256, 256, dx, dy, 500.0, 5);
    DriftOptions options;
    options.reference = DriftReference::Previous;
    const DriftResult result = estimateDrift(*scene.movie, options, Progress::none());
    CHECK(maxError(scene, result) <= 0.06);
}

TEST_CASE("registration region ignores a moving object outside it", "[drift]")
{
    setFftPlanning(FftPlanning::Estimate);
    const std::vector<double> dx{0, 0.6, 1.4, 2.3, 3.1};
    const std::vector<double> dy{0, 0.5, 0.9, 1.6, 2.2};
    auto scene = test::makeDriftScene(256, 256, dx, dy, 20.0, 8, false);
    // Replace the right half with a bright bar moving the other way, much stronger than the
    // texture.
    std::vector<cv::Mat> frames;
    std::mt19937 rng(4);
    for (int k = 0; k < 5; ++k) {
        cv::Mat expected;
        scene.movie->frame(k).mat().convertTo(expected, CV_64F);
        expected(cv::Rect(160, 0, 96, 256)).setTo(20.0);
        cv::rectangle(expected, cv::Rect(180 - 6 * k, 40, 30, 150), cv::Scalar(200.0), cv::FILLED);
        frames.push_back(test::poissonCounts(expected, rng));
    }
    const Movie movie(std::make_unique<MemoryMovieReader>(std::move(frames), PixelType::UInt16));
    DriftOptions options;
    options.reference = DriftReference::First;
    options.regionPx = std::array<int, 4>{0, 0, 150, 256};
    const DriftResult result = estimateDrift(movie, options, Progress::none());
    CHECK(maxError(scene, result) <= 0.1);
}

TEST_CASE("binning 2 measures in full-resolution pixels", "[drift]")
{
    setFftPlanning(FftPlanning::Estimate);
    const std::vector<double> dx{0, 2.6, -3.4, 5.2};
    const std::vector<double> dy{0, -1.8, 4.4, 0.7};
    const auto scene = test::makeDriftScene(512, 512, dx, dy, 200.0, 9);
    DriftOptions options;
    options.binning = 2;
    options.reference = DriftReference::First;
    const DriftResult result = estimateDrift(*scene.movie, options, Progress::none());
    CHECK(maxError(scene, result) <= 0.05);
}

TEST_CASE("a frame that does not match is flagged and its shift interpolated", "[drift]")
{
    setFftPlanning(FftPlanning::Estimate);
    const std::vector<double> dx{0, 1, 2, 3, 4, 5, 6};
    const std::vector<double> dy{0, -0.5, -1, -1.5, -2, -2.5, -3};
    auto scene = test::makeDriftScene(256, 256, dx, dy, 500.0, 10);
    std::vector<cv::Mat> frames;
    for (int k = 0; k < 7; ++k)
        frames.push_back(scene.movie->frame(k).mat().clone());
    cv::RNG rng(1);
    rng.fill(frames[4], cv::RNG::UNIFORM, 0, 100); // blank beam: unrelated noise
    const Movie movie(std::make_unique<MemoryMovieReader>(std::move(frames), PixelType::UInt16));
    for (auto reference :
         {DriftReference::First, DriftReference::Previous, DriftReference::RunningMean}) {
        DriftOptions options;
        options.reference = reference;
        const DriftResult result = estimateDrift(movie, options, Progress::none());
        CHECK(result.interpolated[4]);
        CHECK(std::count(result.interpolated.begin(), result.interpolated.end(), true) == 1);
        CHECK(result.quality[4] < 0.3 * result.quality[3]);
        CHECK(result.dxPx[4] == Approx(4.0).margin(0.08));
        CHECK(result.dyPx[4] == Approx(-2.0).margin(0.08));
        CHECK(result.dxPx[6] == Approx(6.0).margin(0.08));
    }
}

TEST_CASE("drift estimation reports progress, cancels and rejects bad options", "[drift]")
{
    setFftPlanning(FftPlanning::Estimate);
    const auto scene = test::makeDriftScene(64, 64, {0, 1, 2, 3}, {0, 0, 0, 0}, 50.0, 12);
    int calls = 0;
    CallbackProgress progress([&calls](int, int, std::string_view) { ++calls; });
    (void)estimateDrift(*scene.movie, {}, progress);
    CHECK(progress.done() == 8); // two passes of four frames
    CHECK(progress.total() == 8);

    CallbackProgress canceled;
    canceled.cancel();
    CHECK_THROWS_AS(estimateDrift(*scene.movie, {}, canceled), Canceled);

    DriftOptions bad;
    bad.regionPx = std::array<int, 4>{50, 0, 30, 64};
    CHECK_THROWS_AS(estimateDrift(*scene.movie, bad, Progress::none()), Error);
    bad = {};
    bad.binning = 3;
    CHECK_THROWS_AS(estimateDrift(*scene.movie, bad, Progress::none()), Error);
}

TEST_CASE("the spectrum cache budget changes speed, never the result", "[drift]")
{
    setFftPlanning(FftPlanning::Estimate);
    const int n = 40;
    const auto scene =
        test::makeDriftScene(128, 128, randomWalk(n, 0.5, 21), randomWalk(n, 0.5, 22), 20.0, 23);
    const DriftResult cached = estimateDrift(*scene.movie, {}, Progress::none());
    const DriftResult partly =
        estimateDrift(*scene.movie, {}, Progress::none(), DriftMemory{250'000});
    const DriftResult uncached = estimateDrift(*scene.movie, {}, Progress::none(), DriftMemory{0});
    CHECK(cached == partly);
    CHECK(cached == uncached);
    CHECK(test::rmsError(scene.dxPx, scene.dyPx, cached.dxPx, cached.dyPx) <= 0.1);

    // Cancelling while both threads work through the cached spectra stops cleanly.
    CallbackProgress* self = nullptr;
    CallbackProgress progress([&self, n](int done, int, std::string_view) {
        if (done == n + 5)
            self->cancel();
    });
    self = &progress;
    CHECK_THROWS_AS(estimateDrift(*scene.movie, {}, progress), Canceled);
}
