// bench_io: reader speed on a generated 16-bit 2048² TIFF stack (default 4 GiB).
//   bench_io [GiB=4] [folder=$TMPDIR]
// Measures: open + frame 0 (cold: pages evicted with posix_fadvise, and warm), a sequential pass
// over all frames vs `cat FILE >/dev/null` with a warm page cache, and random access to frames.
// Targets (issue 3): open + frame 0 < 0.3 s; sequential ≥ 70 % of cat; random frame ≤ 10 ms.

#include "insitu/io/movie_reader.h"
#include "insitu/io/tiff_writer.h"

#include <fcntl.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>

namespace {

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point start)
{
    return std::chrono::duration<double>(Clock::now() - start).count();
}

/// Evicts the file's pages from the page cache (no root needed for clean pages).
void dropCache(const std::filesystem::path& path)
{
    const int fd = ::open(path.c_str(), O_RDONLY);
    if (fd >= 0) {
        ::fdatasync(fd);
        ::posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);
        ::close(fd);
    }
}

double timeCat(const std::filesystem::path& path)
{
    const auto start = Clock::now();
    const std::string command = "cat '" + path.string() + "' > /dev/null";
    if (std::system(command.c_str()) != 0)
        std::fprintf(stderr, "cat failed\n");
    return secondsSince(start);
}

} // namespace

int main(int argc, char** argv)
{
    const double gib = argc > 1 ? std::atof(argv[1]) : 4.0;
    const std::filesystem::path folder =
        argc > 2 ? std::filesystem::path(argv[2]) : std::filesystem::temp_directory_path();
    constexpr int side = 2048;
    const double frameBytes = double(side) * side * 2;
    const int frames = std::max(2, static_cast<int>(gib * 1024 * 1024 * 1024 / frameBytes));
    const auto path = folder / "insitu_bench_io_stack.tif";

    std::fprintf(stderr, "writing %d frames of %dx%d uint16 (%.2f GiB) to %s ...\n", frames, side,
                 side, frames * frameBytes / (1 << 30), path.c_str());
    {
        insitu::TiffStackOptions options;
        options.width = side;
        options.height = side;
        options.frameCount = frames;
        options.nmPerPixel = 0.1;
        options.frameIntervalS = 0.05;
        insitu::TiffStackWriter writer(path, options);
        cv::Mat frame(side, side, CV_16U);
        for (int k = 0; k < frames; ++k) {
            frame.setTo(cv::Scalar(k));
            frame.at<std::uint16_t>(k % side, 7) = 60000;
            writer.appendFrame(frame);
        }
        writer.finish();
    }
    const double fileGiB = static_cast<double>(std::filesystem::file_size(path)) / (1 << 30);

    // 1. Open + frame 0, cold (file pages evicted) and warm.
    dropCache(path);
    auto start = Clock::now();
    {
        auto reader = insitu::openMovieReader(path);
        (void)reader->readFrame(0);
    }
    const double openCold = secondsSince(start);
    start = Clock::now();
    auto reader = insitu::openMovieReader(path);
    const double openOnly = secondsSince(start);
    (void)reader->readFrame(0);
    const double openWarm = secondsSince(start);

    // 2. Sequential pass vs cat, both with a warm page cache (cat twice to warm it first).
    (void)timeCat(path);
    const double cat = timeCat(path);
    start = Clock::now();
    double checksum = 0;
    for (int k = 0; k < reader->info().frameCount; ++k)
        checksum += reader->readFrame(k).mat().at<std::uint16_t>(0, 0);
    const double sequential = secondsSince(start);
    const bool valid = checksum == double(frames) * (frames - 1) / 2;

    // 3. Random access: 200 random frames, warm.
    std::mt19937 rng(42);
    std::uniform_int_distribution<int> pick(0, frames - 1);
    constexpr int randomReads = 200;
    start = Clock::now();
    for (int i = 0; i < randomReads; ++i)
        (void)reader->readFrame(pick(rng));
    const double randomMs = secondsSince(start) * 1000 / randomReads;

    // 4. Random access with a cold cache (each frame evicted first): the disk-bound figure.
    dropCache(path);
    start = Clock::now();
    constexpr int coldReads = 20;
    for (int i = 0; i < coldReads; ++i)
        (void)reader->readFrame(pick(rng));
    const double randomColdMs = secondsSince(start) * 1000 / coldReads;

    const double catGiBs = fileGiB / cat;
    const double seqGiBs = fileGiB / sequential;
    std::printf("| I/O benchmark (%s, %d frames of 2048² uint16, %.2f GiB) | measured | target |\n",
                reader->info().format.c_str(), frames, fileGiB);
    std::printf("|---|---|---|\n");
    std::printf("| open + frame 0, cold page cache | %.3f s | < 0.3 s |\n", openCold);
    std::printf("| open + frame 0, warm (open alone %.4f s) | %.3f s | < 0.3 s |\n", openOnly,
                openWarm);
    std::printf("| `cat FILE >/dev/null`, warm | %.2f s (%.2f GiB/s) | |\n", cat, catGiBs);
    std::printf(
        "| sequential pass, all frames, warm | %.2f s (%.2f GiB/s) = %.0f %% of cat | ≥ 70 %% |\n",
        sequential, seqGiBs, 100.0 * seqGiBs / catGiBs);
    std::printf("| random frame, warm (mean of %d) | %.2f ms | ≤ 10 ms |\n", randomReads, randomMs);
    std::printf("| random frame, cold page cache (mean of %d) | %.2f ms | |\n", coldReads,
                randomColdMs);
    std::printf("| pixel check | %s | |\n", valid ? "ok" : "WRONG");
    reader.reset();
    std::filesystem::remove(path);
    return valid ? 0 : 1;
}
