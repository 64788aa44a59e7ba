// Overlay layers of a project movie: drift placement, traced raster results, and their pixels in
// a rendered movie at the drift-shifted places.
#include "insitu/error.h"
#include "insitu/io/memory_reader.h"
#include "insitu/io/movie.h"
#include "insitu/render/project_overlays.h"

#include "support/test_paths.h"

#include <catch2/catch.hpp>
#include <opencv2/videoio.hpp>

#include <algorithm>
#include <memory>

using namespace insitu;

namespace {

DriftResult driftOf(int frames)
{
    DriftResult d;
    for (int k = 0; k < frames; ++k) {
        d.dxPx.push_back(k % 3);    // 0, 1, 2, 0, …
        d.dyPx.push_back(-(k % 2)); // 0, −1, 0, −1, …
    }
    return d;
}

/// A movie of one grey level, and a project movie with drift, a 20 × 12 px crystalline rectangle
/// (map of frame 0) and a particle outline found in every frame's image at x0 + dx_k.
struct Scene
{
    std::unique_ptr<Movie> movie;
    ProjectMovie pm;
};

Scene makeScene(int frames, int width, int height)
{
    Scene s;
    std::vector<cv::Mat> mats(static_cast<std::size_t>(frames),
                              cv::Mat(height, width, CV_16U, cv::Scalar(100)));
    s.movie = std::make_unique<Movie>(
        std::make_unique<MemoryMovieReader>(std::move(mats), PixelType::UInt16, Calibration{}));
    s.pm.id = 1;
    s.pm.path = "scene.tif";
    s.pm.drift = ProjectDrift{driftOf(frames), {}};
    ProjectCrystallinityMap map;
    map.frame = 0;
    map.rows = height;
    map.cols = width;
    map.mask.assign(static_cast<std::size_t>(width * height), 0);
    for (int r = 10; r < 22; ++r)
        for (int c = 8; c < 28; ++c)
            map.mask[static_cast<std::size_t>(r * width + c)] = 255;
    s.pm.fft.map = map;
    ProjectAreas areas;
    AreaTrack track;
    track.index = 0;
    for (int k = 0; k < frames; ++k) {
        const double x = 40 + s.pm.drift->result.dxPx[static_cast<std::size_t>(k)];
        const double y = 30 + s.pm.drift->result.dyPx[static_cast<std::size_t>(k)];
        track.frames.push_back(k);
        track.outlinesPx.push_back({{x, y}, {x + 10, y}, {x + 10, y + 8}, {x, y + 8}});
    }
    areas.result.particles.push_back(track);
    s.pm.areas = areas;
    return s;
}

bool isColour(const cv::Vec3b& bgr, std::array<std::uint8_t, 3> rgb)
{
    return std::abs(bgr[2] - rgb[0]) < 60 && std::abs(bgr[1] - rgb[1]) < 60 &&
           std::abs(bgr[0] - rgb[2]) < 60 && !(bgr[0] == 100 && bgr[1] == 100);
}

} // namespace

TEST_CASE("placeOverlays: frame-0 shapes follow the drift, frame-k shapes come from their frame",
          "[render][overlays]")
{
    const DriftResult drift = driftOf(4); // d1 = (1, −1), d2 = (2, 0), d3 = (0, −1)
    OverlayShape specimen;
    specimen.points = {{10, 10}};
    OverlayShape found = specimen;
    found.imageOfFrame = 1;
    const auto raw = placeOverlays({specimen, found}, 2, &drift, false);
    CHECK(raw[0].points[0].x == Approx(12));
    CHECK(raw[0].points[0].y == Approx(10));
    CHECK(raw[1].points[0].x == Approx(10 - 1 + 2));
    CHECK(raw[1].points[0].y == Approx(10 + 1 + 0));
    CHECK(!raw[1].imageOfFrame);
    const auto corrected = placeOverlays({specimen, found}, 3, &drift, true);
    CHECK(corrected[0].points[0].x == Approx(10));
    CHECK(corrected[1].points[0].x == Approx(9));
    CHECK(corrected[1].points[0].y == Approx(11));
    const auto noDrift = placeOverlays({found}, 3, nullptr, false);
    CHECK(noDrift[0].points[0].x == Approx(10));
}

