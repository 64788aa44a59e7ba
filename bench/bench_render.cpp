// bench_render: renderMovie speed on a 1000-frame 1024² movie with overlays, next to two
// floors measured in the same run: reading the frames as float, and encoding the same number of
// plain frames with the same VideoWriter codec. Prints a Markdown section for
// docs/performance.md ("Movie export"). Options: --frames N (default 1000), --size PX (1024),
// --format mp4|avi|gif (mp4).

#include "insitu/io/movie.h"
#include "insitu/registration/drift_result.h"
#include "insitu/render/movie_render.h"

#include <opencv2/imgproc.hpp>
#include <opencv2/videoio.hpp>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <random>
#include <string>

using namespace insitu;
using Clock = std::chrono::steady_clock;

namespace {

double seconds(Clock::time_point a, Clock::time_point b)
{
    return std::chrono::duration<double>(b - a).count();
}

/// CPU time of the whole process (all threads) in s: the cost that does not depend on how busy
/// the machine is.
double cpuSeconds()
{
    return static_cast<double>(std::clock()) / CLOCKS_PER_SEC;
}

/// A long movie without the memory: 16 distinct noisy uint16 frames served in a cycle.
class CyclingReader final : public MovieReader
{
public:
    CyclingReader(int frames, int size)
    {
        m_info.format = "bench";
        m_info.frameCount = frames;
        m_info.width = size;
        m_info.height = size;
        m_info.pixelType = PixelType::UInt16;
        m_info.calibration.nmPerPixel = 0.25;
        m_info.calibration.frameIntervalS = 0.05;
        std::mt19937 random(7);
        std::normal_distribution<float> noise(0.0F, 40.0F);
        for (int k = 0; k < 16; ++k) {
            cv::Mat f(size, size, CV_32F);
            for (int y = 0; y < size; ++y)
                for (int x = 0; x < size; ++x)
                    f.at<float>(y, x) = 1000.0F +
                                        300.0F * static_cast<float>(std::sin((x + 3 * k) / 40.0)) +
                                        noise(random);
            cv::Mat u16;
            f.convertTo(u16, CV_16U);
            m_frames.push_back(u16);
        }
    }
    [[nodiscard]] const MovieInfo& info() const override { return m_info; }
    [[nodiscard]] Frame readFrame(int index) override
    {
        return {m_frames[static_cast<std::size_t>(index) % m_frames.size()].clone(),
                PixelType::UInt16};
    }

private:
    MovieInfo m_info;
    std::vector<cv::Mat> m_frames;
};

} // namespace

int main(int argc, char** argv)
{
    int frames = 1000;
    int size = 1024;
    std::string format = "mp4";
    for (int i = 1; i + 1 < argc; ++i) {
        if (std::strcmp(argv[i], "--frames") == 0)
            frames = std::atoi(argv[++i]);
        else if (std::strcmp(argv[i], "--size") == 0)
            size = std::atoi(argv[++i]);
        else if (std::strcmp(argv[i], "--format") == 0)
            format = argv[++i];
    }
    const auto dir = std::filesystem::temp_directory_path() / "bench_render";
    std::filesystem::create_directories(dir);
    const Movie movie(std::make_unique<CyclingReader>(frames, size), MovieOptions{});

    // Floor 1: read every frame as float32.
    auto t0 = Clock::now();
    double c0 = cpuSeconds();
    double sink = 0;
    for (int k = 0; k < frames; ++k)
        sink += movie.frameFloat(k).at<float>(0, 0);
    const double readS = seconds(t0, Clock::now());
    const double readCpuS = cpuSeconds() - c0;

    // Floor 2: encode the same number of plain grey frames with the codec renderMovie uses.
    const std::string out = (dir / ("plain." + format)).string();
    t0 = Clock::now();
    c0 = cpuSeconds();
    if (format != "gif") {
        const int fourcc = format == "mp4" ? cv::VideoWriter::fourcc('a', 'v', 'c', '1')
                                           : cv::VideoWriter::fourcc('p', 'n', 'g', ' ');
        cv::VideoWriter writer(out, cv::CAP_FFMPEG, fourcc, 25, {size, size}, true);
        cv::Mat grey, bgr;
        for (int k = 0; k < frames; ++k) {
            movie.frameFloat(k).convertTo(grey, CV_8U, 255.0 / 2000.0);
            cv::cvtColor(grey, bgr, cv::COLOR_GRAY2BGR);
            writer.write(bgr);
        }
    }
    const double encodeS = seconds(t0, Clock::now());
    const double encodeCpuS = cpuSeconds() - c0;

    // The full render: drift-shifted overlays (20 shapes), scale bar, time stamp, frame number.
    DriftResult drift;
    for (int k = 0; k < frames; ++k) {
        drift.dxPx.push_back(0.01 * k);
        drift.dyPx.push_back(-0.005 * k);
    }
    const OverlayProvider overlays = [size](int frame) {
        std::vector<OverlayShape> shapes;
        for (int i = 0; i < 20; ++i) {
            OverlayShape s;
            const double c = size * (0.1 + 0.04 * i);
            for (int j = 0; j < 24; ++j)
                s.points.push_back({c + 30 * std::cos(j * 0.2618), c + 30 * std::sin(j * 0.2618)});
            s.closed = true;
            shapes.push_back(s);
        }
        OverlayShape marker;
        marker.points = {{size * 0.5 + frame * 0.2, size * 0.5}};
        marker.label = "F1";
        shapes.push_back(marker);
        return shapes;
    };
    RenderOptions options;
    options.fps = 25;
    options.scaleBar = true;
    options.timestamp = true;
    options.frameNumber = true;
    t0 = Clock::now();
    c0 = cpuSeconds();
    const auto summary =
        renderMovie(movie, dir / ("annotated." + format), options, &drift, overlays);
    const double renderS = seconds(t0, Clock::now());
    const double renderCpuS = cpuSeconds() - c0;

    std::printf("## Movie export\n\n");
    std::printf("`bench_render --frames %d --size %d --format %s` (%s, %d × %d px out)\n\n", frames,
                size, format.c_str(), summary.codec.c_str(), summary.width, summary.height);
    // frames/s if the CPU time spread over 2 otherwise idle cores (the machine)
    std::printf("| step | time (s) | frames/s | CPU (s) | frames/s at CPU/2 cores | ratio to "
                "read |\n|---|---|---|---|---|---|\n");
    auto row = [&](const char* step, double wallS, double cpuS, int n) {
        std::printf("| %s | %.2f | %.1f | %.2f | %.0f | %.1f |\n", step, wallS, n / wallS, cpuS,
                    2 * n / cpuS, wallS / readS);
    };
    row("read frames as float (floor)", readS, readCpuS, frames);
    if (format != "gif")
        row("encode plain frames, same codec (floor)", encodeS, encodeCpuS, frames);
    row("renderMovie with overlays, scale bar, text", renderS, renderCpuS, summary.frames);
    if (format != "gif")
        std::printf("\nrender / plain encode = %.2f (wall), %.2f (CPU)\n", renderS / encodeS,
                    renderCpuS / encodeCpuS);
    std::fprintf(stderr, "(checksum %g)\n", sink);
    std::filesystem::remove_all(dir);
    return 0;
}
