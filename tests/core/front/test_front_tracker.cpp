#include "front_scene.h"

#include "insitu/front/front_tracker.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

using namespace insitu;
using insitu::test::KymographScene;
using insitu::test::renderKymograph;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

Kymograph kymographOf(const KymographScene& scene)
{
    Kymograph k;
    k.values = renderKymograph(scene);
    return k;
}

struct Errors
{
    double rms = 0;
    double maxAbs = 0;
    int count = 0;
};

Errors errorsOf(const FrontTrack& track, const std::function<double(int)>& truth)
{
    Errors e;
    double sum = 0;
    for (std::size_t i = 0; i < track.frames.size(); ++i) {
        const double t = truth(track.frames[i]);
        if (std::isnan(t))
            continue;
        const double d = track.positionsPx[i] - t;
        sum += d * d;
        e.maxAbs = std::max(e.maxAbs, std::abs(d));
        ++e.count;
    }
    e.rms = e.count ? std::sqrt(sum / e.count) : 0;
    return e;
}

} // namespace

TEST_CASE("trackFronts follows a slow front at 20 counts/px within 0.5 px RMS", "[front]")
{
    KymographScene scene;
    const auto truth = [](int t) { return 40.0 + 0.35 * t; };
    scene.fronts = {{truth, 0.7}};
    scene.wireEndCol = 180; // a static edge that must not be taken for a front
    const FrontResult result = trackFronts(kymographOf(scene), {}, Progress::none());
    REQUIRE(result.fronts.size() == 1);
    const FrontTrack& track = result.fronts[0];
    CHECK(track.frames.size() >= 140);
    const Errors e = errorsOf(track, truth);
    CHECK(e.rms <= 0.5);
    CHECK(e.maxAbs <= 3.0);
    CHECK(track.brighterAhead);
    CHECK(track.direction == 1);
    CHECK(track.confidence.size() == track.frames.size());
}

TEST_CASE("trackFronts keeps 0.5 px RMS with particles appearing behind the front", "[front]")
{
    KymographScene scene;
    const auto truth = [](int t) { return 40.0 + 0.35 * t; };
    scene.fronts = {{truth, 0.7}};
    scene.particleCount = 12;
    const FrontResult result = trackFronts(kymographOf(scene), {}, Progress::none());
    REQUIRE(result.fronts.size() == 1);
    const Errors e = errorsOf(result.fronts[0], truth);
    INFO("rms " << e.rms << " max " << e.maxAbs);
    CHECK(e.rms <= 0.5);
    CHECK(e.maxAbs <= 3.0);
}

TEST_CASE("trackFronts at 5 counts/px stays within 1.2 px RMS", "[front]")
{
    KymographScene scene;
    scene.dosePerPx = 5;
    const auto truth = [](int t) { return 30.0 + 0.5 * t; };
    scene.fronts = {{truth, 0.7}};
    const FrontResult result = trackFronts(kymographOf(scene), {}, Progress::none());
    REQUIRE(result.fronts.size() == 1);
    CHECK(errorsOf(result.fronts[0], truth).rms <= 1.2);
}

TEST_CASE("trackFronts finds a darker-ahead front moving towards the start", "[front]")
{
    KymographScene scene;
    // a front moving backwards, brighter behind: reflect a normal front
    const auto truth = [](int t) { return 160.0 - 0.6 * t; };
    scene.levelAhead = 0.6;
    scene.fronts = {{[&](int t) { return truth(t); }, 1.0}};
    // render with levels flipped by position: here "behind" (towards the start) is bright
    const FrontResult result = trackFronts(kymographOf(scene), {}, Progress::none());
    REQUIRE(result.fronts.size() == 1);
    const FrontTrack& track = result.fronts[0];
    CHECK(track.direction == -1);
    CHECK(errorsOf(track, truth).rms <= 0.6);
}

TEST_CASE("trackFronts finds two fronts eight times apart in speed, ordered along the line",
          "[front]")
{
    KymographScene scene;
    scene.cols = 260;
    const auto slow = [](int t) { return 20.0 + 0.2 * t; };
    const auto fast = [](int t) { return 40.0 + 1.6 * t; };
    scene.fronts = {{slow, 0.55}, {fast, 0.8}};
    FrontOptions options;
    options.frontCount = 2;
    const FrontResult result = trackFronts(kymographOf(scene), options, Progress::none());
    REQUIRE(result.fronts.size() == 2);
    CHECK(result.fronts[0].index == 0);
    CHECK(errorsOf(result.fronts[0], slow).rms <= 0.6);
    CHECK(errorsOf(result.fronts[1], fast).rms <= 0.8);
    // the fast front leaves the 260-column path near frame 137: no invented positions after it
    CHECK(result.fronts[1].frames.back() <= 138);
}

TEST_CASE("trackFronts gives no positions before a front appears", "[front]")
{
    KymographScene scene;
    const auto late = [](int t) { return t < 60 ? kNaN : 50.0 + 0.5 * (t - 60); };
    scene.fronts = {{late, 0.7}};
    const FrontResult result = trackFronts(kymographOf(scene), {}, Progress::none());
    REQUIRE(result.fronts.size() == 1);
    CHECK(result.fronts[0].frames.front() >= 57);
    CHECK(result.fronts[0].frames.front() <= 66);
    CHECK(errorsOf(result.fronts[0], late).rms <= 0.6);
}

TEST_CASE("trackFronts finds nothing in noise or in static edges", "[front]")
{
    KymographScene scene;
    scene.wireEndCol = 120;
    FrontOptions options;
    options.frontCount = 2;
    const FrontResult result = trackFronts(kymographOf(scene), options, Progress::none());
    CHECK(result.fronts.empty());
}

TEST_CASE("pins force a front through hand-corrected positions", "[front]")
{
    KymographScene scene;
    const auto truth = [](int t) { return 40.0 + 0.35 * t; };
    scene.fronts = {{truth, 0.7}};
    const Kymograph k = kymographOf(scene);
    // the user insists the front is 10 px further on at frame 100
    const std::vector<std::vector<FrontPin>> pins = {{{100, truth(100) + 10.0}}};
    const FrontResult result = trackFronts(k, {}, pins, Progress::none());
    REQUIRE(result.fronts.size() == 1);
    const FrontTrack& track = result.fronts[0];
    REQUIRE(track.pins.size() == 1);
    CHECK(track.pins[0] == FrontPin{100, truth(100) + 10.0});
    bool sawPin = false;
    for (std::size_t i = 0; i < track.frames.size(); ++i)
        if (track.frames[i] == 100) {
            sawPin = true;
            CHECK(track.positionsPx[i] == Approx(truth(100) + 10.0));
            CHECK(track.confidence[i] == 1.0);
        }
    CHECK(sawPin);
    // far from the pin the path still follows the front
    for (std::size_t i = 0; i < track.frames.size(); ++i)
        if (track.frames[i] == 20)
            CHECK(std::abs(track.positionsPx[i] - truth(20)) < 1.5);
}
