// Drift within a thread budget (insitu/thread_budget.h): one, two or unlimited threads give the
// same shifts bit for bit, for both references and a spectrum cache that cannot hold the movie.
#include "drift_scene.h"

#include "insitu/registration/drift.h"
#include "insitu/registration/fft_planning.h"
#include "insitu/thread_budget.h"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <random>

using namespace insitu;

namespace {

std::vector<double> walk(int n, double stepPx, unsigned seed)
{
    std::mt19937 rng(seed);
    std::normal_distribution<double> step(0.0, stepPx);
    std::vector<double> w(static_cast<std::size_t>(n), 0.0);
    for (std::size_t k = 1; k < w.size(); ++k)
        w[k] = w[k - 1] + step(rng);
    return w;
}

} // namespace

TEST_CASE("thread budget: scoped, nested, and budgetedThreads caps the default",
          "[drift][thread-budget]")
{
    CHECK(threadBudget() == 0);
    CHECK(budgetedThreads(3) == 3);
    {
        const ScopedThreadBudget one(1);
        CHECK(budgetedThreads(3) == 1);
        {
            const ScopedThreadBudget two(2);
            CHECK(budgetedThreads(3) == 2);
            CHECK(budgetedThreads(1) == 1);
        }
        CHECK(threadBudget() == 1);
    }
    CHECK(threadBudget() == 0);
}

TEST_CASE("drift gives the same shifts within any thread budget", "[drift][thread-budget]")
{
    setFftPlanning(FftPlanning::Estimate);
    const int n = 40;
    const auto scene = test::makeDriftScene(96, 96, walk(n, 0.4, 31), walk(n, 0.4, 32), 30.0, 33);
    for (const auto reference : {DriftReference::RunningMean, DriftReference::First}) {
        DriftOptions options;
        options.reference = reference;
        const DriftResult unlimited = estimateDrift(*scene.movie, options, Progress::none());
        for (int budget : {1, 2}) {
            INFO("budget " << budget);
            const ScopedThreadBudget scoped(budget);
            const DriftResult limited = estimateDrift(*scene.movie, options, Progress::none());
            CHECK(limited.dxPx == unlimited.dxPx);
            CHECK(limited.dyPx == unlimited.dyPx);
            CHECK(limited.quality == unlimited.quality);
        }
    }
}
