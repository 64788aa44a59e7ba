// runBatchMovies on threads: movies handed out largest file first, outcomes in movie order,
// each movie's times (job, start, end, scheduler, waits) filled, and a one-job run keeping the
// caller's thread budget (so a "1-thread" run is one thread).
#include "support/test_paths.h"

#include "insitu/batch/batch_runner.h"
#include "insitu/export/provenance.h"
#include "insitu/project/project_file.h"
#include "insitu/registration/drift.h"
#include "insitu/registration/fft_planning.h"
#include "insitu/synth/synth.h"
#include "insitu/thread_budget.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <mutex>
#include <set>
#include <vector>

using namespace insitu;
namespace fs = std::filesystem;

namespace {

/// Three small drifting movies of 6, 14 and 10 frames and a drift-only template.
BatchRecipe driftBatch(const fs::path& dir)
{
    fs::create_directories(dir / "movies");
    const int frames[] = {6, 14, 10};
    for (int k = 0; k < 3; ++k) {
        NanowireFrontScene scene;
        scene.imaging.frames = frames[k];
        scene.imaging.seed = 40 + static_cast<std::uint64_t>(k);
        (void)writeScene(scene, dir / "movies" / ("m" + std::to_string(k) + ".tif"));
    }
    Project templ;
    ProjectMovie movie = describeMovie(dir / "movies" / "m0.tif", 1);
    DriftOptions options;
    const auto opened = openMovie(movie.path);
    movie.drift = ProjectDrift{estimateDrift(*opened, options, Progress::none()),
                               driftProvenance(options, 1)};
    templ.movies.push_back(movie);
    templ.nextMovieId = 2;
    saveProject(templ, dir / "template.h5");
    BatchRecipe recipe;
    recipe.baseDir = dir;
    recipe.movies = {"movies/*.tif"};
    recipe.templateProject = dir / "template.h5";
    recipe.outputDir = dir / "out";
    return recipe;
}

} // namespace

TEST_CASE("runBatchMovies: largest first, outcomes in movie order, times filled",
          "[batch][batch-threads]")
{
    setFftPlanning(FftPlanning::Estimate);
    const auto dir = test::scratchDir("core_batch_threads");
    const BatchPlan plan = planBatch(driftBatch(dir));
    REQUIRE(plan.movies.size() == 3); // m0 (6 frames), m1 (14), m2 (10)
    CHECK(largestFirstOrder(plan.movies) == std::vector<std::size_t>{1, 2, 0});
    CHECK(largestFirstOrder({dir / "absent-a.tif", dir / "absent-b.tif"}) ==
          std::vector<std::size_t>{0, 1}); // unreadable: movie order

    SECTION("one job: the order is by file size, and the caller's budget holds")
    {
        std::mutex mutex;
        std::set<int> budgets; // seen by the analyses (progress lines come from the job)
        const BatchMessages messages = [&](const std::string&) {
            const std::lock_guard lock(mutex);
            budgets.insert(threadBudget());
        };
        const ScopedThreadBudget one(1);
        const auto outcomes = runBatchMovies(plan, plan.movies, 1, false, messages);
        REQUIRE(outcomes.size() == 3);
        for (std::size_t i = 0; i < 3; ++i) {
            CHECK(outcomes[i].movie == plan.movies[i]);
            CHECK(outcomes[i].status == BatchMovieOutcome::Status::Done);
            CHECK(outcomes[i].times.job == 0);
        }
        CHECK(outcomes[1].times.startS < outcomes[2].times.startS); // 14 frames before 10
        CHECK(outcomes[2].times.startS < outcomes[0].times.startS); // 10 before 6
        CHECK(budgets == std::set<int>{1});
    }
    SECTION("two jobs: every movie's wall time is accounted for")
    {
        const auto outcomes = runBatchMovies(plan, plan.movies, 2, false);
        std::set<int> jobs;
        for (const auto& o : outcomes) {
            INFO(o.name);
            CHECK(o.status == BatchMovieOutcome::Status::Done);
            jobs.insert(o.times.job);
            const double wallS = o.times.endS - o.times.startS;
            CHECK(wallS > 0);
            CHECK(o.times.waits.frameReadS > 0);
            CHECK(o.times.waits.projectSaveS > 0);
            CHECK(o.times.waits.frameReadS + o.times.waits.projectSaveS <= wallS);
            if (o.times.scheduler.known) {
                CHECK(o.times.scheduler.onCpuS > 0);
                // on a CPU + queued for one ≤ wall, up to a scheduler tick of lag
                CHECK(o.times.scheduler.onCpuS + o.times.scheduler.runQueueS < wallS + 0.02);
            }
        }
        CHECK(jobs.size() <= 2);
        CHECK(*jobs.rbegin() <= 1);
    }
}
