// Benchmark of drift estimation: error against exact synthetic truth (Fourier-shifted texture,
// Poisson noise, 20 counts/px), frames/s, the two-FFT floor (one FFTW r2c + one c2r of the frame
// size, 1 thread, and two frames in parallel on two threads) measured in the same run, and
// cv::phaseCorrelate on the same frames. Prints its markdown section on stdout (bench/run.sh).

// The scene generator shared with the unit tests (exact Fourier shift on a padded canvas).
#include "../tests/core/registration/drift_scene.cpp"

#include "insitu/registration/drift.h"
#include "insitu/registration/fft_planning.h"
#include "insitu/registration/phase_correlation.h"
#include "insitu/synth/nanowire_front.h"

#include "insitu/io/tiff_writer.h"

#include <fftw3.h>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <thread>

using namespace insitu;

namespace {

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point start)
{
    return std::chrono::duration<double>(Clock::now() - start).count();
}

/// Seconds for one r2c + one c2r of size² (fastest of the runs), with FFTW_MEASURE plans.
struct Floor
{
    double oneThreadS = 0; ///< one frame, one thread
    double twoFramesS = 0; ///< two frames at once on two threads (per frame)
};

Floor fftFloor(int size, int repeats)
{
    const std::size_t n = static_cast<std::size_t>(size) * static_cast<std::size_t>(size);
    const std::size_t nHalf =
        static_cast<std::size_t>(size) * static_cast<std::size_t>(size / 2 + 1);
    std::vector<float*> real(2);
    std::vector<fftwf_complex*> spectrum(2);
    for (int t = 0; t < 2; ++t) {
        real[static_cast<std::size_t>(t)] = fftwf_alloc_real(n);
        spectrum[static_cast<std::size_t>(t)] = fftwf_alloc_complex(nHalf);
    }
    const fftwf_plan forward =
        fftwf_plan_dft_r2c_2d(size, size, real[0], spectrum[0], FFTW_MEASURE);
    const fftwf_plan inverse =
        fftwf_plan_dft_c2r_2d(size, size, spectrum[0], real[0], FFTW_MEASURE);
    for (int t = 0; t < 2; ++t)
        std::fill(real[static_cast<std::size_t>(t)], real[static_cast<std::size_t>(t)] + n, 1.0f);
    auto pair = [&](int t) {
        fftwf_execute_dft_r2c(forward, real[static_cast<std::size_t>(t)],
                              spectrum[static_cast<std::size_t>(t)]);
        fftwf_execute_dft_c2r(inverse, spectrum[static_cast<std::size_t>(t)],
                              real[static_cast<std::size_t>(t)]);
    };
    std::vector<double> one, two;
    for (int r = 0; r < repeats; ++r) {
        auto start = Clock::now();
        pair(0);
        one.push_back(secondsSince(start));
        start = Clock::now();
        std::thread other([&] { pair(1); });
        pair(0);
        other.join();
        two.push_back(secondsSince(start) / 2.0);
    }
    fftwf_destroy_plan(forward);
    fftwf_destroy_plan(inverse);
    for (int t = 0; t < 2; ++t) {
        fftwf_free(real[static_cast<std::size_t>(t)]);
        fftwf_free(spectrum[static_cast<std::size_t>(t)]);
    }
    return {*std::min_element(one.begin(), one.end()), *std::min_element(two.begin(), two.end())};
}

struct Measured
{
    double framesPerS = 0;
    double rmsPx = 0;
    double p95Px = 0;
};

Measured errors(const std::vector<double>& dxTrue, const std::vector<double>& dyTrue,
                const std::vector<double>& dx, const std::vector<double>& dy, std::size_t from)
{
    std::vector<double> e;
    double sum = 0;
    for (std::size_t k = from; k < dxTrue.size(); ++k) {
        const double d = std::hypot(dx[k] - dxTrue[k], dy[k] - dyTrue[k]);
        e.push_back(d);
        sum += d * d;
    }
    std::sort(e.begin(), e.end());
    Measured m;
    m.rmsPx = std::sqrt(sum / static_cast<double>(e.size()));
    m.p95Px =
        e[std::min(e.size() - 1, static_cast<std::size_t>(0.95 * static_cast<double>(e.size())))];
    return m;
}