TEST_CASE("Project layers: traced crystallinity map and grains, missing results named",
          "[render][overlays]")
{
    Scene s = makeScene(3, 64, 48);
    CHECK(availableOverlayLayers(s.pm) == std::vector<std::string>{"outlines", "crystallinity"});
    const auto map = projectOverlayLayer(s.pm, "crystallinity").shapes(2);
    REQUIRE(map.size() == 1);
    CHECK(map[0].imageOfFrame == 0);
    double x0 = 1e9, x1 = -1e9, y0 = 1e9, y1 = -1e9;
    for (const auto& p : map[0].points)
        x0 = std::min(x0, p.x), x1 = std::max(x1, p.x), y0 = std::min(y0, p.y),
        y1 = std::max(y1, p.y);
    CHECK(x0 == 8);
    CHECK(x1 == 27);
    CHECK(y0 == 10);
    CHECK(y1 == 21);

    ProjectGrains grains;
    grains.frame = 1;
    grains.roiPx = {5, 6, 20, 10};
    grains.labelRows = 10;
    grains.labelCols = 20;
    grains.labels.assign(200, 0);
    for (int r = 0; r < 10; ++r)
        for (int c = 0; c < 20; ++c)
            grains.labels[static_cast<std::size_t>(r * 20 + c)] = c < 8 ? 1 : (c > 9 ? 7 : 0);
    s.pm.grains = grains;
    const auto outlines = projectOverlayLayer(s.pm, "grains").shapes(0);
    REQUIRE(outlines.size() == 2);
    CHECK(outlines[0].imageOfFrame == 1);
    const auto xs = [](const OverlayShape& shape) {
        auto [lo, hi] = std::minmax_element(shape.points.begin(), shape.points.end(),
                                            [](auto a, auto b) { return a.x < b.x; });
        return std::pair{lo->x, hi->x};
    };
    CHECK(xs(outlines[0]) == std::pair{5.0, 12.0});  // label 1: columns 0–7 of the ROI at x 5
    CHECK(xs(outlines[1]) == std::pair{15.0, 24.0}); // label 7: columns 10–19

    CHECK_THROWS_AS(projectOverlayLayer(s.pm, "phases"), Error); // no phase map yet
    // phase map: a pore in columns 8–9 of the ROI (between the grains), rows 2–5
    s.pm.grains->classMap.assign(200, 1);
    for (int r = 2; r < 6; ++r)
        for (int c = 8; c < 10; ++c)
            s.pm.grains->classMap[static_cast<std::size_t>(r * 20 + c)] = 3;
    const auto pores = projectOverlayLayer(s.pm, "phases").shapes(0);
    REQUIRE(pores.size() == 1);
    CHECK(xs(pores[0]) == std::pair{13.0, 14.0});
    CHECK(pores[0].rgb == std::array<std::uint8_t, 3>{213, 94, 0});

    CHECK_THROWS_AS(projectOverlayLayer(s.pm, "rois"), Error);   // no ROIs
    CHECK_THROWS_AS(projectOverlayLayer(s.pm, "fronts"), Error); // no fronts
    CHECK_THROWS_AS(projectOverlayLayer(s.pm, "particles"), Error);
    CHECK_THROWS_AS(projectOverlayLayer(s.pm, "glitter"), Error);
    CHECK(projectOverlayLayer(s.pm, "outlines").shapes(2).size() == 1);
    CHECK(projectOverlayLayer(s.pm, "outlines").shapes(7).empty());

    // particles: labels of the whole frame, found in the image of the analysis' first frame
    ProjectParticles particles;
    particles.firstFrame = 2;
    particles.lastFrame = 2;
    particles.result.width = 64;
    particles.result.height = 48;
    particles.labels.assign(64 * 48, 0);
    for (int r = 20; r < 26; ++r)
        for (int c = 30; c < 34; ++c)
            particles.labels[static_cast<std::size_t>(r * 64 + c)] = 4;
    s.pm.particles = particles;
    const auto dots = projectOverlayLayer(s.pm, "particles").shapes(0);
    REQUIRE(dots.size() == 1);
    CHECK(dots[0].imageOfFrame == 2);
    CHECK(xs(dots[0]) == std::pair{30.0, 33.0});
    CHECK(dots[0].rgb != projectOverlayLayer(s.pm, "grains").shapes(0)[0].rgb);
    s.pm.particles->labels.pop_back(); // damaged: labels do not fill the frame
    CHECK_THROWS_AS(projectOverlayLayer(s.pm, "particles"), Error);
}

TEST_CASE("Rendered layers sit where the specimen is on raw and drift-corrected frames",
          "[render][overlays]")
{
    const int frames = 4;
    const Scene s = makeScene(frames, 64, 48);
    const auto overlays = projectOverlays(s.pm, {"outlines", "crystallinity"});
    const std::array<std::uint8_t, 3> orange{230, 159, 0}, green{0, 158, 115};
    for (const bool corrected : {false, true}) {
        const auto file = test::scratchDir(corrected ? "overlays-still" : "overlays-raw") / "o.avi";
        RenderOptions o;
        o.contrastLo = 0;
        o.contrastHi = 255;
        o.driftCorrected = corrected;
        renderMovie(*s.movie, file, o, &s.pm.drift->result, overlays);
        cv::VideoCapture in(file.string());
        REQUIRE(in.isOpened());
        cv::Mat frame;
        for (int k = 0; k < frames; ++k) {
            REQUIRE(in.read(frame));
            INFO("frame " << k << (corrected ? " corrected" : " raw"));
            const int dx = corrected ? 0 : k % 3;
            const int dy = corrected ? 0 : -(k % 2);
            // crystallinity map of frame 0 (drift 0): left edge x = 8, y 10…21, moved by d_k
            CHECK(isColour(frame.at<cv::Vec3b>(15 + dy, 8 + dx), green));
            CHECK(frame.at<cv::Vec3b>(15 + dy, 12 + dx) == cv::Vec3b(100, 100, 100));
            // particle outline found at (40 + dx_k, 30 + dy_k) in frame k's image: at its image
            // place on raw frames, at (40, 30) on corrected ones
            CHECK(isColour(frame.at<cv::Vec3b>(34 + dy, 40 + dx), orange));
            CHECK(frame.at<cv::Vec3b>(34 + dy, 44 + dx) == cv::Vec3b(100, 100, 100));
        }
    }
}
