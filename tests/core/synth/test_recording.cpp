// The shared recording pipeline: drift truth, Poisson statistics, streaming equals memory.

#include "synth_test_helpers.h"

#include "insitu/synth/synth.h"
#include "support/test_paths.h"

#include <catch2/catch.hpp>
#include <tiffio.h>

#include <cmath>

using namespace insitu;

namespace {

/// Centroid of the absorbed signal (dose − counts).
cv::Point2d absorbedCentroid(const cv::Mat& counts, double dose)
{
    double sum = 0, sx = 0, sy = 0;
    for (int y = 0; y < counts.rows; ++y)
        for (int x = 0; x < counts.cols; ++x) {
            const double a = dose - counts.at<std::uint16_t>(y, x);
            sum += a;
            sx += a * x;
            sy += a * y;
        }
    return {sx / sum, sy / sum};
}

} // namespace

TEST_CASE("synth drift truth matches the image-moment shift of the specimen", "[synth]")
{
    ParticleFieldScene scene;
    scene.imaging =
        test::quietImaging({.frames = 12, .width = 128, .height = 128, .nmPerPixel = 0.25});
    scene.imaging.drift = true;
    scene.imaging.driftStepPx = 0.3;
    scene.imaging.driftVelocityXPxPerFrame = 0.1;
    scene.particleCount = 6;
    scene.touchingPairs = 0;
    const SynthMovie movie = renderParticleField(scene);
    const auto& truth = movie.truth;
    const cv::Point2d c0 = absorbedCentroid(movie.frames[0], scene.imaging.dosePerPx);
    double moved = 0;
    for (std::size_t k = 1; k < movie.frames.size(); ++k) {
        const cv::Point2d ck = absorbedCentroid(movie.frames[k], scene.imaging.dosePerPx);
        CHECK(ck.x - c0.x == Approx(truth.dxPx[k]).margin(0.02));
        CHECK(ck.y - c0.y == Approx(truth.dyPx[k]).margin(0.02));
        moved = std::max(moved, std::hypot(truth.dxPx[k], truth.dyPx[k]));
    }
    CHECK(truth.dxPx[0] == 0);
    CHECK(moved > 0.5);
}

TEST_CASE("synth noise is Poisson at the chosen dose", "[synth]")
{
    ParticleFieldScene scene;
    scene.imaging = {.frames = 1,
                     .width = 256,
                     .height = 256,
                     .dosePerPx = 20,
                     .illuminationGradient = 0,
                     .flickerRelative = 0,
                     .drift = false};
    scene.particleCount = 0;
    const cv::Mat counts = renderParticleField(scene).frames[0];
    cv::Scalar mean, stddev;
    cv::meanStdDev(counts, mean, stddev);
    CHECK(mean[0] == Approx(20).epsilon(0.01));
    CHECK(stddev[0] * stddev[0] == Approx(20).epsilon(0.03));

    scene.imaging.dosePerPx = 4; // the small-mean branch
    cv::meanStdDev(renderParticleField(scene).frames[0], mean, stddev);
    CHECK(mean[0] == Approx(4).epsilon(0.02));
    CHECK(stddev[0] * stddev[0] == Approx(4).epsilon(0.04));
}

TEST_CASE("synth is reproducible and writeScene streams the same frames as renderScene", "[synth]")
{
    const auto path = test::scratchDir("synth_stream") / "scene.tif";
    SceneSpec spec = defaultScene("drift");
    ImagingOptions& im = imagingOf(spec);
    im.frames = 20; // more than one parallel batch
    im.width = 48;
    im.height = 40;
    im.seed = 7;
    const SynthMovie memory = renderScene(spec);
    const SceneTruth truth = writeScene(spec, path);
    CHECK(truth.dxPx == memory.truth.dxPx);
    CHECK(truthToJson(truth) == truthToJson(memory.truth));

    TIFF* tiff = TIFFOpen(path.c_str(), "r");
    REQUIRE(tiff != nullptr);
    int frame = 0;
    do {
        cv::Mat page(40, 48, CV_16U);
        const tmsize_t bytes = static_cast<tmsize_t>(page.total() * page.elemSize());
        REQUIRE(TIFFReadEncodedStrip(tiff, 0, page.ptr(), bytes) == bytes);
        CHECK(cv::norm(page, memory.frames[static_cast<std::size_t>(frame)], cv::NORM_INF) == 0);
        ++frame;
    } while (TIFFReadDirectory(tiff));
    TIFFClose(tiff);
    CHECK(frame == 20);

    im.seed = 8;
    CHECK(cv::norm(renderScene(spec).frames[5], memory.frames[5], cv::NORM_INF) > 0);
}

TEST_CASE("synth knows its scenes and refuses unknown ones", "[synth]")
{
    for (const auto& name : sceneNames())
        CHECK_NOTHROW(defaultScene(name));
    CHECK_THROWS(defaultScene("galaxy"));
}
