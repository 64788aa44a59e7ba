// renderMovie: files read back by OpenCV and FFmpeg's ffprobe, overlay pixels where they must be.
#include "insitu/error.h"
#include "insitu/io/memory_reader.h"
#include "insitu/io/movie.h"
#include "insitu/registration/drift_result.h"
#include "insitu/render/movie_render.h"

#include "support/test_paths.h"

#include <catch2/catch.hpp>
#include <opencv2/videoio.hpp>

#include <array>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <memory>

using namespace insitu;

namespace {

/// A movie of flat grey frames (value 100 + k) with one bright pixel at (20 + dx_k, 15 + dy_k).
struct TestMovie
{
    std::unique_ptr<Movie> movie;
    DriftResult drift;
};

TestMovie makeMovie(int frames, int width, int height)
{
    TestMovie t;
    std::vector<cv::Mat> mats;
    for (int k = 0; k < frames; ++k) {
        const int dx = k % 3;
        const int dy = -(k % 2);
        cv::Mat f(height, width, CV_16U, cv::Scalar(100 + k));
        f.at<std::uint16_t>(15 + dy, 20 + dx) = 1000;
        mats.push_back(f);
        t.drift.dxPx.push_back(dx);
        t.drift.dyPx.push_back(dy);
    }
    Calibration cal;
    cal.nmPerPixel = 0.37;
    cal.frameIntervalS = 0.5;
    t.movie = std::make_unique<Movie>(
        std::make_unique<MemoryMovieReader>(std::move(mats), PixelType::UInt16, cal));
    return t;
}

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

class CancelAfter final : public Progress
{
public:
    explicit CancelAfter(int steps) : m_left(steps) {}
    void start(int, std::string_view) override {}
    void advance(int) override
    {
        if (--m_left <= 0)
            throw Canceled();
    }
    [[nodiscard]] bool isCanceled() const override { return m_left <= 0; }

private:
    int m_left;
};

} // namespace

TEST_CASE("Render helpers: frame selection, 1-2-5 scale bars, clock text", "[render]")
{
    RenderOptions o;
    o.firstFrame = 2;
    o.lastFrame = 9;
    o.stride = 3;
    CHECK(renderFrameIndices(10, o) == std::vector<int>{2, 5, 8});
    o.lastFrame = 10;
    CHECK_THROWS_AS(renderFrameIndices(10, o), Error);
    CHECK(*scaleBarLengthNm(7.4) == Approx(5));
    CHECK(*scaleBarLengthNm(19.9) == Approx(10));
    CHECK(*scaleBarLengthNm(20) == Approx(20));
    CHECK(*scaleBarLengthNm(0.031) == Approx(0.02));
    CHECK(*scaleBarLengthNm(999) == Approx(500));
    CHECK(!scaleBarLengthNm(0));
    CHECK(formatClock(0) == "00:00.0");
    CHECK(formatClock(75.25) == "01:15.3");
    CHECK(formatClock(-3.0) == "-00:03.0");
    CHECK(renderFormatFromPath("x.MP4") == RenderFormat::Mp4);
    CHECK_THROWS_AS(renderFormatFromPath("x.mov"), Error);
}

TEST_CASE("AVI (PNG) frames: contrast, overlay shifted by the drift, frame count", "[render]")
{
    const auto t = makeMovie(6, 64, 48);
    const auto file = test::scratchDir("render-avi") / "out.avi";
    RenderOptions o;
    o.contrastLo = 0;
    o.contrastHi = 255;
    o.fps = 7;
    const OverlayProvider overlays = [](int) {
        OverlayShape box;
        box.points = {{30, 10}, {50, 10}, {50, 30}, {30, 30}};
        box.closed = true;
        box.rgb = {255, 0, 0};
        box.thicknessPx = 1;
        return std::vector<OverlayShape>{box};
    };
    const auto summary = renderMovie(*t.movie, file, o, &t.drift, overlays);
    CHECK(summary.frames == 6);
    CHECK(summary.codec == "png ");

    cv::VideoCapture in(file.string());
    REQUIRE(in.isOpened());
    CHECK(in.get(cv::CAP_PROP_FRAME_WIDTH) == 64);
    CHECK(in.get(cv::CAP_PROP_FRAME_HEIGHT) == 48);
    CHECK(in.get(cv::CAP_PROP_FPS) == Approx(7));
    cv::Mat frame;
    for (int k = 0; k < 6; ++k) {
        REQUIRE(in.read(frame));
        INFO("frame " << k);
        // background: grey 100 + k under contrast 0..255 is shown as 100 + k
        CHECK(frame.at<cv::Vec3b>(40, 5) == cv::Vec3b(100 + k, 100 + k, 100 + k));
        // the box's left edge (x = 30) follows the specimen: drawn at x = 30 + dx, y = 20 + dy
        const int x = 30 + static_cast<int>(t.drift.dxPx[k]);
        const int y = 20 + static_cast<int>(t.drift.dyPx[k]);
        const cv::Vec3b edge = frame.at<cv::Vec3b>(y, x);
        CHECK(edge[2] > 200);
        CHECK(edge[1] < 60);
        CHECK(frame.at<cv::Vec3b>(y, x + 3)[2] == 100 + k); // inside the box: untouched
    }
    CHECK(!in.read(frame));
    const auto probed = probe(file);
    if (probed.empty())
        WARN("ffprobe not installed: FFmpeg read-back skipped");
    else
        CHECK(probed == "64,48,7/1,6");
}