void runSize(int size, int distinct, int frames)
{
    // Distinct noisy frames with random shifts (±8 px); frame 0 unshifted. The movie repeats
    // them to time enough frames.
    std::mt19937 rng(static_cast<unsigned>(size));
    std::uniform_real_distribution<double> shift(-8.0, 8.0);
    std::vector<double> dx{0.0}, dy{0.0};
    for (int k = 1; k < distinct; ++k) {
        dx.push_back(shift(rng));
        dy.push_back(shift(rng));
    }
    const auto scene = test::makeDriftScene(size, size, dx, dy, 20.0, 17);
    std::vector<cv::Mat> movieFrames;
    std::vector<double> dxTrue, dyTrue;
    for (int k = 0; k < frames; ++k) {
        const int j = k % distinct;
        movieFrames.push_back(scene.movie->frame(j).mat());
        dxTrue.push_back(scene.dxPx[static_cast<std::size_t>(j)]);
        dyTrue.push_back(scene.dyPx[static_cast<std::size_t>(j)]);
    }
    const Movie movie(std::make_unique<MemoryMovieReader>(movieFrames, PixelType::UInt16),
                      MovieOptions{4096});
    for (int k = 0; k < frames; ++k)
        (void)movie.frame(k); // cached: time the registration, not the reader

    // Rounds interleave the floor and our methods, and each keeps its fastest round, so that
    // other load on the machine penalises neither side more than the other.
    constexpr int rounds = 3;
    Floor floor{1e9, 1e9};
    auto timeDrift = [&](const DriftOptions& options, Measured& best) {
        const auto start = Clock::now();
        const DriftResult result = estimateDrift(movie, options, Progress::none());
        const double seconds = secondsSince(start);
        Measured m = errors(dxTrue, dyTrue, result.dxPx, result.dyPx, 1);
        m.framesPerS = std::max(best.framesPerS, frames / seconds);
        best = m;
    };
    DriftOptions first;
    first.reference = DriftReference::First;
    DriftOptions single;
    single.meanSecondPass = false;
    // Measured plans for the frame and the correlation grid, as a long movie would get them
    // (short runs without wisdom would estimate them), then a warm-up.
    {
        const PhaseCorrelator plans(size, size);
    }
    (void)estimateDrift(movie, DriftOptions{}, Progress::none());
    Measured ours, running, twoPass;
    for (int r = 0; r < rounds; ++r) {
        const Floor f = fftFloor(size, 5);
        floor.oneThreadS = std::min(floor.oneThreadS, f.oneThreadS);
        floor.twoFramesS = std::min(floor.twoFramesS, f.twoFramesS);
        timeDrift(first, ours);
        timeDrift(single, running);
        timeDrift(DriftOptions{}, twoPass);
    }

    // cv::phaseCorrelate (Hann window; copies, because 4.6 windows its inputs in place).
    cv::Mat window;
    cv::createHanningWindow(window, cv::Size(size, size), CV_32F);
    const cv::Mat reference = movie.frameFloat(0);
    std::vector<double> cvDx{0.0}, cvDy{0.0};
    const auto start = Clock::now();
    for (int k = 1; k < frames; ++k) {
        cv::Mat a = movie.frameFloat(k), b = reference.clone();
        const cv::Point2d s = cv::phaseCorrelate(b, a, window);
        cvDx.push_back(s.x);
        cvDy.push_back(s.y);
    }
    Measured cv = errors(dxTrue, dyTrue, cvDx, cvDy, 1);
    cv.framesPerS = (frames - 1) / secondsSince(start);

    const double floorOne = 1.0 / floor.oneThreadS;
    const double floorTwo = 1.0 / floor.twoFramesS;
    std::printf("| %d² | two-FFT floor, 1 thread | %.1f | %.1f | – | – | – |\n", size, floorOne,
                1e3 * floor.oneThreadS);
    std::printf("| %d² | two-FFT floor, 2 frames on 2 threads | %.1f | %.1f | – | – | 1.00 |\n",
                size, floorTwo, 1e3 * floor.twoFramesS);
    std::printf("| %d² | ours, reference first | %.1f | %.1f | %.4f | %.4f | **%.2f** |\n", size,
                ours.framesPerS, 1e3 / ours.framesPerS, ours.rmsPx, ours.p95Px,
                ours.framesPerS / floorTwo);
    std::printf("| %d² | ours, running mean (1 pass) | %.1f | %.1f | %.4f | %.4f | %.2f |\n", size,
                running.framesPerS, 1e3 / running.framesPerS, running.rmsPx, running.p95Px,
                running.framesPerS / floorTwo);
    std::printf("| %d² | ours, default (running mean + pass against mean) | %.1f | %.1f | %.4f | "
                "%.4f | %.2f |\n",
                size, twoPass.framesPerS, 1e3 / twoPass.framesPerS, twoPass.rmsPx, twoPass.p95Px,
                twoPass.framesPerS / floorTwo);
    std::printf("| %d² | cv::phaseCorrelate + Hann | %.1f | %.1f | %.4f | %.4f | %.2f |\n", size,
                cv.framesPerS, 1e3 / cv.framesPerS, cv.rmsPx, cv.p95Px, cv.framesPerS / floorTwo);
    std::fflush(stdout);
}

