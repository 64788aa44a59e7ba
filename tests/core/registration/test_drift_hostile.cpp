// Drift on float and 32-bit frames of any range, with NaN/inf pixels or flat frames (#15):
// registered like uint16 frames, or flagged (interpolated) — never silent zeros.
#include "drift_scene.h"

#include "insitu/registration/drift.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <random>

using namespace insitu;

namespace {

std::vector<double> randomWalk(int n, double stepPx, unsigned seed)
{
    std::mt19937 rng(seed);
    std::normal_distribution<double> step(0.0, stepPx);
    std::vector<double> walk(static_cast<std::size_t>(n), 0.0);
    for (std::size_t k = 1; k < walk.size(); ++k)
        walk[k] = walk[k - 1] + step(rng);
    return walk;
}

/// The scene's frames as `type` (CV_32F, CV_64F or CV_32S): offset + scale × counts.
std::shared_ptr<Movie> asWideFrames(const test::DriftScene& scene, int depth, PixelType type,
                                    double offset, double scale)
{
    std::vector<cv::Mat> frames;
    for (int k = 0; k < scene.movie->frameCount(); ++k) {
        cv::Mat wide;
        scene.movie->frame(k).mat().convertTo(wide, depth, scale, offset);
        frames.push_back(wide);
    }
    return std::make_shared<Movie>(std::make_unique<MemoryMovieReader>(frames, type));
}

} // namespace

TEST_CASE("float and int32 frames of any range register like their counts", "[drift][hostile]")
{
    const int n = 12;
    const auto dx = randomWalk(n, 1.5, 7);
    const auto dy = randomWalk(n, 1.5, 8);
    const auto scene = test::makeDriftScene(128, 96, dx, dy, 200.0, 3);
    struct Case
    {
        int depth;
        PixelType type;
        double offset, scale;
    };
    for (const Case c :
         {Case{CV_32F, PixelType::Float32, 1e7, 1.0}, Case{CV_32F, PixelType::Float32, 0.0, 1e-15},
          Case{CV_64F, PixelType::Float64, 1e11, 1.0}, Case{CV_32S, PixelType::Int32, 2e9, -1.0}}) {
        INFO("depth " << c.depth << " offset " << c.offset << " scale " << c.scale);
        const auto movie = asWideFrames(scene, c.depth, c.type, c.offset, c.scale);
        DriftOptions options;
        options.reference = DriftReference::First;
        const DriftResult drift = estimateDrift(*movie, options, Progress::none());
        CHECK(test::rmsError(scene.dxPx, scene.dyPx, drift.dxPx, drift.dyPx) < 0.15);
        for (int k = 1; k < n; ++k)
            CHECK(drift.quality[static_cast<std::size_t>(k)] > 0.0);
    }
}

TEST_CASE("NaN pixels are ignored, flat frames are flagged and interpolated", "[drift][hostile]")
{
    const int n = 10;
    const auto dx = randomWalk(n, 1.0, 11);
    const auto dy = randomWalk(n, 1.0, 12);
    const auto scene = test::makeDriftScene(128, 96, dx, dy, 200.0, 5);
    std::vector<cv::Mat> frames;
    for (int k = 0; k < n; ++k) {
        cv::Mat f;
        scene.movie->frame(k).mat().convertTo(f, CV_32F);
        for (int j = 0; j < 5; ++j) // a few dead pixels per frame
            f.at<float>(7 * j + k, 11 * j + 3) = j % 2 ? std::numeric_limits<float>::infinity()
                                                       : std::numeric_limits<float>::quiet_NaN();
        if (k == 4 || k == 7)
            f.setTo(123.0f); // flat (a blanked frame)
        frames.push_back(f);
    }
    const Movie movie(std::make_unique<MemoryMovieReader>(frames, PixelType::Float32));
    DriftOptions options;
    options.reference = DriftReference::First;
    const DriftResult drift = estimateDrift(movie, options, Progress::none());
    for (int k = 0; k < n; ++k) {
        INFO("frame " << k);
        const auto i = static_cast<std::size_t>(k);
        CHECK(std::isfinite(drift.dxPx[i]));
        CHECK(bool(drift.interpolated[i]) == (k == 4 || k == 7));
        if (k != 4 && k != 7)
            CHECK(std::hypot(drift.dxPx[i] - scene.dxPx[i], drift.dyPx[i] - scene.dyPx[i]) < 0.3);
    }
}
