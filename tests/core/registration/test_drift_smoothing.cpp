// Random-walk smoothing of measured drift tracks (src/core/registration/drift_smoothing.cpp):
// less noise than the measurements, jumps kept sharp, gaps predicted, noise levels recovered.

#include "../../../src/core/registration/drift_smoothing.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <random>
#include <utility>

using insitu::detail::MeasuredTrack;
using insitu::detail::smoothRandomWalk;

namespace {

/// A random walk (step SD stepPx, mean step 0.02 px) with an optional jump, and its
/// measurements with white noise of SD noisePx.
struct Walk
{
    std::vector<double> truth;
    MeasuredTrack track;
};

Walk makeWalk(int n, double stepPx, double noisePx, unsigned seed, int jumpAt = -1,
              double jumpPx = 0)
{
    std::mt19937 rng(seed);
    std::normal_distribution<double> gauss(0.0, 1.0);
    Walk w;
    double x = 3.0;
    for (int k = 0; k < n; ++k) {
        if (k > 0)
            x += 0.02 + stepPx * gauss(rng) + (k == jumpAt ? jumpPx : 0.0);
        w.truth.push_back(x);
        w.track.valuePx.push_back(x + noisePx * gauss(rng));
        w.track.relativeVariance.push_back(1.0);
        w.track.measured.push_back(1);
    }
    return w;
}

} // namespace

TEST_CASE("random-walk smoothing removes measurement noise, frame 0 included", "[drift][smoothing]")
{
    // Steady-state theory for a step of 0.15 px: the smoothed variance is 0.59 (noise 0.1 px)
    // and 0.83 (noise 0.05 px) of the measurements', at the ends (frame 0) 0.75 and 0.91; over
    // 40 seeds of 200 frames.
    const auto [noise, bound] = GENERATE(std::pair{0.1, 0.75}, std::pair{0.05, 0.95});
    double raw = 0, after = 0, frame0Raw = 0, frame0After = 0;
    std::vector<double> foundNoise;
    for (unsigned seed = 1; seed <= 40; ++seed) {
        const Walk w = makeWalk(200, 0.15, noise, seed);
        const auto smoothed = smoothRandomWalk(w.track);
        CHECK(smoothed.jumps == 0);
        foundNoise.push_back(smoothed.measurementSdPx);
        for (std::size_t k = 0; k < w.truth.size(); ++k) {
            raw += std::pow(w.track.valuePx[k] - w.truth[k], 2);
            after += std::pow(smoothed.valuePx[k] - w.truth[k], 2);
        }
        frame0Raw += std::pow(w.track.valuePx[0] - w.truth[0], 2);
        frame0After += std::pow(smoothed.valuePx[0] - w.truth[0], 2);
    }
    std::sort(foundNoise.begin(), foundNoise.end());
    INFO("noise " << noise << " px: mean square " << raw << " -> " << after << ", frame 0 "
                  << frame0Raw << " -> " << frame0After << ", median noise found "
                  << foundNoise[20]);
    CHECK(after < bound * raw);
    if (noise >= 0.1)
        CHECK(frame0After < frame0Raw);
    CHECK(foundNoise[20] == Approx(noise).epsilon(0.5));
}

TEST_CASE("random-walk smoothing keeps a jump sharp", "[drift][smoothing]")
{
    const auto seed = GENERATE(5u, 6u, 7u);
    const Walk w = makeWalk(150, 0.1, 0.05, seed, 80, 4.0);
    const auto smoothed = smoothRandomWalk(w.track);
    INFO("seed " << seed << ": jumps " << smoothed.jumps);
    CHECK(smoothed.jumps >= 1);
    // the frames on either side of the jump are where they are, not smeared across it
    for (int k : {78, 79, 80, 81}) {
        const auto i = static_cast<std::size_t>(k);
        INFO("frame " << k << ": " << smoothed.valuePx[i] << " vs truth " << w.truth[i]);
        CHECK(std::abs(smoothed.valuePx[i] - w.truth[i]) < 0.2);
    }
}

TEST_CASE("random-walk smoothing predicts unmeasured frames from their neighbours",
          "[drift][smoothing]")
{
    Walk w = makeWalk(100, 0.1, 0.03, 9u);
    for (int k : {0, 40, 41, 42, 99})
        w.track.measured[static_cast<std::size_t>(k)] = 0;
    w.track.valuePx[41] = 1e6; // never read
    const auto smoothed = smoothRandomWalk(w.track);
    for (int k : {0, 40, 41, 42, 99}) {
        const auto i = static_cast<std::size_t>(k);
        INFO("frame " << k << ": " << smoothed.valuePx[i] << " vs truth " << w.truth[i]);
        CHECK(std::abs(smoothed.valuePx[i] - w.truth[i]) < 0.5);
    }
}

TEST_CASE("random-walk smoothing weights frames by their own variance", "[drift][smoothing]")
{
    // every fifth frame is ten times noisier and says so: those frames follow their neighbours
    std::mt19937 rng(11u);
    std::normal_distribution<double> gauss(0.0, 1.0);
    Walk w = makeWalk(200, 0.05, 0.02, 12u);
    double rawNoisy = 0, smoothedNoisy = 0;
    for (std::size_t k = 0; k < w.truth.size(); k += 5) {
        w.track.valuePx[k] = w.truth[k] + 0.2 * gauss(rng);
        w.track.relativeVariance[k] = 100.0;
    }
    const auto smoothed = smoothRandomWalk(w.track);
    for (std::size_t k = 5; k < w.truth.size(); k += 5) {
        rawNoisy += std::pow(w.track.valuePx[k] - w.truth[k], 2);
        smoothedNoisy += std::pow(smoothed.valuePx[k] - w.truth[k], 2);
    }
    CHECK(smoothedNoisy < 0.2 * rawNoisy);
    CHECK(smoothed.jumps == 0);
}

TEST_CASE("random-walk smoothing leaves fewer than three measurements alone", "[drift][smoothing]")
{
    MeasuredTrack track{{1.0, 2.0, 5.0}, {1.0, 1.0, 1.0}, {1, 0, 1}};
    CHECK(smoothRandomWalk(track).valuePx == track.valuePx);
}
