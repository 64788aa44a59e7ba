// estimateDrift with default options on the bundled nanowire-front sample (small frame, no
// support-film texture, moving fronts, Poisson noise): the only x-features lie near the frame
// edges, so the window must not suppress them; and issue 14's target on other such movies
// (speeds, angles, one or two fronts), which is not met yet.

#include "drift_scene.h"
#include "support/test_paths.h"

#include "insitu/io/movie.h"
#include "insitu/registration/drift.h"
#include "insitu/registration/fft_planning.h"
#include "insitu/synth/nanowire_front.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <fstream>

using namespace insitu;

TEST_CASE("default drift options register the nanowire-front sample within 0.3 px RMS", "[drift]")
{
    setFftPlanning(FftPlanning::Estimate);
    const auto dir = test::sourceDir() / "data/samples";
    const auto movie = openMovie(dir / "nanowire-front.tif");
    std::ifstream in(dir / "nanowire-front.truth.json");
    REQUIRE(in);
    const auto truth = nlohmann::json::parse(in);
    const auto dxTrue = truth.at("drift").at("dx_px").get<std::vector<double>>();
    const auto dyTrue = truth.at("drift").at("dy_px").get<std::vector<double>>();
    REQUIRE(static_cast<int>(dxTrue.size()) == movie->frameCount());

    const DriftResult result = estimateDrift(*movie, {}, Progress::none());
    REQUIRE(result.frameCount() == movie->frameCount());
    double worst = 0;
    for (std::size_t k = 0; k < dxTrue.size(); ++k)
        worst = std::max(worst, std::hypot(result.dxPx[k] - dxTrue[k], result.dyPx[k] - dyTrue[k]));
    CHECK(test::rmsError(dxTrue, dyTrue, result.dxPx, result.dyPx) <= 0.3);
    CHECK(worst <= 1.0);
}

namespace {

/// RMS Euclidean drift error (px) of estimateDrift with options on a synthetic nanowire-front
/// movie (`insitu synth nanowire-front`: 256×112 px, 20 counts/px, random-walk drift).
double frontMovieRmsPx(int fronts, double speedPxPerFrame, double angleDeg, unsigned seed,
                       const DriftOptions& options)
{
    NanowireFrontScene scene;
    scene.imaging.frames = 120;
    scene.imaging.seed = seed;
    scene.fronts = fronts;
    scene.angleDeg = angleDeg;
    const double nmPerFrame = scene.imaging.nmPerPixel / scene.imaging.frameIntervalS;
    scene.leading.rateNm = speedPxPerFrame * nmPerFrame;
    scene.trailing.rateNm = scene.leading.rateNm / 2.8;
    scene.trailing.onsetS = 20 * scene.imaging.frameIntervalS;
    const SynthMovie synth = renderNanowireFront(scene);
    const Movie movie(synth.reader());
    const DriftResult result = estimateDrift(movie, options, Progress::none());
    std::vector<double> dxTrue, dyTrue;
    for (std::size_t k = 0; k < synth.truth.dxPx.size(); ++k) {
        dxTrue.push_back(synth.truth.dxPx[k] - synth.truth.dxPx[0]);
        dyTrue.push_back(synth.truth.dyPx[k] - synth.truth.dyPx[0]);
    }
    return test::rmsError(dxTrue, dyTrue, result.dxPx, result.dyPx);
}

} // namespace

// Issue 14's target (≤ 0.1 px RMS on front movies) is not met yet: the default gives 0.2–0.4 px
// at 0.3–1 px/frame and 0.35–0.8 px at 3 px/frame (docs/performance.md, Drift, front movies).
TEST_CASE("moving fronts do not pull the default drift (speeds, angles, 1 or 2 fronts)",
          "[drift][!mayfail]")
{
    setFftPlanning(FftPlanning::Estimate);
    const auto fronts = GENERATE(1, 2);
    const auto speed = GENERATE(0.5, 3.0);
    const double angle = fronts == 1 ? 4.0 : 9.0;
    const unsigned seed = 10 + static_cast<unsigned>(fronts * 7 + speed * 3);
    const double rms = frontMovieRmsPx(fronts, speed, angle, seed, {});
    INFO(fronts << " front(s) at " << speed << " px/frame, wire at " << angle << "°, seed " << seed
                << ": RMS " << rms << " px");
    CHECK(rms <= 0.1);
}
