// estimateWireWidthPx: the wire's width under a path, on synthetic wires of several widths,
// angles, doses and swelling, on the bundled sample, and not found off the wire.

#include "support/test_paths.h"

#include "insitu/error.h"
#include "insitu/front/wire_width.h"
#include "insitu/io/movie.h"
#include "insitu/synth/nanowire_front.h"

#include <catch2/catch.hpp>

#include <cmath>

using namespace insitu;

namespace {

constexpr double kDegToRad = 3.14159265358979323846 / 180.0;

/// A 180 px wire of the given width through a 256² frame, a few frames long, with particles,
/// drift, flicker and Poisson noise.
NanowireFrontScene wireScene(double widthPx, double angleDeg, double dose, std::uint64_t seed)
{
    NanowireFrontScene scene;
    scene.imaging.frames = 6;
    scene.imaging.width = 256;
    scene.imaging.height = 256;
    scene.imaging.dosePerPx = dose;
    scene.imaging.seed = seed;
    scene.angleDeg = angleDeg;
    scene.lengthPx = 180;
    scene.contactXPx = 128 - 90 * std::cos(angleDeg * kDegToRad);
    scene.contactYPx = 128 - 90 * std::sin(angleDeg * kDegToRad);
    scene.halfWidthPx = widthPx / 2;
    scene.fronts = 1;
    return scene;
}

/// The scene's truth line as a path ROI, moved sideways by offsetPx.
Roi pathOf(const SceneTruth& truth, double offsetPx = 0)
{
    const auto& l = *truth.lineX0Y0X1Y1;
    const double length = std::hypot(l[2] - l[0], l[3] - l[1]);
    const double nx = -(l[3] - l[1]) / length;
    const double ny = (l[2] - l[0]) / length;
    Roi roi;
    roi.points = {{l[0] + offsetPx * nx, l[1] + offsetPx * ny},
                  {l[2] + offsetPx * nx, l[3] + offsetPx * ny}};
    return roi;
}

DriftResult trueDrift(const SceneTruth& truth)
{
    DriftResult drift;
    drift.dxPx = truth.dxPx;
    drift.dyPx = truth.dyPx;
    return drift;
}

} // namespace

TEST_CASE("wire width: within 1.5 px over widths, angles, doses and seeds", "[front][wire-width]")
{
    const double widths[] = {8, 14, 24, 40, 64};
    const double angles[] = {0, 4, 27, -41};
    const double doses[] = {20, 5};
    int cases = 0;
    for (double width : widths)
        for (double angle : angles)
            for (double dose : doses) {
                const auto seed = static_cast<std::uint64_t>(++cases);
                const SynthMovie synth = renderNanowireFront(wireScene(width, angle, dose, seed));
                const Movie movie(synth.reader());
                const DriftResult drift = trueDrift(synth.truth);
                const WireWidth wire = estimateWireWidthPx(movie, pathOf(synth.truth), &drift);
                INFO("width " << width << " px, angle " << angle << "°, dose " << dose);
                REQUIRE(wire.found);
                CHECK(std::abs(wire.widthPx - width) <= 1.5);
            }
}

TEST_CASE("wire width: the pristine width when a third of the wire has already swollen",
          "[front][wire-width]")
{
    NanowireFrontScene scene = wireScene(30, 4, 20, 7);
    scene.leading.startPx = 60; // 1.25 × wider up to there
    const SynthMovie synth = renderNanowireFront(scene);
    const Movie movie(synth.reader());
    const DriftResult drift = trueDrift(synth.truth);
    const WireWidth wire = estimateWireWidthPx(movie, pathOf(synth.truth), &drift);
    REQUIRE(wire.found);
    CHECK(std::abs(wire.widthPx - 30) <= 1.5);
}

TEST_CASE("wire width: a path a few px off the axis and no drift correction still measure it",
          "[front][wire-width]")
{
    const SynthMovie synth = renderNanowireFront(wireScene(32, 10, 20, 3));
    const Movie movie(synth.reader());
    const WireWidth wire = estimateWireWidthPx(movie, pathOf(synth.truth, 5), nullptr);
    REQUIRE(wire.found);
    CHECK(std::abs(wire.widthPx - 32) <= 1.5);
}

TEST_CASE("wire width: not found along bare support", "[front][wire-width]")
{
    const SynthMovie synth = renderNanowireFront(wireScene(20, 0, 20, 4));
    const Movie movie(synth.reader());
    Roi offWire;
    offWire.points = {{60, 40}, {200, 40}}; // 88 px above the wire's axis
    const WireWidth wire = estimateWireWidthPx(movie, offWire, nullptr);
    CHECK_FALSE(wire.found);
    CHECK(defaultBandWidthPx(wire).source == "fallback");
    CHECK(defaultBandWidthPx(wire).widthPx == kFallbackBandWidthPx);
}

TEST_CASE("wire width: the bundled sample's 32 px wire and its default band", "[front][wire-width]")
{
    const auto movie = openMovie(test::sourceDir() / "data/samples/nanowire-front.tif");
    Roi path; // `line.arg` of data/samples/nanowire-front.truth.json
    path.points = {{22.0, 53.0}, {245.45, 68.63}};
    const WireWidth wire = estimateWireWidthPx(*movie, path, nullptr);
    REQUIRE(wire.found);
    CHECK(std::abs(wire.widthPx - 32) <= 1.5);
    const BandWidthChoice band = defaultBandWidthPx(wire);
    CHECK(band.source == "wire");
    CHECK(band.widthPx == std::round(0.75 * wire.widthPx));
}

TEST_CASE("wire width: the default band is three quarters of the wire, within 5 to 100 px",
          "[front][wire-width]")
{
    WireWidth wire;
    wire.found = true;
    wire.widthPx = 31.4;
    CHECK(defaultBandWidthPx(wire).widthPx == 24);
    wire.widthPx = 4;
    CHECK(defaultBandWidthPx(wire).widthPx == 5);
    wire.widthPx = 400;
    CHECK(defaultBandWidthPx(wire).widthPx == 100);
}

TEST_CASE("wire width: refuses a drift result of the wrong length", "[front][wire-width]")
{
    const SynthMovie synth = renderNanowireFront(wireScene(20, 0, 20, 5));
    const Movie movie(synth.reader());
    DriftResult drift;
    drift.dxPx = {0, 0};
    drift.dyPx = {0, 0};
    CHECK_THROWS_AS(estimateWireWidthPx(movie, pathOf(synth.truth), &drift), Error);
}
