// DriftOptions::downweightChanges (src/core/registration/change_weighted_refinement.cpp): front
// movies of `insitu synth nanowire-front` at speeds, doses and seeds nobody tuned on, static
// textured scenes, thread-count independence.

#include "drift_scene.h"

#include "insitu/registration/drift.h"
#include "insitu/registration/fft_planning.h"
#include "insitu/synth/nanowire_front.h"
#include "insitu/thread_budget.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <random>

using namespace insitu;

namespace {

DriftOptions weighted()
{
    DriftOptions options;
    options.downweightChanges = true;
    return options;
}

/// A synthetic nanowire-front movie (256×112 px, 120 frames) and its drift relative to frame 0.
struct FrontMovie
{
    SynthMovie synth;
    std::vector<double> dxTrue, dyTrue;
};

FrontMovie frontMovie(int fronts, double speedPxPerFrame, double dosePerPx, unsigned seed)
{
    NanowireFrontScene scene;
    scene.imaging.frames = 120;
    scene.imaging.seed = seed;
    scene.imaging.dosePerPx = dosePerPx;
    scene.fronts = fronts;
    const double nmPerFrame = scene.imaging.nmPerPixel / scene.imaging.frameIntervalS;
    scene.leading.rateNm = speedPxPerFrame * nmPerFrame;
    scene.trailing.rateNm = scene.leading.rateNm / 3.0;
    scene.trailing.onsetS = 20 * scene.imaging.frameIntervalS;
    FrontMovie m{renderNanowireFront(scene), {}, {}};
    for (std::size_t k = 0; k < m.synth.truth.dxPx.size(); ++k) {
        m.dxTrue.push_back(m.synth.truth.dxPx[k] - m.synth.truth.dxPx[0]);
        m.dyTrue.push_back(m.synth.truth.dyPx[k] - m.synth.truth.dyPx[0]);
    }
    return m;
}

std::vector<double> randomWalk(int n, double stepPx, unsigned seed)
{
    std::mt19937 rng(seed);
    std::normal_distribution<double> step(0.0, stepPx);
    std::vector<double> walk(static_cast<std::size_t>(n), 0.0);
    for (std::size_t k = 1; k < walk.size(); ++k)
        walk[k] = walk[k - 1] + step(rng);
    return walk;
}

} // namespace

/// RMS error (px) of options on a front movie.
double frontRmsPx(const FrontMovie& m, const DriftOptions& options)
{
    const Movie movie(m.synth.reader());
    const DriftResult result = estimateDrift(movie, options, Progress::none());
    REQUIRE(result.frameCount() == movie.frameCount());
    CHECK(result.dxPx[0] == 0.0);
    return test::rmsError(m.dxTrue, m.dyTrue, result.dxPx, result.dyPx);
}

// The default is pulled by fast fronts (1.3–1.6 px RMS at 6 px/frame over 200 frames,
// docs/performance.md; 1.27 px on the 10 px/frame, one-front case here). Measured on these four
// movies with the option: 0.24–0.42 px since session 8 (session 7's weights: 0.22–0.63 px, worse
// than the default's 0.49 px on one; the default 0.36–1.27 px).
TEST_CASE("fast fronts do not throw the change-weighted drift off by more than 0.5 px RMS",
          "[drift][downweight-changes]")
{
    setFftPlanning(FftPlanning::Estimate);
    const auto fronts = GENERATE(1, 2);
    const auto speed = GENERATE(6.0, 10.0);
    const unsigned seed = 60 + static_cast<unsigned>(fronts * 13 + speed);
    const FrontMovie m = frontMovie(fronts, speed, 20.0, seed);
    const double rms = frontRmsPx(m, weighted());
    INFO(fronts << " front(s) at " << speed << " px/frame, seed " << seed << ": RMS " << rms
                << " px");
    CHECK(rms <= 0.5);
}

// Issue 14's target (≤ 0.1 px RMS) is not met yet: 0.17–0.35 px (session 8). Without the constant
// part, which is the placement of frame 0 and the first frames relative to the rest (a bias of
// the frames before the front has moved, up to 0.6 px), 0.08–0.16 px (docs/performance.md).
TEST_CASE("a moving front does not pull the change-weighted drift (speeds, doses, 1 or 2 fronts)",
          "[drift][downweight-changes][!mayfail]")
{
    setFftPlanning(FftPlanning::Estimate);
    const auto fronts = GENERATE(1, 2);
    const auto speed = GENERATE(0.3, 3.0);
    const auto dose = GENERATE(20.0, 5.0);
    const unsigned seed = 40 + static_cast<unsigned>(fronts * 11 + speed * 3 + dose);
    const double rms = frontRmsPx(frontMovie(fronts, speed, dose, seed), weighted());
    INFO(fronts << " front(s) at " << speed << " px/frame, " << dose << " counts/px, seed " << seed
                << ": RMS " << rms << " px");
    CHECK(rms <= 0.1);
}

// Not met yet: 0.047–0.051 px RMS (session 7: 0.052–0.062; the default gives ≤ 0.02 px on such
// scenes), which is one reason the option is off by default (docs/performance.md).
TEST_CASE("change weighting keeps static textured scenes within 0.02 px RMS",
          "[drift][downweight-changes][!mayfail]")
{
    setFftPlanning(FftPlanning::Estimate);
    const auto seed = GENERATE(3u, 4u);
    const int n = 60;
    const auto scene = test::makeDriftScene(256, 256, randomWalk(n, 0.4, seed),
                                            randomWalk(n, 0.4, seed + 10), 20.0, seed + 20);
    const DriftResult result = estimateDrift(*scene.movie, weighted(), Progress::none());
    const double rms = test::rmsError(scene.dxPx, scene.dyPx, result.dxPx, result.dyPx);
    INFO("seed " << seed << ": RMS " << rms << " px");
    CHECK(rms <= 0.02);
}

TEST_CASE("change-weighted drift is the same within any thread budget",
          "[drift][downweight-changes][thread-budget]")
{
    setFftPlanning(FftPlanning::Estimate);
    const FrontMovie m = frontMovie(2, 1.0, 20.0, 77);
    const Movie movie(m.synth.reader());
    const DriftResult unlimited = estimateDrift(movie, weighted(), Progress::none());
    for (int budget : {1, 2}) {
        const ScopedThreadBudget scoped(budget);
        CHECK(estimateDrift(movie, weighted(), Progress::none()) == unlimited);
    }
}
