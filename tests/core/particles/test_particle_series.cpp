// particleCountsOverMovie: counts per sliding window and region, times from the calibration.

#include "insitu/error.h"
#include "insitu/io/memory_reader.h"
#include "insitu/particles/particle_series.h"
#include "insitu/synth/particle_field.h"

#include <catch2/catch.hpp>

using namespace insitu;

TEST_CASE("particles: counts per sliding window over a movie", "[particles]")
{
    ParticleFieldScene s;
    s.imaging.frames = 6;
    s.imaging.width = s.imaging.height = 256;
    s.imaging.drift = false;
    s.particleCount = 60;
    const SynthMovie synth = renderParticleField(s);
    Calibration cal;
    cal.nmPerPixel = s.imaging.nmPerPixel;
    cal.frameIntervalS = 2.0;
    Movie movie(std::make_unique<MemoryMovieReader>(synth.frames, PixelType::UInt16, cal));
    Roi left{.id = 1, .name = "left", .shape = RoiShape::Rectangle, .points = {{0, 0}, {127, 255}}};
    Roi right{
        .id = 2, .name = "right", .shape = RoiShape::Rectangle, .points = {{128, 0}, {255, 255}}};
    const auto rows = particleCountsOverMovie(movie, 3, 3, {left, right}, ParticleOptions{});
    REQUIRE(rows.size() == 4);
    CHECK(rows[0].region == "left");
    CHECK(rows[1].region == "right");
    CHECK(rows[2].firstFrame == 3);
    CHECK(rows[2].lastFrame == 5);
    REQUIRE(rows[2].timeS);
    CHECK(*rows[2].timeS == Approx(8.0));
    const auto truthCount = static_cast<int>(synth.truth.particles.size());
    const int found = rows[0].count + rows[1].count;
    CHECK(found >= 0.8 * truthCount); // edge-cut particles are left out of the counts
    CHECK(found <= truthCount);
    CHECK(rows[0].count + rows[1].count == rows[2].count + rows[3].count);
    CHECK_THROWS_AS(particleCountsOverMovie(movie, 7, 1, {}, ParticleOptions{}), Error);
}
