// Clock alignment on synthetic logs with known offset and rate: header clocks, anchors and the
// cross-correlation of a synthetic movie whose mean intensity follows the current.
#include "insitu/ec/clock_alignment.h"
#include "insitu/ec/electron_dose.h"
#include "insitu/io/memory_reader.h"
#include "insitu/synth/synth.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <random>

using namespace insitu;

namespace {

/// A chronoamperometry-like log: current steps of random length, irregular sampling.
struct SyntheticLog
{
    std::vector<double> timeS;
    std::vector<double> currentA;
    std::vector<double> edgesS; ///< log times of the current steps
};

SyntheticLog makeLog(double durationS, std::mt19937_64& rng)
{
    std::uniform_real_distribution<double> stepLength(4.0, 13.0);
    std::uniform_real_distribution<double> sampleGap(0.05, 0.15);
    std::normal_distribution<double> noise(0.0, 2e-8);
    SyntheticLog log;
    double nextEdge = stepLength(rng);
    bool on = false;
    for (double t = 0; t < durationS; t += sampleGap(rng)) {
        if (t >= nextEdge) {
            log.edgesS.push_back(nextEdge);
            on = !on;
            nextEdge += stepLength(rng);
        }
        log.timeS.push_back(t);
        log.currentA.push_back((on ? 1e-6 : 1e-7) + noise(rng));
    }
    return log;
}

/// The frame nearest to movie time t (what a user points at for an event).
double nearestFrameTime(double tMovie, double frameIntervalS)
{
    return std::round(tMovie / frameIntervalS) * frameIntervalS;
}

} // namespace

TEST_CASE("alignment: header clocks give a = difference of the wall clocks", "[ec]")
{
    AlignmentInput in;
    in.movieStart = LocalDateTime{2024, 3, 31, 23, 59, 50.5};
    in.logStart = LocalDateTime{2024, 4, 1, 0, 0, 2.0};
    const auto a = alignClocks(in);
    CHECK(a.method == "header clocks");
    CHECK(a.offsetS == Approx(11.5));
    CHECK(a.rate == 1.0);
    CHECK(alignClocks({}).warnings.size() == 1);
}

TEST_CASE("alignment: two anchors within one frame interval, over seeds, rates and spans", "[ec]")
{
    for (const std::uint64_t seed : {1u, 2u, 3u, 4u, 5u})
        for (const double frameIntervalS : {0.1, 0.5, 2.0})
            for (const double spanS : {600.0, 7200.0}) {
                std::mt19937_64 rng(seed);
                std::uniform_real_distribution<double> offset(-300.0, 300.0);
                std::uniform_real_distribution<double> drift(-100e-6, 100e-6);
                const double aTrue = offset(rng);
                const double bTrue = 1.0 + drift(rng);
                const auto log = makeLog(spanS, rng);
                REQUIRE(log.edgesS.size() > 4);
                // The user points at the first and the last step, in the movie and in the log.
                AlignmentInput in;
                for (const double edge : {log.edgesS[1], log.edgesS[log.edgesS.size() - 2]})
                    in.anchors.push_back(
                        {nearestFrameTime(aTrue + bTrue * edge, frameIntervalS), edge});
                const auto a = alignClocks(in);
                CAPTURE(seed, frameIntervalS, spanS, aTrue, bTrue, a.offsetS, a.rate);
                CHECK(a.method == "two anchors");
                REQUIRE(a.anchorResidualsS.size() == 2);
                double worstS = 0;
                for (const double t : log.timeS)
                    worstS = std::max(worstS, std::abs(a.movieTimeS(t) - (aTrue + bTrue * t)));
                CHECK(worstS < frameIntervalS);
                for (const double r : a.anchorResidualsS)
                    CHECK(std::abs(r) < frameIntervalS);
            }
}

TEST_CASE("alignment: one anchor sets the offset; the residual is shown", "[ec]")
{
    AlignmentInput in;
    in.offsetS = 100.0;
    in.anchors = {{52.0, 10.0}};
    const auto a = alignClocks(in);
    CHECK(a.method == "one anchor");
    CHECK(a.offsetS == Approx(42.0));
    CHECK(a.anchorResidualsS.at(0) == Approx(0.0).margin(1e-12));
}

TEST_CASE("cross-correlation finds the offset within one frame on a synthetic movie whose "
          "mean intensity follows the current",
          "[ec]")
{
    for (const std::uint64_t seed : {11u, 12u, 13u}) {
        std::mt19937_64 rng(seed);
        const auto log = makeLog(200.0, rng);
        std::uniform_real_distribution<double> offset(-20.0, 20.0);
        const double aTrue = offset(rng);
        SceneSpec scene = defaultScene("drift");
        auto& imaging = imagingOf(scene);
        imaging.frames = 120;
        imaging.width = 64;
        imaging.height = 64;
        imaging.frameIntervalS = 0.5;
        imaging.supersample = 1;
        imaging.seed = seed;
        const auto synth = renderScene(scene);
        std::vector<double> times;
        std::vector<double> signal;
        std::vector<cv::Mat> frames;
        for (int k = 0; k < imaging.frames; ++k) {
            const double tMovie = k * imaging.frameIntervalS + 10.0;
            times.push_back(tMovie);
            const double current = interpolateAt(log.timeS, log.currentA, tMovie - aTrue);
            cv::Mat frame;
            synth.frames[static_cast<std::size_t>(k)].convertTo(frame, CV_32F, 1.0 + 2e5 * current);
            frames.push_back(frame);
        }
        const Movie movie(
            std::make_unique<MemoryMovieReader>(frames, PixelType::Float32, synth.calibration));
        signal = meanPerFrame(movie, std::nullopt, Progress::none());
        // The header clocks are off by several seconds; the search starts there.
        const double headerGuessS = aTrue + 7.3 * (seed % 2 ? 1 : -1);
        const auto a =
            crossCorrelateClocks(times, signal, log.timeS, log.currentA, headerGuessS, {});
        CAPTURE(seed, aTrue, a.offsetS);
        CHECK(std::abs(a.offsetS - aTrue) < imaging.frameIntervalS);
        REQUIRE(a.correlation);
        CHECK(*a.correlation > 0.8);
    }
}

TEST_CASE("cross-correlation without overlap is refused with a clear message", "[ec]")
{
    const std::vector<double> times{0, 1, 2, 3};
    const std::vector<double> values{0, 1, 0, 1};
    CHECK_THROWS_WITH(crossCorrelateClocks(times, values, {1000, 1001}, {0, 1}, 0, {}),
                      Catch::Contains("do not overlap"));
}

TEST_CASE("cross-correlation on a movie shorter than the lag window is not fooled by lags that "
          "overlap a few frames",
          "[ec]")
{
    for (std::uint64_t seed = 101; seed <= 120; ++seed) {
        std::mt19937_64 rng(seed);
        const auto log = makeLog(400, rng);
        const double aTrue = std::uniform_real_distribution<double>(-20, 20)(rng);
        std::normal_distribution<double> noise(0, 0.02);
        std::vector<double> times;
        std::vector<double> signal;
        for (int k = 0; k < 240; ++k) { // 48 s of movie, ±60 s of lags
            times.push_back(10 + k * 0.2);
            const double i = interpolateAt(log.timeS, log.currentA, times.back() - aTrue);
            signal.push_back(100 * (1 + 2e5 * i) * (1 + noise(rng)));
        }
        const auto a = crossCorrelateClocks(times, signal, log.timeS, log.currentA, aTrue + 7.3);
        CAPTURE(seed, aTrue, a.offsetS);
        CHECK(std::abs(a.offsetS - aTrue) < 0.2);
    }
}