/// Wall time (s) of one shell command.
double timeCommand(const std::string& command)
{
    const auto start = Clock::now();
    if (std::system(command.c_str()) != 0)
        throw std::runtime_error("bench_drift: failed: " + command);
    return secondsSince(start);
}

/// The whole `insitu drift` command (process start, TIFF reading, FFTW planning, both passes,
/// CSV writing) on a 40-frame 2048² TIFF stack of the textured scene, against the two-FFT floor
/// measured in the same run: with FFTW wisdom already in the user cache (a later run) and with
/// an empty cache (the first run on this machine).
void runWholeCommand(const std::filesystem::path& insitu, bool quick)
{
    constexpr int size = 2048;
    constexpr int frames = 40;
    const auto dir = std::filesystem::temp_directory_path() / "insitu-bench-drift";
    std::filesystem::create_directories(dir);
    const auto tiff = dir / "drift-2048-40.tif";
    if (!std::filesystem::exists(tiff)) {
        std::mt19937 rng(7);
        std::uniform_real_distribution<double> shift(-8.0, 8.0);
        std::vector<double> dx{0.0}, dy{0.0};
        for (int k = 1; k < frames; ++k) {
            dx.push_back(shift(rng));
            dy.push_back(shift(rng));
        }
        const auto scene = test::makeDriftScene(size, size, dx, dy, 20.0, 17);
        TiffStackOptions options;
        options.width = size;
        options.height = size;
        options.frameCount = frames;
        TiffStackWriter writer(tiff, options);
        for (int k = 0; k < frames; ++k)
            writer.appendFrame(scene.movie->frame(k).mat());
        writer.finish();
    }
    const auto cold = dir / "empty-cache";
    const std::string run = "'" + insitu.string() + "' drift '" + tiff.string() + "' -o '" +
                            (dir / "drift.csv").string() + "' > /dev/null 2>&1";
    (void)timeCommand(run); // page cache and wisdom warm
    const int rounds = quick ? 2 : 3;
    double warm = 1e9;
    double first = 1e9;
    Floor floor{1e9, 1e9};
    for (int r = 0; r < rounds; ++r) {
        const Floor f = fftFloor(size, 5);
        floor.twoFramesS = std::min(floor.twoFramesS, f.twoFramesS);
        warm = std::min(warm, timeCommand(run));
        std::filesystem::remove_all(cold);
        first = std::min(first, timeCommand("XDG_CACHE_HOME='" + cold.string() + "' " + run));
    }
    const double floorS = frames * floor.twoFramesS;
    std::printf(
        "\nWhole command: `insitu drift drift-2048-40.tif -o drift.csv` (40 frames of the "
        "textured scene, 2048², uint16 TIFF in the page cache), wall time including process "
        "start, reading, FFTW planning and writing; floor = 40 × (one r2c + one c2r, two "
        "frames at once on two threads) measured in the same run; fastest of %d rounds.\n\n",
        rounds);
    std::printf("| run | wall time (s) | floor (s) | ratio to floor |\n|---|---|---|---|\n");
    std::printf("| FFTW wisdom in the user cache | %.2f | %.2f | **%.2f** |\n", warm, floorS,
                floorS / warm);
    std::printf("| empty cache (first run) | %.2f | %.2f | %.2f |\n", first, floorS,
                floorS / first);
    std::fflush(stdout);
}