namespace {

/// What Fiji's AVI_Reader looks at in an AVI: the stream's BITMAPINFOHEADER and its frames.
struct AviLayout
{
    std::string streamType;  ///< strh fccType
    std::string compression; ///< strf biCompression as four characters
    int widthPx = 0;
    int heightPx = 0;
    int bitCount = 0;
    int pngFrames = 0;   ///< '00dc' chunks holding one whole PNG each
    int otherFrames = 0; ///< '00dc' / '00db' chunks that are not a PNG
};

std::uint32_t le32(const std::string& bytes, std::size_t at)
{
    std::uint32_t v = 0;
    for (int i = 3; i >= 0; --i)
        v = v << 8 | static_cast<unsigned char>(bytes.at(at + static_cast<std::size_t>(i)));
    return v;
}

/// Walks the RIFF chunks of bytes[begin, end) (LIST chunks recursively) into layout.
void walkRiff(const std::string& bytes, std::size_t begin, std::size_t end, AviLayout& layout)
{
    static const std::string pngSignature("\x89PNG\r\n\x1a\n", 8);
    for (std::size_t at = begin; at + 8 <= end;) {
        const std::string id = bytes.substr(at, 4);
        const std::size_t size = le32(bytes, at + 4);
        const std::size_t data = at + 8;
        REQUIRE(data + size <= bytes.size());
        if (id == "RIFF" || id == "LIST")
            walkRiff(bytes, data + 4, data + size, layout);
        else if (id == "strh")
            layout.streamType = bytes.substr(data, 4);
        else if (id == "strf") {
            layout.widthPx = static_cast<int>(le32(bytes, data + 4));
            layout.heightPx = static_cast<int>(le32(bytes, data + 8));
            layout.bitCount = static_cast<unsigned char>(bytes.at(data + 14)) |
                              static_cast<unsigned char>(bytes.at(data + 15)) << 8;
            layout.compression = bytes.substr(data + 16, 4);
        } else if (id == "00dc" || id == "00db") {
            const bool png = bytes.compare(data, 8, pngSignature) == 0 &&
                             bytes.compare(data + size - 8, 4, "IEND") == 0;
            ++(png ? layout.pngFrames : layout.otherFrames);
        }
        at = data + size + size % 2; // chunks start at even offsets
    }
}

} // namespace

