// A share of a batch on one machine: a movie per thread, largest file first, each with a thread
// budget of cores / jobs (drift's own workers stay within it), OpenCV's own threads off meanwhile;
// where each movie's wall time went (BatchMovieTimes).

#include "insitu/batch/batch_runner.h"

#include "insitu/thread_budget.h"

#include <opencv2/core.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
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

/// Bytes of a movie file, or of the files in a folder of frames (0 when unreadable).
std::uintmax_t movieBytes(const std::filesystem::path& movie)
{
    std::error_code ec;
    if (!std::filesystem::is_directory(movie, ec)) {
        const auto bytes = std::filesystem::file_size(movie, ec);
        return ec ? 0 : bytes;
    }
    std::uintmax_t total = 0;
    for (const auto& entry : std::filesystem::directory_iterator(movie, ec))
        if (std::error_code e; entry.is_regular_file(e))
            total += entry.file_size(e);
    return total;
}

ThreadWaits minus(const ThreadWaits& a, const ThreadWaits& b)
{
    return {a.hdf5LockS - b.hdf5LockS, a.fftwPlannerS - b.fftwPlannerS, a.movieLockS - b.movieLockS,
            a.frameReadS - b.frameReadS, a.projectSaveS - b.projectSaveS};
}

SchedulerTimes minus(const SchedulerTimes& a, const SchedulerTimes& b)
{
    return {a.onCpuS - b.onCpuS, a.runQueueS - b.runQueueS, a.known && b.known};
}

} // namespace

std::vector<std::size_t> largestFirstOrder(const std::vector<std::filesystem::path>& movies)
{
    std::vector<std::uintmax_t> bytes;
    for (const auto& movie : movies)
        bytes.push_back(movieBytes(movie));
    std::vector<std::size_t> order(movies.size());
    for (std::size_t i = 0; i < order.size(); ++i)
        order[i] = i;
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return bytes[a] > bytes[b]; });
    return order;
}

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
    const std::vector<std::size_t> order = largestFirstOrder(movies);
    std::atomic<std::size_t> next{0};
    std::size_t finished = 0;
    const int threads = std::max(1, std::min<int>(jobs, static_cast<int>(movies.size())));
    const int cores = static_cast<int>(std::max(1U, std::thread::hardware_concurrency()));
    // one job keeps the caller's budget (a 1-thread run stays on one thread)
    const int perJob = threads > 1 ? std::max(1, cores / threads) : threadBudget();
    const auto started = std::chrono::steady_clock::now();
    const auto sinceStart = [&] {
        return std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    };
    const auto work = [&](int job) {
        const ScopedThreadBudget budget(perJob);
        for (std::size_t n = next++; n < movies.size(); n = next++) {
            const std::size_t i = order[n];
            const ThreadWaits waits = threadWaits();
            const SchedulerTimes scheduler = threadSchedulerTimes();
            const double startS = sinceStart();
            outcomes[i] = runBatchMovie(plan, movies[i], resume, say);
            outcomes[i].times = {job, startS, sinceStart(),
                                 minus(threadSchedulerTimes(), scheduler),
                                 minus(threadWaits(), waits)};
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
        pool.emplace_back(work, t);
    work(0);
    for (auto& thread : pool)
        thread.join();
    if (threads > 1)
        cv::setNumThreads(openCvThreads);
    return outcomes;
}

} // namespace insitu
