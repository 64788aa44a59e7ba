#include "insitu/front/front_fit.h"
#include "insitu/front/front_tracker.h"
#include "insitu/front/kymograph.h"
#include "insitu/io/movie.h"
#include "insitu/synth/nanowire_front.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <map>

using namespace insitu;

namespace {

struct TrackedScene
{
    SynthMovie synth;
    Kymograph kymograph;
    FrontResult result;
};

TrackedScene trackScene(const NanowireFrontScene& scene, int frontCount, double widthPx = 22)
{
    TrackedScene out;
    out.synth = renderNanowireFront(scene);
    const Movie movie(out.synth.reader());
    // the true drift isolates the front tracker from the drift estimator (tested on its own)
    DriftResult drift;
    drift.dxPx = out.synth.truth.dxPx;
    drift.dyPx = out.synth.truth.dyPx;
    Roi roi;
    const auto& line = *out.synth.truth.lineX0Y0X1Y1;
    roi.points = {{line[0], line[1]}, {line[2], line[3]}};
    roi.widthPx = widthPx;
    out.kymograph = buildKymograph(movie, roi, &drift, Progress::none());
    FrontOptions options;
    options.frontCount = frontCount;
    out.result = trackFronts(out.kymograph, options, Progress::none());
    return out;
}

struct Errors
{
    double rms = 0;
    double maxAbs = 0;
    int count = 0;
};

Errors errorsOf(const FrontTrack& track, const FrontTruth& truth)
{
    std::map<int, double> truthAt;
    for (std::size_t i = 0; i < truth.frames.size(); ++i)
        truthAt[truth.frames[i]] = truth.positionsPx[i];
    Errors e;
    double sum = 0;
    for (std::size_t i = 0; i < track.frames.size(); ++i) {
        const auto it = truthAt.find(track.frames[i]);
        if (it == truthAt.end())
            continue;
        const double d = track.positionsPx[i] - it->second;
        sum += d * d;
        e.maxAbs = std::max(e.maxAbs, std::abs(d));
        ++e.count;
    }
    e.rms = e.count ? std::sqrt(sum / e.count) : 0;
    return e;
}

NanowireFrontScene oneFrontScene(double dose, FrontLaw law, std::uint64_t seed)
{
    NanowireFrontScene scene;
    scene.imaging.frames = 150;
    scene.imaging.dosePerPx = dose;
    scene.imaging.seed = seed;
    scene.fronts = 1;
    scene.law = law;
    if (law == FrontLaw::Sqrt)
        scene.leading.rateNm = 3.0; // nm/√s: about 45 nm in 75 s
    return scene;
}

} // namespace

TEST_CASE("insitu front on a drifting nanowire at 20 counts/px: RMS ≤ 0.5 px, velocity ≤ 1 %",
          "[front]")
{
    const TrackedScene s = trackScene(oneFrontScene(20, FrontLaw::Linear, 11), 1);
    REQUIRE(s.result.fronts.size() == 1);
    const FrontTrack& track = s.result.fronts[0];
    const FrontTruth& truth = s.synth.truth.fronts.at(0);
    CHECK(track.frames.size() >= 100);
    const Errors e = errorsOf(track, truth);
    INFO("rms " << e.rms << " max " << e.maxAbs << " over " << e.count);
    CHECK(e.rms <= 0.5);
    CHECK(e.maxAbs <= 3.0);
    FrontResult fitted = s.result;
    fitFronts(fitted, s.kymograph, "linear");
    REQUIRE(fitted.fronts[0].fit);
    const FitParameter* v = fitted.fronts[0].fit->param("v_nm_per_s");
    REQUIRE(v);
    CHECK(v->value == Approx(truth.velocityNmPerS).epsilon(0.01));
}

TEST_CASE("insitu front tells √t from linear kinetics on a nanowire", "[front]")
{
    const TrackedScene s = trackScene(oneFrontScene(20, FrontLaw::Sqrt, 12), 1);
    REQUIRE(s.result.fronts.size() == 1);
    INFO("rms " << errorsOf(s.result.fronts[0], s.synth.truth.fronts.at(0)).rms);
    FrontResult fitted = s.result;
    fitFronts(fitted, s.kymograph, "auto");
    REQUIRE(fitted.fronts[0].fit);
    CHECK(fitted.fronts[0].fit->model == "parabolic");
    const TrackedScene linear = trackScene(oneFrontScene(20, FrontLaw::Linear, 13), 1);
    REQUIRE(linear.result.fronts.size() == 1);
    FrontResult fittedLinear = linear.result;
    fitFronts(fittedLinear, linear.kymograph, "auto");
    REQUIRE(fittedLinear.fronts[0].fit);
    CHECK(fittedLinear.fronts[0].fit->model == "linear");
}

TEST_CASE("insitu front at 5 counts/px on a nanowire: RMS ≤ 1.2 px", "[front]")
{
    const TrackedScene s = trackScene(oneFrontScene(5, FrontLaw::Linear, 14), 1);
    REQUIRE(s.result.fronts.size() == 1);
    const Errors e = errorsOf(s.result.fronts[0], s.synth.truth.fronts.at(0));
    INFO("rms " << e.rms << " max " << e.maxAbs << " over " << e.count);
    CHECK(e.rms <= 1.2);
}

TEST_CASE("insitu front finds both fronts of a nanowire, ordered along the line", "[front]")
{
    NanowireFrontScene scene;
    scene.imaging.frames = 150;
    scene.imaging.seed = 15;
    scene.leading.rateNm = 1.2; // ~7× the trailing front
    scene.trailing = {.startPx = 0, .onsetS = 15, .rateNm = 0.17};
    const TrackedScene s = trackScene(scene, 2);
    REQUIRE(s.result.fronts.size() == 2);
    REQUIRE(s.synth.truth.fronts.size() == 2);
    for (int i = 0; i < 2; ++i) {
        const Errors e = errorsOf(s.result.fronts[i], s.synth.truth.fronts[i]);
        INFO("front " << i << " rms " << e.rms << " max " << e.maxAbs << " over " << e.count);
        CHECK(e.count >= 50);
        CHECK(e.rms <= 0.8);
    }
}