TEST_CASE("AVI is in the family Fiji's AVI_Reader reads: one 'png ' frame per chunk", "[render]")
{
    // ImageJ's AVI_Reader reads uncompressed, YUV, JPEG ('jpeg', 'JPEG', 'MJPG' but "most MJPG
    // not correctly") and PNG ('png ', 'PNG ', BI_PNG) frames, one frame per chunk.
    const auto t = makeMovie(5, 34, 20);
    const auto file = test::scratchDir("render-avi-fiji") / "fiji.avi";
    RenderOptions o;
    o.stride = 2; // frames 0, 2, 4
    renderMovie(*t.movie, file, o);
    std::ifstream in(file, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    REQUIRE(bytes.size() > 12);
    REQUIRE(bytes.compare(0, 4, "RIFF") == 0);
    REQUIRE(bytes.compare(8, 4, "AVI ") == 0);
    AviLayout layout;
    walkRiff(bytes, 0, bytes.size(), layout);
    CHECK(layout.streamType == "vids");
    CHECK(layout.compression == "png ");
    CHECK(layout.widthPx == 34);
    CHECK(layout.heightPx == 20);
    CHECK(layout.bitCount == 24);
    CHECK(layout.pngFrames == 3);
    CHECK(layout.otherFrames == 0);
}

TEST_CASE("Drift-corrected frames keep the specimen still", "[render]")
{
    const auto t = makeMovie(5, 40, 32);
    const auto file = test::scratchDir("render-drift") / "still.avi";
    RenderOptions o;
    o.contrastLo = 0;
    o.contrastHi = 1000;
    o.driftCorrected = true;
    renderMovie(*t.movie, file, o, &t.drift);
    cv::VideoCapture in(file.string());
    cv::Mat frame;
    for (int k = 0; k < 5; ++k) {
        REQUIRE(in.read(frame));
        CHECK(frame.at<cv::Vec3b>(15, 20)[0] == 255); // the bright pixel stays at (20, 15)
    }
    o.driftCorrected = true;
    CHECK_THROWS_AS(renderMovie(*t.movie, file, o, nullptr), Error);
}

TEST_CASE("MP4 (H.264) has even sizes, the asked rate and every frame", "[render]")
{
    const auto t = makeMovie(12, 63, 45);
    const auto file = test::scratchDir("render-mp4") / "out.mp4";
    RenderOptions o;
    o.fps = 25;
    o.scaleBar = true;
    o.timestamp = true;
    o.frameNumber = true;
    o.firstFrame = 1;
    o.stride = 2; // frames 1, 3, …, 11
    const auto summary = renderMovie(*t.movie, file, o, &t.drift);
    CHECK(summary.width == 64);
    CHECK(summary.height == 46);
    CHECK(summary.frames == 6);
    REQUIRE(summary.realTimeFactor);
    CHECK(*summary.realTimeFactor == Approx(2 * 0.5 * 25));
    REQUIRE(summary.scaleBarNm);
    CHECK(*summary.scaleBarNm == Approx(2)); // ≤ 20 % of 63 px × 0.37 nm = 4.66 nm
    cv::VideoCapture in(file.string());
    REQUIRE(in.isOpened());
    CHECK(in.get(cv::CAP_PROP_FRAME_WIDTH) == 64);
    CHECK(in.get(cv::CAP_PROP_FRAME_HEIGHT) == 46);
    int count = 0;
    for (cv::Mat frame; in.read(frame);)
        ++count;
    CHECK(count == 6);
    const auto probed = probe(file);
    if (probed.empty())
        WARN("ffprobe not installed: FFmpeg read-back skipped");
    else
        CHECK(probed == "64,46,25/1,6");
}

TEST_CASE("GIF is read by FFmpeg with its frame count and rate", "[render]")
{
    const auto t = makeMovie(4, 30, 20);
    const auto file = test::scratchDir("render-gif") / "out.gif";
    RenderOptions o;
    o.fps = 20;
    const auto summary = renderMovie(*t.movie, file, o);
    CHECK(summary.fps == Approx(20));
    CHECK(summary.codec == "gif");
    const auto probed = probe(file);
    if (probed.empty())
        WARN("ffprobe not installed: FFmpeg read-back skipped");
    else
        CHECK(probed == "30,20,20/1,4");
}

TEST_CASE("Render errors and Cancel leave no file behind", "[render]")
{
    const auto t = makeMovie(6, 32, 24);
    const auto dir = test::scratchDir("render-cancel");
    CancelAfter cancel(3);
    CHECK_THROWS_AS(renderMovie(*t.movie, dir / "c.mp4", {}, nullptr, {}, {}, cancel), Canceled);
    CHECK(!std::filesystem::exists(dir / "c.mp4"));

    Movie uncalibrated(std::make_unique<MemoryMovieReader>(
        std::vector<cv::Mat>{cv::Mat(8, 8, CV_8U, cv::Scalar(1))}, PixelType::UInt8));
    RenderOptions o;
    o.scaleBar = true;
    CHECK_THROWS_WITH(renderMovie(uncalibrated, dir / "s.avi", o), Catch::Contains("pixel size"));
    o.scaleBar = false;
    o.timestamp = true;
    CHECK_THROWS_WITH(renderMovie(uncalibrated, dir / "s.avi", o), Catch::Contains("frame times"));
    Calibration user; // the user's calibration replaces the file's unknown one
    user.nmPerPixel = 2.0;
    user.frameIntervalS = 1.0;
    o.calibration = user;
    o.scaleBar = true;
    CHECK(*renderMovie(uncalibrated, dir / "s.avi", o).scaleBarNm == Approx(2)); // ≤ 0.2·8·2 nm
}
