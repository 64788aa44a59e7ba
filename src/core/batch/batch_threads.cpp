// A share of a batch on one machine: a movie per thread, each with a thread budget of
// cores / jobs (drift's own workers stay within it), OpenCV's own threads off meanwhile.

#include "insitu/batch/batch_runner.h"

#include "insitu/thread_budget.h"

#include <opencv2/core.hpp>

#include <atomic>
#include <cstdio>
#include <mutex>
#include <thread>

namespace insitu {

namespace {

std::string describe(const BatchMovieOutcome& o)
{
    char seconds[32];
    std::snprintf(seconds, sizeof seconds, "%.1f s", o.seconds);
    switch (o.status) {
    case BatchMovieOutcome::Status::Done:
        return "done (" + std::string(seconds) + ")";
    case BatchMovieOutcome::Status::Skipped:
        return "up to date, skipped";
    case BatchMovieOutcome::Status::Failed:
        break;
    }
    return "FAILED: " + o.error;
}

} // namespace

std::vector<BatchMovieOutcome> runBatchMovies(const BatchPlan& plan,
                                              const std::vector<std::filesystem::path>& movies,
                                              int jobs, bool resume, const BatchMessages& messages)
{
    std::vector<BatchMovieOutcome> outcomes(movies.size());
    std::mutex mutex;
    const BatchMessages say = [&](const std::string& line) {
        if (!messages)
            return;
        const std::lock_guard lock(mutex);
        messages(line);
    };
    std::atomic<std::size_t> next{0};
    std::size_t finished = 0;
    const int threads = std::max(1, std::min<int>(jobs, static_cast<int>(movies.size())));
    const int cores = static_cast<int>(std::max(1U, std::thread::hardware_concurrency()));
    const int perJob = threads > 1 ? std::max(1, cores / threads) : 0; // 0: unlimited
    const auto work = [&] {
        const ScopedThreadBudget budget(perJob);
        for (std::size_t i = next++; i < movies.size(); i = next++) {
            outcomes[i] = runBatchMovie(plan, movies[i], resume, say);
            const std::lock_guard lock(mutex);
            ++finished;
            if (messages)
                messages("[" + std::to_string(finished) + "/" + std::to_string(movies.size()) +
                         "] " + outcomes[i].name + ": " + describe(outcomes[i]));
        }
    };
    const int openCvThreads = cv::getNumThreads();
    if (threads > 1)
        cv::setNumThreads(1); // the movies are the parallelism: no nested thread pools
    std::vector<std::thread> pool;
    for (int t = 1; t < threads; ++t)
        pool.emplace_back(work);
    work();
    for (auto& thread : pool)
        thread.join();
    if (threads > 1)
        cv::setNumThreads(openCvThreads);
    return outcomes;
}

} // namespace insitu