/// One nanowire-front movie case: fronts, leading speed (px/frame), dose (counts/px).
struct FrontCase
{
    int fronts = 1;
    double speedPxPerFrame = 1;
    double dosePerPx = 20;
    double angleDeg = 4;
};

/// RMS and max Euclidean error (px) of the drift estimated with each of the options on `insitu
/// synth nanowire-front` movies (256×112, 200 frames, default drift random walk) over seeds,
/// against the true drift relative to frame 0 (the architecture.md contract: frame 0's own
/// placement error is part of every frame's error); the trailing front of two moves 3× slower
/// and starts at frame 50.
std::vector<std::pair<double, double>> frontMovieErrors(const FrontCase& c, int seeds,
                                                        const std::vector<DriftOptions>& options)
{
    std::vector<double> sumSq(options.size(), 0.0);
    std::vector<double> worst(options.size(), 0.0);
    int count = 0;
    for (int seed = 1; seed <= seeds; ++seed) {
        NanowireFrontScene scene;
        scene.imaging.seed = static_cast<std::uint64_t>(seed);
        scene.imaging.dosePerPx = c.dosePerPx;
        scene.fronts = c.fronts;
        scene.angleDeg = c.angleDeg;
        // rate (nm/s) = speed (px/frame) · nm/px / (s/frame)
        const double nmPerFrame = scene.imaging.nmPerPixel / scene.imaging.frameIntervalS;
        scene.leading.rateNm = c.speedPxPerFrame * nmPerFrame;
        scene.trailing.rateNm = scene.leading.rateNm / 3.0;
        const SynthMovie synth = renderNanowireFront(scene);
        const Movie movie(synth.reader());
        const auto& truth = synth.truth;
        for (std::size_t o = 0; o < options.size(); ++o) {
            const DriftResult result = estimateDrift(movie, options[o], Progress::none());
            for (std::size_t k = 0; k < truth.dxPx.size(); ++k) {
                const double e = std::hypot(result.dxPx[k] - (truth.dxPx[k] - truth.dxPx[0]),
                                            result.dyPx[k] - (truth.dyPx[k] - truth.dyPx[0]));
                sumSq[o] += e * e;
                worst[o] = std::max(worst[o], e);
            }
        }
        count += static_cast<int>(truth.dxPx.size());
    }
    std::vector<std::pair<double, double>> out;
    for (std::size_t o = 0; o < options.size(); ++o)
        out.emplace_back(std::sqrt(sumSq[o] / count), worst[o]);
    return out;
}

