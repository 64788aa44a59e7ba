// segmentParticles on real frames: bright-field TEM with hand masks (msa-em: pixel IoU, count)
// and HAADF-STEM with hand-drawn boxes (particles-stem: recall and precision by centroid-in-box).

#include "support/test_paths.h"

#include "insitu/io/movie.h"
#include "insitu/particles/particle_segment.h"

#include <catch2/catch.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>

using namespace insitu;

TEST_CASE("particles: msa-em bright-field frames against the hand masks", "[particles][real]")
{
    const auto dir = test::externalDataDir() / "msa-em-microscopy-seg-track/dataset/test";
    if (!std::filesystem::exists(dir)) {
        WARN("skipped: no external data at " << dir.string());
        return;
    }
    const int i = GENERATE(0, 1, 2, 3, 4);
    const auto movie = openMovie(dir / ("images/image_" + std::to_string(i) + ".png"));
    ParticleOptions options;
    // The one setting a user gives for these frames: the detection limit, 20 px (the particles
    // are 40-120 px across on a granular support whose grains the default 3 px would count).
    options.minDiameterPx = 20;
    const ParticleSegmentation seg =
        segmentParticles(movie->frameFloat(0), std::nullopt, {}, options);
    const cv::Mat hand = cv::imread((dir / ("labels/label_" + std::to_string(i) + ".png")).string(),
                                    cv::IMREAD_GRAYSCALE) > 127;
    REQUIRE(hand.size() == seg.labels.size());
    const cv::Mat found = seg.labels > 0;
    const double iou =
        double(cv::countNonZero(found & hand)) / double(cv::countNonZero(found | hand));
    cv::Mat components;
    const int handCount = cv::connectedComponents(hand, components, 4, CV_32S) - 1;
    const auto foundCount = static_cast<int>(seg.result.particles.size());
    INFO("image_" << i << ": IoU " << iou << ", found " << foundCount << ", hand " << handCount
                  << ", polarity " << particlePolarityName(seg.result.polarityUsed));
    CHECK(iou >= 0.90);
    CHECK(std::abs(foundCount - handCount) <= 0.1 * handCount);
}

// Not met yet (see docs/user-guide.md "Particles"): small bright particles on a bright, lumpy
// support; the test runs and reports its figures but may fail.
TEST_CASE("particles: particles-stem HAADF images against the hand-drawn boxes",
          "[particles][real][!mayfail]")
{
    const auto dir = test::externalDataDir() / "particles-stem";
    if (!std::filesystem::exists(dir)) {
        WARN("skipped: no external data at " << dir.string());
        return;
    }
    const std::string name = GENERATE("Cu1", "Ru1", "PtCo");
    const auto movie = openMovie(dir / "images" / (name + ".jpg"));
    const cv::Mat frame = movie->frameFloat(0);
    ParticleOptions options;
    options.polarity = ParticlePolarity::Bright;
    options.includeEdge = true; // the boxes include particles cut by the border
    const ParticleSegmentation seg = segmentParticles(frame, std::nullopt, {}, options);
    std::ifstream in(dir / "labels" / (name + ".txt"));
    std::vector<cv::Rect2d> boxes;
    int cls = 0;
    double cx = 0, cy = 0, w = 0, h = 0;
    while (in >> cls >> cx >> cy >> w >> h)
        boxes.emplace_back((cx - w / 2) * frame.cols, (cy - h / 2) * frame.rows, w * frame.cols,
                           h * frame.rows);
    REQUIRE(!boxes.empty());
    std::vector<bool> boxHit(boxes.size(), false);
    int matchedParticles = 0;
    for (const Particle& p : seg.result.particles) {
        bool inAny = false;
        for (std::size_t b = 0; b < boxes.size(); ++b)
            if (boxes[b].contains({p.xPx, p.yPx})) {
                boxHit[b] = true;
                inAny = true;
            }
        matchedParticles += inAny ? 1 : 0;
    }
    const double recall =
        double(std::count(boxHit.begin(), boxHit.end(), true)) / double(boxes.size());
    const double precision = seg.result.particles.empty()
                                 ? 0.0
                                 : double(matchedParticles) / double(seg.result.particles.size());
    INFO(name << ": boxes " << boxes.size() << ", found " << seg.result.particles.size()
              << ", recall " << recall << ", precision " << precision);
    CHECK(recall >= 0.85);
    CHECK(precision >= 0.85);
}
