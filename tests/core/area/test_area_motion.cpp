// Outline following of an elongated particle that jumps tens of px and turns between frames
// (as in liquid-cell movies): the motion search must find it again, turned.

#include "area_test_masks.h"
#include "insitu/area/area_tracker.h"
#include "insitu/io/movie.h"
#include "insitu/synth/scene_truth.h"

#include <catch2/catch.hpp>

#include <opencv2/imgproc.hpp>

#include <cmath>
#include <numbers>
#include <random>

using namespace insitu;
using insitu::test::rasterise;

namespace {

/// A rod (a capsule: points within halfWidthPx of a segment of half length halfLengthPx).
struct Rod
{
    double xPx = 0;
    double yPx = 0;
    double angleRad = 0;
    double halfLengthPx = 30;
    double halfWidthPx = 11;
};

/// Fraction of pixel (x, y) inside the rod (4 × 4 subsamples).
double coverage(const Rod& rod, int x, int y)
{
    const double c = std::cos(rod.angleRad), s = std::sin(rod.angleRad);
    int inside = 0;
    for (int i = 0; i < 4; ++i)
        for (int j = 0; j < 4; ++j) {
            const double dx = x + (i + 0.5) / 4 - 0.5 - rod.xPx;
            const double dy = y + (j + 0.5) / 4 - 0.5 - rod.yPx;
            const double u = dx * c + dy * s, v = -dx * s + dy * c;
            const double along = std::max(0.0, std::abs(u) - rod.halfLengthPx);
            inside += along * along + v * v < rod.halfWidthPx * rod.halfWidthPx ? 1 : 0;
        }
    return inside / 16.0;
}

/// The rod's mask (coverage ≥ 0.5) on a width × height frame.
cv::Mat rodMask(const Rod& rod, cv::Size size)
{
    cv::Mat mask(size, CV_8U, cv::Scalar(0));
    for (int y = 0; y < size.height; ++y)
        for (int x = 0; x < size.width; ++x)
            mask.at<std::uint8_t>(y, x) = coverage(rod, x, y) >= 0.5 ? 255 : 0;
    return mask;
}

/// The ellipse of the mask's second moments, 5 % larger, as a 24-gon: a seed as drawn.
std::vector<PointPx> momentEllipse(const cv::Mat& mask)
{
    const cv::Moments m = cv::moments(mask, true);
    const double cx = m.m10 / m.m00, cy = m.m01 / m.m00;
    const double a = m.mu20 / m.m00, b = m.mu11 / m.m00, c = m.mu02 / m.m00;
    const double spread = std::sqrt(4 * b * b + (a - c) * (a - c));
    const double major = 1.05 * 2 * std::sqrt((a + c + spread) / 2);
    const double minor = 1.05 * 2 * std::sqrt((a + c - spread) / 2);
    const double angle = 0.5 * std::atan2(2 * b, a - c);
    std::vector<PointPx> polygon;
    for (int i = 0; i < 24; ++i) {
        const double t = 2 * std::numbers::pi * i / 24;
        const double u = major * std::cos(t), v = minor * std::sin(t);
        polygon.push_back({cx + u * std::cos(angle) - v * std::sin(angle),
                           cy + u * std::sin(angle) + v * std::cos(angle)});
    }
    return polygon;
}

} // namespace

TEST_CASE("area: an elongated particle that jumps 10-25 px and turns 8-20 degrees per frame",
          "[area][motion]")
{
    const cv::Size size(240, 240);
    double worstMean = 1, worstFrame = 1;
    for (unsigned seed : {1u, 2u, 3u}) {
        std::mt19937 rng(seed);
        std::uniform_real_distribution<double> jump(10, 25),
            turn(8 * std::numbers::pi / 180, 20 * std::numbers::pi / 180);
        std::uniform_real_distribution<double> direction(0, 2 * std::numbers::pi);
        std::bernoulli_distribution sign(0.5);
        SynthMovie movie;
        movie.calibration.nmPerPixel = 1.0;
        std::vector<Rod> rods;
        Rod rod{120, 120, 0.5, 30, 11};
        for (int k = 0; k < 12; ++k) {
            if (k > 0) {
                // A jump in a random direction, kept 45 px inside the frame, and a turn.
                for (int attempt = 0; attempt < 100; ++attempt) {
                    const double d = direction(rng), l = jump(rng);
                    const double x = rod.xPx + l * std::cos(d), y = rod.yPx + l * std::sin(d);
                    if (x > 45 && x < size.width - 45 && y > 45 && y < size.height - 45) {
                        rod.xPx = x;
                        rod.yPx = y;
                        break;
                    }
                }
                rod.angleRad += (sign(rng) ? 1 : -1) * turn(rng);
            }
            rods.push_back(rod);
            // 15 counts/px on the support, the rod transmitting 75 %; Poisson noise.
            cv::Mat frame(size, CV_16U);
            for (int y = 0; y < size.height; ++y)
                for (int x = 0; x < size.width; ++x) {
                    std::poisson_distribution<int> counts(15 * (1 - 0.25 * coverage(rod, x, y)));
                    frame.at<std::uint16_t>(y, x) = static_cast<std::uint16_t>(counts(rng));
                }
            movie.frames.push_back(frame);
        }
        const Movie m(movie.reader());
        const AreaKeyframe key{0, 0, momentEllipse(rodMask(rods[0], size)), true};
        AreaResult result = followOutlines(m, nullptr, {key}, AreaOptions{});
        const AreaTrack& track = result.particles.at(0);
        REQUIRE(track.frames.size() == rods.size());
        double sum = 0;
        for (std::size_t k = 0; k < rods.size(); ++k) {
            const cv::Mat truth = rodMask(rods[k], size);
            const cv::Mat found = rasterise(track.outlinesPx[k], size);
            const double iou = static_cast<double>(cv::countNonZero(found & truth)) /
                               std::max(1, cv::countNonZero(found | truth));
            const cv::Moments mt = cv::moments(truth, true), mf = cv::moments(found, true);
            INFO("seed " << seed << " frame " << k << " IoU " << iou << " area " << mf.m00 << " / "
                         << mt.m00 << " centre off " << mf.m10 / mf.m00 - mt.m10 / mt.m00 << ", "
                         << mf.m01 / mf.m00 - mt.m01 / mt.m00);
            CHECK(iou > 0.7);
            sum += iou;
            worstFrame = std::min(worstFrame, iou);
        }
        worstMean = std::min(worstMean, sum / static_cast<double>(rods.size()));
    }
    WARN("jumping, turning rod: worst mean IoU " << worstMean << ", worst frame " << worstFrame);
    CHECK(worstMean > 0.85);
}
