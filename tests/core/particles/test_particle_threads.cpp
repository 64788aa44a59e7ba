// segmentParticles does not depend on the thread count: the same labels, particles and
// statistics on 1, 2 and 4 threads (the parallel stages merge exactly, in a fixed order).

#include "insitu/particles/particle_segment.h"
#include "insitu/synth/particle_field.h"

#include <catch2/catch.hpp>
#include <opencv2/core.hpp>

using namespace insitu;

namespace {

/// Restores OpenCV's thread count when a test ends.
struct ThreadCount
{
    int saved = cv::getNumThreads();
    ~ThreadCount() { cv::setNumThreads(saved); }
};

Roi rectangle(const std::string& name, double x0, double y0, double x1, double y1)
{
    Roi roi;
    roi.name = name;
    roi.shape = RoiShape::Rectangle;
    roi.points = {{x0, y0}, {x1, y1}};
    return roi;
}

ParticleSegmentation segmentOn(int threads, const cv::Mat& frame, std::optional<double> nmPerPixel,
                               const std::vector<Roi>& regions, const ParticleOptions& options)
{
    cv::setNumThreads(threads);
    return segmentParticles(frame, nmPerPixel, regions, options);
}

} // namespace

TEST_CASE("particles: the same result on 1, 2 and 4 threads", "[particles][threads]")
{
    const ThreadCount restore;
    const bool haadf = GENERATE(false, true);
    ParticleFieldScene scene;
    scene.imaging.frames = 1;
    scene.imaging.width = scene.imaging.height = 768;
    scene.imaging.dosePerPx = 30;
    scene.imaging.illuminationGradient = 0.3;
    scene.imaging.seed = 7;
    scene.particleCount = 900;
    scene.touchingPairs = 40;
    scene.survivalCutoffNm = 4.5;
    scene.haadf = haadf;
    if (haadf)
        scene.medianDiameterNm = 2.0;
    const SynthMovie movie = renderParticleField(scene);
    ParticleOptions options;
    if (haadf) {
        options.polarity = ParticlePolarity::Bright;
        options.threshold = ParticleThreshold::Blob;
        options.maxDiameterNm = 5.0;
    }
    const std::vector<Roi> regions = {rectangle("before", 0, 0, 383, 767),
                                      rectangle("behind", 384, 0, 767, 767)};
    // the most threads first: once limited to one, TBB does not raise its worker count again
    const ParticleSegmentation four = segmentOn(4, movie.frames[0], 0.25, regions, options);
    REQUIRE(four.result.particles.size() > 300);
    for (int threads : {2, 1}) {
        INFO("haadf " << haadf << ", " << threads << " threads against 4");
        const ParticleSegmentation fewer =
            segmentOn(threads, movie.frames[0], 0.25, regions, options);
        CHECK(cv::countNonZero(four.labels != fewer.labels) == 0);
        CHECK(four.result == fewer.result);
    }
}
