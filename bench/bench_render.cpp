// bench_render: renderMovie speed on a 1000-frame 1024² movie with overlays, next to floors
// measured in the same run: reading the frames as float, encoding the same plain frames with
// OpenCV's VideoWriter (libx264 at its default preset "medium", the writer before Mp4Writer) and
// with Mp4Writer. --presets adds a table of libx264 presets (CPU time, file size, PSNR of the
// decoded frames against the encoded ones). Prints a Markdown section for docs/performance.md
// ("Movie export"). Options: --frames N (default 1000), --size PX (1024), --format mp4|avi|gif
// (mp4), --presets, --x264 PRESET[/PARAMS] (repeatable: those settings instead of the preset
// table's), --render-only (no floors: for profiling). The render's CPU time is also given per
// thread (reading + drawing, and each encoder thread).

#include "insitu/io/movie.h"
#include "insitu/registration/drift_result.h"
#include "insitu/render/movie_render.h"
#include "insitu/render/mp4_writer.h"

#include <opencv2/imgproc.hpp>
#include <opencv2/videoio.hpp>

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <tuple>
#include <utility>

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

/// CPU seconds (user + system) of every thread of this process now, by thread id.
std::map<int, double> threadCpuSeconds()
{
    std::map<int, double> cpu;
    const double tick = static_cast<double>(sysconf(_SC_CLK_TCK));
    for (const auto& task : std::filesystem::directory_iterator("/proc/self/task")) {
        std::ifstream in(task.path() / "stat");
        std::string line;
        std::getline(in, line);
        const auto close = line.rfind(')'); // the name may hold spaces
        if (close == std::string::npos)
            continue;
        std::istringstream fields(line.substr(close + 2));
        std::string field;
        double utime = 0, stime = 0;
        for (int i = 3; i <= 15 && fields >> field; ++i) {
            if (i == 14)
                utime = std::stod(field);
            if (i == 15)
                stime = std::stod(field);
        }
        cpu[std::stoi(task.path().filename().string())] = (utime + stime) / tick;
    }
    return cpu;
}

/// Samples every thread's CPU time while it lives (threads that end keep their last value), so
/// the split between the rendering thread and the encoder's threads can be printed.
class ThreadCpuSampler
{
public:
    ThreadCpuSampler() : m_start(threadCpuSeconds()), m_worker([this] { run(); }) {}
    ~ThreadCpuSampler() { stop(); }
    /// Stops sampling; returns CPU s used since construction by each thread.
    std::map<int, double> stop()
    {
        if (m_worker.joinable()) {
            m_stop = true;
            m_worker.join();
            sample();
        }
        std::map<int, double> used;
        m_last.erase(m_ownTid); // not part of what is measured
        for (const auto& [tid, s] : m_last) {
            const auto before = m_start.find(tid);
            used[tid] = s - (before == m_start.end() ? 0.0 : before->second);
        }
        return used;
    }

private:
    void sample()
    {
        for (const auto& [tid, s] : threadCpuSeconds())
            m_last[tid] = s;
    }
    void run()
    {
        m_ownTid = static_cast<int>(gettid());
        while (!m_stop) {
            sample();
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
    }
    std::map<int, double> m_start;
    std::map<int, double> m_last;
    std::atomic<bool> m_stop{false};
    int m_ownTid = 0;
    std::thread m_worker;
};

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

/// The plain grey frame k as every floor encodes it: the render's frame under its automatic
/// contrast, without the annotations (the same noise reaches the encoder).
cv::Mat plainFrame(const Movie& movie, int k)
{
    static const DisplayRange range = renderDisplayRange(movie, 0, RenderOptions{});
    return displayFrameGrey(movie, k, RenderOptions{}, nullptr, range);
}

std::string loadAverage()
{
    std::ifstream in("/proc/loadavg");
    std::string one, five;
    in >> one >> five;
    return one.empty() ? "unknown" : one + " (1 min), " + five + " (5 min)";
}

/// PSNR (dB) of the decoded frames of file against the plain frames.
double decodedPsnr(const std::filesystem::path& file, const Movie& movie, int frames)
{
    cv::VideoCapture in(file.string(), cv::CAP_FFMPEG);
    cv::Mat frame, grey;
    double squared = 0;
    int count = 0;
    for (int k = 0; k < frames && in.read(frame); ++k, ++count) {
        cv::extractChannel(frame, grey, 1);
        const cv::Mat inside = grey(cv::Rect(0, 0, movie.width(), movie.height()));
        const double e = cv::norm(inside, plainFrame(movie, k), cv::NORM_L2);
        squared += e * e / static_cast<double>(inside.total());
    }
    if (count == 0)
        return 0;
    return 10 * std::log10(255.0 * 255.0 / (squared / count));
}

/// Encodes the plain frames with Mp4Writer; returns {wall s, CPU s}.
std::pair<double, double> encodeMp4Writer(const Movie& movie, const std::filesystem::path& file,
                                          int frames, const Mp4WriterOptions& options)
{
    const auto t0 = Clock::now();
    const double c0 = cpuSeconds();
    Mp4Writer writer(file, {movie.width(), movie.height()}, 25, options);
    for (int k = 0; k < frames; ++k)
        writer.write(plainFrame(movie, k));
    writer.finish();
    return {seconds(t0, Clock::now()), cpuSeconds() - c0};
}

} // namespace

