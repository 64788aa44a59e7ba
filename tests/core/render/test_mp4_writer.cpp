// Mp4Writer: files read back by ffprobe and OpenCV (frame count, rate, size, grey levels).
#include "insitu/error.h"
#include "insitu/render/mp4_writer.h"

#include "support/test_paths.h"

#include <catch2/catch.hpp>
#include <opencv2/imgproc.hpp>
#include <opencv2/videoio.hpp>

#include <array>
#include <cstdio>
#include <fstream>
#include <iterator>

using namespace insitu;

namespace {

/// ffprobe's "width,height,r_frame_rate,nb_read_frames" of the video stream, or "" when
/// ffprobe is not installed.
std::string probe(const std::filesystem::path& file)
{
    if (std::system("command -v ffprobe >/dev/null 2>&1") != 0)
        return "";
    const std::string command = "ffprobe -v error -count_frames -select_streams v:0 "
                                "-show_entries stream=width,height,r_frame_rate,nb_read_frames "
                                "-of csv=p=0 '" +
                                file.string() + "'";
    std::string out;
    if (FILE* pipe = popen(command.c_str(), "r")) {
        std::array<char, 256> buffer{};
        while (fgets(buffer.data(), buffer.size(), pipe) != nullptr)
            out += buffer.data();
        pclose(pipe);
    }
    while (!out.empty() && (out.back() == '\n' || out.back() == '\r'))
        out.pop_back();
    return out;
}

/// A horizontal grey ramp 0..255 across the width, shifted by k levels on frame k.
cv::Mat ramp(cv::Size size, int k)
{
    cv::Mat grey(size, CV_8U);
    for (int y = 0; y < size.height; ++y)
        for (int x = 0; x < size.width; ++x)
            grey.at<std::uint8_t>(y, x) = cv::saturate_cast<std::uint8_t>(
                std::lround(x * 255.0 / std::max(1, size.width - 1)) - k);
    return grey;
}

std::string fileText(const std::filesystem::path& file)
{
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

} // namespace

TEST_CASE("Mp4Writer: every size, rate and frame count read back by FFmpeg and OpenCV",
          "[mp4writer]")
{
    const auto dir = test::scratchDir("mp4-writer-grid");
    struct Case
    {
        cv::Size size;
        double fps;
        int frames;
        const char* rate; // as ffprobe prints it
    };
    const std::array<Case, 4> cases{{{{64, 48}, 25, 10, "25/1"},
                                     {{63, 45}, 12.5, 7, "25/2"},
                                     {{17, 3}, 29.97, 5, "2997/100"},
                                     {{200, 121}, 1, 3, "1/1"}}};
    for (const auto& c : cases) {
        INFO(c.size.width << " x " << c.size.height << " at " << c.fps << " frames/s");
        const auto file = dir / ("grid-" + std::to_string(c.size.width) + ".mp4");
        Mp4Writer writer(file, c.size, c.fps);
        const cv::Size even{c.size.width + c.size.width % 2, c.size.height + c.size.height % 2};
        CHECK(writer.encodedSize() == even);
        for (int k = 0; k < c.frames; ++k)
            writer.write(ramp(c.size, k));
        writer.finish();
        CHECK(writer.framesWritten() == c.frames);

        cv::VideoCapture in(file.string(), cv::CAP_FFMPEG);
        REQUIRE(in.isOpened());
        CHECK(in.get(cv::CAP_PROP_FRAME_WIDTH) == even.width);
        CHECK(in.get(cv::CAP_PROP_FRAME_HEIGHT) == even.height);
        CHECK(in.get(cv::CAP_PROP_FPS) == Approx(c.fps).epsilon(1e-4));
        int count = 0;
        for (cv::Mat frame; in.read(frame);)
            ++count;
        CHECK(count == c.frames);
        const auto probed = probe(file);
        if (probed.empty())
            WARN("ffprobe not installed: FFmpeg read-back skipped");
        else
            CHECK(probed == std::to_string(even.width) + "," + std::to_string(even.height) + "," +
                                c.rate + "," + std::to_string(c.frames));
        // faststart: the index (moov) precedes the frame data (mdat)
        const std::string bytes = fileText(file);
        REQUIRE(bytes.find("moov") != std::string::npos);
        CHECK(bytes.find("moov") < bytes.find("mdat"));
    }
}

TEST_CASE("Mp4Writer: a grey ramp decodes within a few grey levels, padding repeats the edge",
          "[mp4writer]")
{
    const auto file = test::scratchDir("mp4-writer-ramp") / "ramp.mp4";
    const cv::Size size{159, 95};
    {
        Mp4Writer writer(file, size, 10);
        for (int k = 0; k < 4; ++k)
            writer.write(ramp(size, k));
        writer.finish();
    }
    cv::VideoCapture in(file.string(), cv::CAP_FFMPEG);
    REQUIRE(in.isOpened());
    cv::Mat frame, grey;
    for (int k = 0; k < 4; ++k) {
        INFO("frame " << k);
        REQUIRE(in.read(frame));
        cv::cvtColor(frame, grey, cv::COLOR_BGR2GRAY);
        const cv::Mat inside = grey(cv::Rect({0, 0}, size));
        cv::Mat difference;
        cv::absdiff(inside, ramp(size, k), difference);
        CHECK(cv::mean(difference)[0] < 1.5);
        double maxDifference = 0;
        cv::minMaxLoc(difference, nullptr, &maxDifference);
        CHECK(maxDifference <= 6);
        CHECK(cv::norm(grey.col(size.width), grey.col(size.width - 1), cv::NORM_INF) <= 6);
        CHECK(cv::norm(grey.row(size.height), grey.row(size.height - 1), cv::NORM_INF) <= 6);
    }
}

TEST_CASE("Mp4Writer: colour frames keep their colours", "[mp4writer]")
{
    const auto file = test::scratchDir("mp4-writer-colour") / "colour.mp4";
    const cv::Size size{80, 61};
    cv::Mat bgr(size, CV_8UC3, cv::Scalar(90, 90, 90));
    bgr(cv::Rect(10, 10, 30, 30)).setTo(cv::Scalar(0, 0, 255));   // red
    bgr(cv::Rect(45, 20, 30, 30)).setTo(cv::Scalar(255, 160, 0)); // blue-cyan
    {
        Mp4Writer writer(file, size, 5);
        writer.write(bgr);
        writer.write(ramp(size, 0)); // grey and colour frames may alternate
        writer.write(bgr);
        writer.finish();
    }
    cv::VideoCapture in(file.string(), cv::CAP_FFMPEG);
    cv::Mat frame;
    for (int k = 0; k < 3; ++k) {
        INFO("frame " << k);
        REQUIRE(in.read(frame));
        if (k == 1)
            continue;
        const cv::Scalar red = cv::mean(frame(cv::Rect(14, 14, 22, 22)));
        const cv::Scalar blue = cv::mean(frame(cv::Rect(49, 24, 22, 22)));
        const cv::Scalar background = cv::mean(frame(cv::Rect(0, 50, 8, 8)));
        for (int ch = 0; ch < 3; ++ch) {
            CHECK(red[ch] == Approx(bgr.at<cv::Vec3b>(20, 20)[ch]).margin(8));
            CHECK(blue[ch] == Approx(bgr.at<cv::Vec3b>(30, 55)[ch]).margin(8));
            CHECK(background[ch] == Approx(90).margin(8)); // crf 23 loses a little chroma
        }
    }
    CHECK(!in.read(frame));
}

TEST_CASE("Mp4Writer: failures name the file", "[mp4writer]")
{
    const auto dir = test::scratchDir("mp4-writer-errors");
    const auto missing = dir / "no-such-folder" / "out.mp4";
    CHECK_THROWS_WITH(Mp4Writer(missing, {32, 32}, 25), Catch::Contains(missing.string()));
    CHECK_THROWS_WITH(Mp4Writer(dir / "a.mp4", {32, 32}, 0), Catch::Contains("frame rate"));
    CHECK_THROWS_WITH(Mp4Writer(dir / "b.mp4", {0, 32}, 25), Catch::Contains("frame size"));
    Mp4WriterOptions badPreset;
    badPreset.preset = "warp-speed";
    CHECK_THROWS_WITH(Mp4Writer(dir / "c.mp4", {32, 32}, 25, badPreset), Catch::Contains("preset"));
    Mp4Writer writer(dir / "d.mp4", {32, 32}, 25);
    CHECK_THROWS_WITH(writer.write(cv::Mat(16, 32, CV_8U, cv::Scalar(0))),
                      Catch::Contains((dir / "d.mp4").string()));
    CHECK_THROWS_AS(writer.write(cv::Mat(32, 32, CV_16U, cv::Scalar(0))), Error);
}

TEST_CASE("Mp4Writer: a chosen preset is x264's own; the default keeps the tuned parameters",
          "[mp4writer]")
{
    const Mp4WriterOptions defaults;
    const Mp4WriterOptions same = mp4WriterOptionsForPreset(defaults.preset);
    CHECK(same.x264Params == defaults.x264Params);
    const Mp4WriterOptions medium = mp4WriterOptionsForPreset("medium");
    CHECK(medium.preset == "medium");
    CHECK(medium.x264Params.empty());
    CHECK(medium.crf == defaults.crf);
    CHECK_THROWS_WITH(mp4WriterOptionsForPreset("warp-speed"),
                      Catch::Contains("warp-speed") && Catch::Contains("ultrafast"));
    // every name x264PresetNames() offers opens (a 2-frame file each, the fastest and slowest)
    const auto dir = test::scratchDir("mp4-writer-presets");
    for (const std::string name : {"ultrafast", "placebo"}) {
        Mp4Writer writer(dir / (name + ".mp4"), {32, 32}, 25, mp4WriterOptionsForPreset(name));
        writer.write(cv::Mat(32, 32, CV_8U, cv::Scalar(100)));
        writer.write(cv::Mat(32, 32, CV_8U, cv::Scalar(120)));
        writer.finish();
        CHECK(writer.framesWritten() == 2);
    }
    CHECK(x264PresetNames().size() == 10);
}
