// `insitu render --overlays outlines --plot areas` and `insitu roi export --outlines` on a
// synthetic expanding particle followed by `insitu area --project`.
#include "support/run_cli.h"
#include "support/test_paths.h"

#include "insitu/roi/imagej_roi.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <opencv2/videoio.hpp>

using insitu::test::runCli;

namespace {

/// 12 frames of the expanding-particle scene (first particle near (27, 29), radius ~26 px)
/// followed from a square drawn around it.
std::filesystem::path areasProject(const std::filesystem::path& dir)
{
    const auto movie = dir / "particle.tif";
    REQUIRE(runCli("synth expanding-particle -o " + movie.string() +
                   " --frames 12 --width 96 --height 96 --pixel-size-nm 0.5 "
                   "--frame-interval-s 1 --no-drift")
                .exitCode == 0);
    const auto project = dir / "p.h5";
    REQUIRE(runCli("area " + movie.string() + " --polygon 5,7,49,7,49,51,5,51 --project " +
                   project.string())
                .exitCode == 0);
    return project;
}

} // namespace

TEST_CASE("render draws area outlines and the A/A0 side panel; roi export writes the outlines",
          "[cli][render][overlays]")
{
    const auto dir = insitu::test::scratchDir("cli_render_layers");
    const auto project = areasProject(dir);
    const auto avi = dir / "areas.avi";
    const auto result = runCli("render " + project.string() + " -o " + avi.string() +
                               " --overlays outlines --plot areas --json");
    REQUIRE(result.exitCode == 0);
    const auto j = nlohmann::json::parse(result.out);
    CHECK(j.at("frames") == 12);
    CHECK(j.at("width").get<int>() == 96 + 320); // frame + side panel
    cv::VideoCapture in(avi.string());
    cv::Mat frame;
    REQUIRE(in.read(frame));
    // the outline (Okabe–Ito orange) crosses the row through the particle's centre left of it
    bool orange = false;
    for (int x = 0; x < 27; ++x) {
        const cv::Vec3b c = frame.at<cv::Vec3b>(29, x);
        orange = orange || (c[2] > 180 && c[1] > 110 && c[1] < 200 && c[0] < 60);
    }
    CHECK(orange);
    // the side panel is the white plot
    CHECK(frame.at<cv::Vec3b>(5, 96 + 300)[0] > 200);

    const auto zip = dir / "outlines.zip";
    REQUIRE(
        runCli("roi export " + project.string() + " -o " + zip.string() + " --outlines").exitCode ==
        0);
    const auto rois = insitu::readImageJRois(zip);
    REQUIRE(rois.size() == 12); // one particle, twelve frames
    CHECK(rois[11].frame() == 11);
    CHECK(rois[11].name == "P0 f11");

    CHECK(runCli("render " + project.string() + " -o " + (dir / "x.avi").string() +
                 " --plot timeline")
              .exitCode == 2);
    CHECK(runCli("render " + project.string() + " -o " + (dir / "x.avi").string() +
                 " --overlays grains")
              .exitCode == 2);
}