int main(int argc, char** argv)
{
    int frames = 1000;
    int size = 1024;
    std::string format = "mp4";
    bool presets = false;
    std::vector<std::pair<std::string, std::string>> tried; // --x264 PRESET[/PARAMS]
    bool renderOnly = false; // skip the floors (for profiling the render)
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--presets") == 0)
            presets = true;
        else if (std::strcmp(argv[i], "--render-only") == 0)
            renderOnly = true;
        else if (i + 1 == argc)
            break;
        else if (std::strcmp(argv[i], "--frames") == 0)
            frames = std::atoi(argv[++i]);
        else if (std::strcmp(argv[i], "--size") == 0)
            size = std::atoi(argv[++i]);
        else if (std::strcmp(argv[i], "--format") == 0)
            format = argv[++i];
        else if (std::strcmp(argv[i], "--x264") == 0) {
            const std::string text = argv[++i];
            const auto slash = text.find('/');
            tried.emplace_back(text.substr(0, slash),
                               slash == std::string::npos ? "" : text.substr(slash + 1));
            presets = true;
        }
    }
    const auto dir = std::filesystem::temp_directory_path() / "bench_render";
    std::filesystem::create_directories(dir);
    const Movie movie(std::make_unique<CyclingReader>(frames, size), MovieOptions{});
    const std::string loadBefore = loadAverage();

    // Floor 1: read every frame as float32.
    auto t0 = Clock::now();
    double c0 = cpuSeconds();
    double sink = 0;
    for (int k = 0; k < frames; ++k)
        sink += movie.frameFloat(k).at<float>(0, 0);
    const double readS = seconds(t0, Clock::now());
    const double readCpuS = cpuSeconds() - c0;

    // Floor 2: encode the same number of plain grey frames with OpenCV's VideoWriter (MP4:
    // libx264 "medium", what renderMovie used before Mp4Writer; AVI: PNG, what it uses).
    const std::string out = (dir / ("plain." + format)).string();
    t0 = Clock::now();
    c0 = cpuSeconds();
    if (format != "gif" && !renderOnly) {
        const int fourcc = format == "mp4" ? cv::VideoWriter::fourcc('a', 'v', 'c', '1')
                                           : cv::VideoWriter::fourcc('p', 'n', 'g', ' ');
        cv::VideoWriter writer(out, cv::CAP_FFMPEG, fourcc, 25, {size, size}, true);
        cv::Mat bgr;
        for (int k = 0; k < frames; ++k) {
            cv::cvtColor(plainFrame(movie, k), bgr, cv::COLOR_GRAY2BGR);
            writer.write(bgr);
        }
    }
    const double encodeS = seconds(t0, Clock::now());
    const double encodeCpuS = cpuSeconds() - c0;

    // Floor 3 (MP4): the same plain frames through Mp4Writer, the writer renderMovie uses.
    double writerS = 0, writerCpuS = 0;
    if (format == "mp4" && !renderOnly)
        std::tie(writerS, writerCpuS) = encodeMp4Writer(movie, dir / "writer.mp4", frames, {});

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
    const int mainTid = static_cast<int>(gettid());
    ThreadCpuSampler sampler;
    t0 = Clock::now();
    c0 = cpuSeconds();
    const auto summary =
        renderMovie(movie, dir / ("annotated." + format), options, &drift, overlays);
    const double renderS = seconds(t0, Clock::now());
    const double renderCpuS = cpuSeconds() - c0;
    std::map<int, double> perThread = sampler.stop();
    const double mainCpuS = perThread[mainTid];
    double busiestOtherS = 0, othersS = 0;
    int others = 0;
    std::string threadList;
    for (const auto& [tid, s] : perThread)
        if (tid != mainTid && s > 0.01) {
            threadList += (threadList.empty() ? "" : ", ") + std::to_string(s).substr(0, 4);
            othersS += s, ++others;
            busiestOtherS = std::max(busiestOtherS, s);
        }

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
    if (format == "mp4")
        row("plain frames, cv::VideoWriter (x264 medium, before)", encodeS, encodeCpuS, frames);
    else if (format == "avi")
        row("encode plain frames, same codec (floor)", encodeS, encodeCpuS, frames);
    if (format == "mp4")
        row("plain frames, Mp4Writer (its defaults)", writerS, writerCpuS, frames);
    row("renderMovie with overlays, scale bar, text", renderS, renderCpuS, summary.frames);
    if (format == "mp4")
        std::printf("\nrender / Mp4Writer plain = %.2f (wall), %.2f (CPU); "
                    "VideoWriter plain / render = %.2f (wall), %.2f (CPU)\n",
                    renderS / writerS, renderCpuS / writerCpuS, encodeS / renderS,
                    encodeCpuS / renderCpuS);
    else if (format == "avi")
        std::printf("\nrender / plain encode = %.2f (wall), %.2f (CPU)\n", renderS / encodeS,
                    renderCpuS / encodeCpuS);
    std::printf("\nrender threads (CPU s): reading + drawing thread %.2f; %d encoder threads "
                "%.2f in all (%s), the busiest %.2f. On 2 idle cores the wall time is at least "
                "max(CPU / 2, busiest thread) = %.2f s (%.0f frames/s)\n",
                mainCpuS, others, othersS, threadList.c_str(), busiestOtherS,
                std::max({renderCpuS / 2, mainCpuS, busiestOtherS}),
                summary.frames / std::max({renderCpuS / 2, mainCpuS, busiestOtherS}));
    std::printf("\nload average: %s before, %s after (2 cores)\n", loadBefore.c_str(),
                loadAverage().c_str());

    if (presets && format == "mp4") {
        std::printf("\n| x264 preset (crf 23) | CPU (s) | frames/s at CPU/2 cores | MB | "
                    "PSNR (dB) |\n|---|---|---|---|---|\n");
        if (tried.empty())
            tried = {{"ultrafast", ""},
                     {"superfast", ""},
                     {"superfast", "mbtree=1:rc-lookahead=10"}, // the session-5 default (CABAC)
                     {"superfast", Mp4WriterOptions{}.x264Params},
                     {"veryfast", ""},
                     {"faster", ""},
                     {"medium", ""}};
        int run = 0;
        for (const auto& [preset, params] : tried) {
            Mp4WriterOptions x264;
            x264.preset = preset;
            x264.x264Params = params; // replaces the default parameters
            const auto file = dir / ("preset" + std::to_string(run++) + ".mp4");
            const double cpuS = encodeMp4Writer(movie, file, frames, x264).second;
            std::printf("| %s%s%s | %.2f | %.0f | %.1f | %.2f |\n", preset.c_str(),
                        params.empty() ? "" : " + ", params.c_str(), cpuS, 2 * frames / cpuS,
                        static_cast<double>(std::filesystem::file_size(file)) / 1e6,
                        decodedPsnr(file, movie, frames));
        }
    }
    std::fprintf(stderr, "(checksum %g)\n", sink);
    std::filesystem::remove_all(dir);
    return 0;
}
