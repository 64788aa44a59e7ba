// `insitu render`: a project's movie with its ROIs, read back by OpenCV; bad options exit 2.
#include "support/run_cli.h"
#include "support/test_paths.h"

#include "insitu/project/project_file.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <opencv2/core.hpp>
#include <opencv2/videoio.hpp>

#include <fstream>
#include <vector>

namespace fs = std::filesystem;
using insitu::test::runCli;

TEST_CASE("render draws a project's ROIs on the movie, streamed to MP4 and AVI", "[cli][render]")
{
    const auto dir = insitu::test::scratchDir("cli_render");
    const auto movie = dir / "movie.tif";
    REQUIRE(runCli("synth drift -o " + movie.string() +
                   " --frames 10 --width 81 --height 60 --no-drift --pixel-size-nm 0.5 "
                   "--frame-interval-s 0.1")
                .exitCode == 0);
    insitu::Project project;
    project.movies.push_back(insitu::describeMovie(movie, project.nextMovieId++));
    insitu::Roi roi;
    roi.id = project.nextRoiId++;
    roi.shape = insitu::RoiShape::Rectangle;
    roi.points = {{10, 10}, {40, 30}};
    roi.rgb = {255, 0, 0};
    project.movies[0].rois.push_back(roi);
    insitu::saveProject(project, dir / "p.h5");

    const auto avi = dir / "out.avi";
    const auto result =
        runCli("render " + (dir / "p.h5").string() + " -o " + avi.string() +
               " --overlays rois --frames 2:9:3 --fps 4 --scale-bar --timestamp --json");
    REQUIRE(result.exitCode == 0);
    const auto j = nlohmann::json::parse(result.out);
    CHECK(j.at("frames") == 3);
    CHECK(j.at("width") == 81);
    CHECK(j.at("fps") == 4.0);
    CHECK(j.at("scale_bar_nm").get<double>() == Approx(5)); // ≤ 0.2 × 81 × 0.5 nm
    cv::VideoCapture in(avi.string());
    REQUIRE(in.isOpened());
    cv::Mat frame;
    REQUIRE(in.read(frame));
    const cv::Vec3b edge = frame.at<cv::Vec3b>(20, 10); // left edge of the rectangle
    CHECK(edge[2] > 200);
    CHECK(edge[0] < 80);

    const auto mp4 = dir / "out.mp4";
    REQUIRE(
        runCli("render " + movie.string() + " -o " + mp4.string() + " --contrast 0,500").exitCode ==
        0);
    cv::VideoCapture video(mp4.string());
    CHECK(video.get(cv::CAP_PROP_FRAME_WIDTH) == 82); // even for H.264
}

TEST_CASE("render exits 2 on bad options", "[cli][render]")
{
    const auto dir = insitu::test::scratchDir("cli_render_bad");
    const auto movie = dir / "movie.tif";
    REQUIRE(runCli("synth drift -o " + movie.string() + " --frames 3 --width 32 --height 32")
                .exitCode == 0);
    CHECK(runCli("render " + movie.string() + " -o " + (dir / "x.mov").string()).exitCode == 2);
    CHECK(runCli("render " + movie.string() + " -o " + (dir / "x.mp4").string() + " --frames 0:9")
              .exitCode == 2);
    CHECK(runCli("render " + movie.string() + " -o " + (dir / "x.mp4").string() + " --contrast 5,1")
              .exitCode == 2);
    CHECK(runCli("render " + movie.string() + " -o " + (dir / "x.mp4").string() +
                 " --overlays outlines")
              .exitCode == 2);
    CHECK(runCli("render " + movie.string() + " -o " + (dir / "x.mp4").string() +
                 " --preset warp-speed")
              .exitCode == 2);
    const auto fast = runCli("render " + movie.string() + " -o " + (dir / "fast.mp4").string() +
                             " --preset ultrafast --json");
    REQUIRE(fast.exitCode == 0);
    CHECK(nlohmann::json::parse(fast.out).at("frames") == 3);
}

namespace {

/// x of the cursor (orange: B < 80, G 60..130, R > 170) in rows of image, or -1 when absent.
double cursorX(const cv::Mat& image)
{
    double sum = 0;
    int count = 0;
    for (int y = 0; y < image.rows; ++y)
        for (int x = 0; x < image.cols; ++x) {
            const auto p = image.at<cv::Vec3b>(y, x);
            if (p[0] < 80 && p[1] > 60 && p[1] < 130 && p[2] > 170)
                sum += x, ++count;
        }
    return count > 10 ? sum / count : -1;
}

} // namespace

