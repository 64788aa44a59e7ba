// The kymograph within a thread budget of one (a batch job's share of a 2-core machine): the
// same values bit for bit, and all of its work on the calling thread (no reading/sampling
// thread), so that a "1-thread" run really uses one core.
#include "insitu/front/kymograph.h"
#include "insitu/io/memory_reader.h"
#include "insitu/io/movie.h"
#include "insitu/thread_budget.h"

#include <catch2/catch.hpp>
#include <opencv2/core.hpp>

#include <ctime>

using namespace insitu;

namespace {

double cpuS(clockid_t clock)
{
    timespec t{};
    clock_gettime(clock, &t);
    return static_cast<double>(t.tv_sec) + 1e-9 * static_cast<double>(t.tv_nsec);
}

} // namespace

TEST_CASE("kymograph: a thread budget of one samples on the caller's thread, same values",
          "[kymograph][thread-budget]")
{
    std::vector<cv::Mat> frames;
    cv::RNG rng(7);
    for (int k = 0; k < 64; ++k) {
        cv::Mat f(256, 256, CV_32F);
        rng.fill(f, cv::RNG::UNIFORM, 0, 100);
        frames.push_back(f);
    }
    const Movie movie(
        std::make_unique<MemoryMovieReader>(frames, PixelType::Float32, Calibration{}));
    Roi roi;
    roi.points = {{10, 20}, {240, 230}};
    roi.widthPx = 61; // wide: sampling is most of the work
    const Kymograph unlimited = buildKymograph(movie, roi, nullptr, Progress::none());

    const int openCvThreads = cv::getNumThreads();
    cv::setNumThreads(1); // as a batch job does
    const double processStart = cpuS(CLOCK_PROCESS_CPUTIME_ID);
    const double threadStart = cpuS(CLOCK_THREAD_CPUTIME_ID);
    Kymograph one;
    {
        const ScopedThreadBudget budget(1);
        one = buildKymograph(movie, roi, nullptr, Progress::none());
    }
    const double processS = cpuS(CLOCK_PROCESS_CPUTIME_ID) - processStart;
    const double threadS = cpuS(CLOCK_THREAD_CPUTIME_ID) - threadStart;
    cv::setNumThreads(openCvThreads);

    REQUIRE(one.values.size() == unlimited.values.size());
    CHECK(cv::countNonZero(one.values != unlimited.values) == 0);
    INFO("process CPU " << processS << " s, calling thread " << threadS << " s");
    CHECK(processS - threadS < 0.02 * processS + 0.002); // no other thread did any of it
}
