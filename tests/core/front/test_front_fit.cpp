// fitFronts: the one kinetics-of-fronts path (series, too-few-frames rule, per-frame estimates).

#include "front_scene.h"

#include "insitu/front/front_fit.h"
#include "insitu/front/front_tracker.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <random>

using namespace insitu;

namespace {

/// A front at 0.6 px/frame: smoothed positions biased by +2 px, per-frame estimates unbiased.
FrontTrack linearTrack(int frames, std::uint64_t seed)
{
    std::mt19937_64 random(seed);
    std::normal_distribution<double> normal(0.0, 0.3);
    FrontTrack track;
    for (int f = 0; f < frames; ++f) {
        const double truth = 10 + 0.6 * f;
        track.frames.push_back(f + 3);
        track.positionsPx.push_back(truth + 2);
        track.framePositionsPx.push_back(truth + normal(random));
        track.frameStdPx.push_back(0.3);
        track.confidence.push_back(0.9);
    }
    return track;
}

std::vector<double> frameTimes(int count, double intervalS)
{
    std::vector<double> times;
    for (int f = 0; f < count; ++f)
        times.push_back(f * intervalS);
    return times;
}

} // namespace

TEST_CASE("fitFronts fits the per-frame estimates in nm against time", "[front][fit]")
{
    FrontResult result;
    result.fronts = {linearTrack(60, 3)};
    FitOptions options;
    options.model = "linear";
    const auto warnings = fitFronts(result, frameTimes(70, 0.5), 0.25, options);
    CHECK(warnings.empty());
    const auto& fit = result.fronts[0].fit;
    REQUIRE(fit);
    CHECK(fit->xUnit == "s");
    CHECK(fit->yUnit == "nm");
    CHECK(fit->ciMethod == "moving-block-bootstrap");
    const auto* v = fit->param("v_nm_per_s");
    REQUIRE(v);
    // 0.6 px/frame · 0.25 nm/px / 0.5 s/frame = 0.3 nm/s; L0 at t = 0 (frame 3 is 1.5 s).
    INFO("v " << v->value << " [" << v->ci95Low << ", " << v->ci95High << "] rsd "
              << fit->residualSd << " n " << fit->pointCount);
    CHECK(v->ci95Low <= 0.3);
    CHECK(0.3 <= v->ci95High);
    const auto* l0 = fit->param("L0_nm");
    CHECK(l0->value == Approx(0.25 * (10 - 0.6 * 3)).margin(0.15)); // not the +2 px smoothed bias
}

TEST_CASE("fitFronts falls back to positionsPx, frames and px without calibration", "[front][fit]")
{
    FrontTrack track = linearTrack(20, 2);
    track.framePositionsPx.clear();
    track.frameStdPx.clear();
    const auto series = frontFitSeries(track, {}, std::nullopt);
    CHECK_FALSE(series.perFrame);
    CHECK(series.xUnit == "frame");
    CHECK(series.yUnit == "px");
    CHECK(series.x.front() == 3);
    CHECK(series.y == track.positionsPx);
    FrontResult result;
    result.fronts = {track};
    Kymograph kymograph; // no times, no pixel size
    CHECK(fitFronts(result, kymograph, "linear").empty());
    REQUIRE(result.fronts[0].fit);
    CHECK(result.fronts[0].fit->param("v_px_per_frame")->value == Approx(0.6).epsilon(1e-9));
}

TEST_CASE("fronts with fewer than 5 usable frames get no fit and a warning", "[front][fit]")
{
    FrontResult result;
    result.fronts = {linearTrack(4, 3), linearTrack(8, 4)};
    result.fronts[1].index = 1;
    // Three frames of the second front have no per-frame estimate: 5 usable frames remain.
    for (int i : {0, 2, 4})
        result.fronts[1].frameStdPx[static_cast<std::size_t>(i)] = std::nan("");
    result.fronts[0].fit = FitResult{};
    FitOptions options;
    options.model = "linear";
    const auto warnings = fitFronts(result, frameTimes(20, 1.0), 0.5, options);
    REQUIRE(warnings.size() == 1);
    CHECK(warnings[0] == "front 0: 4 frames, a fit needs at least 5");
    CHECK_FALSE(result.fronts[0].fit);
    REQUIRE(result.fronts[1].fit);
    CHECK(result.fronts[1].fit->pointCount == 5);

    for (int i : {1, 3})
        result.fronts[1].frameStdPx[static_cast<std::size_t>(i)] = std::nan("");
    const auto fewer = fitFronts(result, frameTimes(20, 1.0), 0.5, options);
    REQUIRE(fewer.size() == 2);
    CHECK(fewer[1] == "front 1: 3 frames, a fit needs at least 5");
}

TEST_CASE("a pinned frame enters the fit at its pin", "[front][fit]")
{
    FrontTrack track = linearTrack(10, 5);
    track.pins = {{5, 100.0}};
    const auto series = frontFitSeries(track, frameTimes(20, 1.0), 2.0);
    CHECK(series.perFrame);
    CHECK(series.y[2] == 200.0); // frame 5 is the third entry; 100 px · 2 nm/px
    CHECK(series.yStd[0] == 0.6);
    CHECK(series.x[2] == 5.0);
}

TEST_CASE("tracked synthetic kymographs: the interval of v contains the truth",
          "[front][fit][coverage]")
{
    // trackFronts + fitFronts on ten seeds of one linear front (0.6 px/frame, 20 counts/px).
    // fitFronts fits the tracker's per-frame estimates (framePositionsPx): measured 10/10
    // covered. On the smoothed positionsPx alone (the fallback for older results) the same
    // seeds gave 7/10, and the t interval 1/10 (issue 14: 2 of 10).
    constexpr int seeds = 10;
    constexpr double pxPerFrame = 0.6;
    int covered = 0;
    int coveredByT = 0;
    for (int seed = 0; seed < seeds; ++seed) {
        insitu::test::KymographScene scene;
        scene.seed = 100 + static_cast<unsigned>(seed);
        scene.fronts = {{[](int t) { return 30.0 + pxPerFrame * t; }}};
        Kymograph kymograph;
        kymograph.values = insitu::test::renderKymograph(scene);
        FrontResult result = trackFronts(kymograph, {}, Progress::none());
        REQUIRE(result.fronts.size() == 1);
        FitOptions options;
        options.model = "linear";
        REQUIRE(fitFronts(result, kymograph.timesS, std::nullopt, options).empty());
        const auto* v = result.fronts[0].fit->param("v_px_per_frame");
        options.interval.method = IntervalMethod::T;
        FrontResult tResult = result;
        REQUIRE(fitFronts(tResult, kymograph.timesS, std::nullopt, options).empty());
        const auto* vt = tResult.fronts[0].fit->param("v_px_per_frame");
        INFO("seed " << seed << ": v " << v->value << " [" << v->ci95Low << ", " << v->ci95High
                     << "], t [" << vt->ci95Low << ", " << vt->ci95High << "], n_eff "
                     << result.fronts[0].fit->ciEffectiveSamples);
        CHECK(v->value == Approx(pxPerFrame).epsilon(0.02));
        CHECK(result.fronts[0].fit->pointCount >= 100); // per-frame estimates in most frames
        covered += v->ci95Low <= pxPerFrame && pxPerFrame <= v->ci95High ? 1 : 0;
        coveredByT += vt->ci95Low <= pxPerFrame && pxPerFrame <= vt->ci95High ? 1 : 0;
    }
    INFO("covered " << covered << "/" << seeds << ", by t " << coveredByT << "/" << seeds);
    CHECK(covered >= 9);
    CHECK(covered >= coveredByT);
}