TEST_CASE("render --plot timeline puts the log strips beside the frame, the cursor moving",
          "[cli][render]")
{
    const auto dir = insitu::test::scratchDir("cli_render_timeline");
    const auto movie = dir / "movie.tif";
    REQUIRE(runCli("synth drift -o " + movie.string() +
                   " --frames 20 --width 64 --height 64 --frame-interval-s 0.5")
                .exitCode == 0);
    {
        std::ofstream log(dir / "log.csv");
        log << "time/s,Ewe/V,I/mA\n";
        for (int i = 0; i <= 100; ++i)
            log << i * 0.1 << ',' << i * 0.01 << ',' << (i >= 50 ? 2.0 : 1.0) << '\n';
    }
    const auto project = (dir / "p.h5").string();
    REQUIRE(runCli("timeline " + movie.string() + " --ec " + (dir / "log.csv").string() +
                   " --offset-s 0 --project " + project)
                .exitCode == 0);
    const auto out = dir / "timeline.avi";
    const auto result =
        runCli("render " + project + " -o " + out.string() + " --plot timeline --json");
    INFO(result.err);
    REQUIRE(result.exitCode == 0);
    const auto j = nlohmann::json::parse(result.out);
    CHECK(j.at("frames") == 20);
    CHECK(j.at("width").get<int>() == 64 + 320);
    cv::VideoCapture in(out.string());
    std::vector<double> xs;
    for (cv::Mat frame; in.read(frame);)
        xs.push_back(cursorX(frame.colRange(64, 64 + 320)));
    REQUIRE(xs.size() == 20);
    CHECK(xs.front() > 0);
    // the cursor walks right at one step per frame (equal frame intervals), never outside
    const double step = (xs.back() - xs.front()) / 19;
    CHECK(step > 3);
    for (std::size_t k = 0; k < xs.size(); ++k)
        CHECK(xs[k] == Approx(xs.front() + step * static_cast<double>(k)).margin(1.0));

    CHECK(
        runCli("render " + movie.string() + " -o " + (dir / "x.avi").string() + " --plot timeline")
            .exitCode == 2); // a plain movie has no timeline
    REQUIRE(runCli("front " + movie.string() + " --line 5,30,60,30 --project " +
                   (dir / "q.h5").string())
                .exitCode == 0);
    CHECK(runCli("render " + (dir / "q.h5").string() + " -o " + (dir / "y.avi").string() +
                 " --plot timeline")
              .exitCode == 2); // a project without a timeline
}

TEST_CASE("render --plot kinetics puts L(t) beside the frame, fronts marked", "[cli][render]")
{
    const auto dir = insitu::test::scratchDir("cli_render_plot");
    const auto movie = dir / "wire.tif";
    REQUIRE(runCli("synth nanowire-front -o " + movie.string() + " --truth " +
                   (dir / "truth.json").string() +
                   " --frames 30 --width 160 --height 90 --speed-px-per-frame 2")
                .exitCode == 0);
    std::ifstream truthFile(dir / "truth.json");
    const auto truth = nlohmann::json::parse(truthFile);
    const std::string line = truth.at("line").at("arg");
    REQUIRE(runCli("front " + movie.string() + " --line " + line + " --project " +
                   (dir / "p.h5").string())
                .exitCode == 0);
    const auto out = dir / "plot.avi";
    const auto result = runCli("render " + (dir / "p.h5").string() + " -o " + out.string() +
                               " --overlays rois,fronts --plot kinetics --json");
    REQUIRE(result.exitCode == 0);
    const auto j = nlohmann::json::parse(result.out);
    CHECK(j.at("frames") == 30);
    CHECK(j.at("width").get<int>() == 160 + 320); // the panel: max(320, 6/5 of the height)
    cv::VideoCapture in(out.string());
    cv::Mat first;
    cv::Mat last;
    REQUIRE(in.read(first));
    for (cv::Mat frame; in.read(frame);)
        last = frame.clone();
    REQUIRE(!last.empty());
    // the panel differs between frames only by its moving cursor
    cv::Mat diff;
    cv::absdiff(first.colRange(160, 480), last.colRange(160, 480), diff);
    CHECK(cv::countNonZero(diff.reshape(1)) > 0);

    CHECK(
        runCli("render " + movie.string() + " -o " + out.string() + " --plot kinetics").exitCode ==
        2); // a plain movie has no fronts
}