void runFrontMovies(bool quick)
{
    const int seeds = quick ? 2 : 4;
    std::printf(
        "\nFront movies: `insitu synth nanowire-front` (256×112 px, 200 frames, wire at 4°, "
        "random-walk drift, flicker, uneven illumination, Poisson noise), %d seeds per row; "
        "RMS / max Euclidean error of the drift (px) relative to frame 0 over all frames and "
        "seeds. Two fronts: the trailing one 3× slower, from frame 50.\n\n",
        seeds);
    std::printf("| fronts | leading speed (px/frame) | dose (counts/px) | default | "
                "`--downweight-changes` | `--single-pass` | `--whitening 0 --highpass 0.01` |\n");
    std::printf("|---|---|---|---|---|---|---|\n");
    DriftOptions plain;
    plain.whiteningExponent = 0.0;
    plain.highPassSigmaCyclesPerPx = 0.01;
    DriftOptions single;
    single.meanSecondPass = false;
    DriftOptions weighted;
    weighted.downweightChanges = true;
    std::vector<FrontCase> cases;
    const std::vector<double> speeds = quick ? std::vector<double>{0.1, 1.0, 6.0}
                                             : std::vector<double>{0.1, 0.5, 1.0, 3.0, 6.0, 10.0};
    for (double dose : {20.0, 5.0})
        for (int fronts : {1, 2})
            for (double speed : speeds)
                cases.push_back({fronts, speed, dose});
    double worstRms = 0;
    for (const FrontCase& c : cases) {
        const auto e = frontMovieErrors(c, seeds, {DriftOptions{}, weighted, single, plain});
        std::printf("| %d | %.1f | %.0f |", c.fronts, c.speedPxPerFrame, c.dosePerPx);
        for (const auto& [rms, worst] : e)
            std::printf(" %.3f / %.3f |", rms, worst);
        std::printf("\n");
        std::fflush(stdout);
        worstRms = std::max(worstRms, e[1].first);
    }
    std::printf("\nWorst row RMS with `--downweight-changes`: %.3f px (target ≤ 0.1).\n", worstRms);
}

} // namespace

int main(int argc, char** argv)
{
    setFftPlanning(FftPlanning::Measure);
    const bool quick = argc > 1 && std::string(argv[1]) == "--quick";
    if (argc > 1 && std::string(argv[1]) == "--whole") {
        runWholeCommand(std::filesystem::absolute(argv[0]).parent_path() / "insitu",
                        argc > 2 && std::string(argv[2]) == "--quick");
        return 0;
    }
    if (argc > 1 && std::string(argv[1]) == "--fronts") {
        setFftPlanning(FftPlanning::Estimate);
        runFrontMovies(argc > 2 && std::string(argv[2]) == "--quick");
        return 0;
    }
    std::printf("## Drift\n\n");
    std::printf("`bench_drift`: %s frames with random shifts of ±8 px (exact Fourier shift of a "
                "texture on a padded canvas, so edges are not periodic), Poisson noise at 20 "
                "counts/px, registered against frame 0 (also unshifted-noisy). Error = Euclidean "
                "distance to the true shift. Ratio = frames/s ÷ the two-FFT floor on both cores "
                "(two frames at once, one FFTW thread each), measured in the same run; floor and "
                "methods are timed in three interleaved rounds and each keeps its fastest. "
                "Frames are cached in memory (reader time excluded).\n\n",
                quick ? "A few" : "Distinct");
    std::printf(
        "| size | method | frames/s | ms/frame | RMS error (px) | p95 (px) | ratio to floor |\n");
    std::printf("|---|---|---|---|---|---|---|\n");
    runSize(1024, quick ? 4 : 16, quick ? 16 : 64);
    runSize(2048, quick ? 3 : 8, quick ? 12 : 32);
    const auto insitu = std::filesystem::absolute(argv[0]).parent_path() / "insitu";
    if (std::filesystem::exists(insitu))
        runWholeCommand(insitu, quick);
    else
        std::printf("\n(whole-command row skipped: %s not built)\n", insitu.string().c_str());
    std::printf("\nReproduce: `bench/run.sh drift` (or `build/bin/bench_drift`).\n\n");
    return 0;
}
