// Particle outlines of an areas result as ImageJ ROIs: one polygon per particle and frame, on its
// frame, surviving RoiSet.zip and the conversion back to 1e-4 px.
#include "insitu/roi/imagej_roi.h"

#include "support/test_paths.h"

#include <catch2/catch.hpp>

using namespace insitu;

TEST_CASE("Area outlines export one positioned polygon ROI per particle and frame", "[imagej-roi]")
{
    AreaResult areas;
    for (int p = 0; p < 2; ++p) {
        AreaTrack track;
        track.index = p;
        for (int k = 3; k < 6; ++k) {
            const double x = 10.125 + 20 * p + k, y = 7.3;
            track.frames.push_back(k);
            track.outlinesPx.push_back({{x, y}, {x + 5.5, y}, {x + 5.5, y + 4.25}, {x, y + 4.25}});
        }
        areas.particles.push_back(track);
    }
    const auto rois = areaOutlineRois(areas);
    REQUIRE(rois.size() == 6);
    CHECK(rois[4].name == "P1 f4");
    CHECK(rois[4].type == ImageJRoiType::Polygon);
    CHECK(rois[4].frame() == 4);

    const auto file = test::scratchDir("roi-outlines") / "RoiSet.zip";
    writeImageJRoiSet(rois, file);
    const auto back = readImageJRois(file);
    REQUIRE(back.size() == 6);
    for (std::size_t i = 0; i < back.size(); ++i) {
        INFO("ROI " << back[i].name);
        CHECK(back[i].frame() == rois[i].frame());
        std::vector<std::string> notes;
        const auto ours = toWorkbenchRois(back[i], notes);
        REQUIRE(ours.size() == 1);
        const auto& expected = areas.particles[i / 3].outlinesPx[i % 3];
        REQUIRE(ours[0].points.size() == expected.size());
        for (std::size_t v = 0; v < expected.size(); ++v) {
            CHECK(ours[0].points[v].x == Approx(expected[v].x).margin(1e-4));
            CHECK(ours[0].points[v].y == Approx(expected[v].y).margin(1e-4));
        }
    }
}
