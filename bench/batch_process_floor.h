#pragma once
// The machine's parallel floor for bench_batch: the same one-thread single runs as the 1-thread
// baseline, started as two independent processes at once (this executable re-run in worker mode)
// that take the movies from one pipe in the batch's order. Nothing is shared between them but
// the machine, so their wall time is the best any scheduler could do with two cores here.

#include "insitu/batch/batch_runner.h"
#include "insitu/thread_budget.h"

#include <opencv2/core.hpp>

#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <stdexcept>
#include <string>
#include <vector>

extern char** environ;

namespace insitu::bench {

/// What a worker sends back on the result pipe (fixed size: one atomic pipe write).
struct WorkerMessage
{
    int ready = 0;       ///< 1: planned and waiting for movies; 0: finished; −1: failed
    int failed = 0;      ///< movies that failed
    double endS = 0;     ///< steady clock (CLOCK_MONOTONIC, the same in every process) at the end
    double workCpuS = 0; ///< process CPU time from ready to the end
    int moviesRun = 0;   ///< movies taken from the pipe
};

inline double steadyNowS()
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

inline double processCpuS()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
           1e-6 * static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec);
}

inline void writeAll(int fd, const void* data, std::size_t bytes)
{
    const auto* p = static_cast<const char*>(data);
    while (bytes > 0) {
        const ssize_t n = ::write(fd, p, bytes);
        if (n <= 0)
            throw std::runtime_error("bench_batch: pipe write failed");
        p += n;
        bytes -= static_cast<std::size_t>(n);
    }
}

/// Worker mode: plans the recipe, says ready, then runs each movie index read from moviesFd as
/// a 1-thread single run (runBatchMovies of one movie, OpenCV and the thread budget at 1) until
/// the pipe closes, and reports. Returns the process exit code.
inline int runFloorWorkerMovies(const BatchRecipe& recipe, int moviesFd, int resultFd)
{
    cv::setNumThreads(1);
    const ScopedThreadBudget oneThread(1);
    const BatchPlan plan = planBatch(recipe);
    WorkerMessage message;
    message.ready = 1;
    writeAll(resultFd, &message, sizeof message);
    const double cpuStart = processCpuS();
    message.ready = 0;
    std::uint32_t index = 0;
    while (::read(moviesFd, &index, sizeof index) == static_cast<ssize_t>(sizeof index)) {
        if (index >= plan.movies.size())
            return 3;
        const auto outcome = runBatchMovies(plan, {plan.movies[index]}, 1, false);
        message.failed += outcome[0].status == BatchMovieOutcome::Status::Failed;
        ++message.moviesRun;
    }
    message.endS = steadyNowS();
    message.workCpuS = processCpuS() - cpuStart;
    writeAll(resultFd, &message, sizeof message);
    return 0;
}

/// runFloorWorkerMovies, reporting an exception to the parent (ready = −1) instead of leaving
/// it waiting for a message.
inline int runFloorWorker(const BatchRecipe& recipe, int moviesFd, int resultFd)
{
    try {
        return runFloorWorkerMovies(recipe, moviesFd, resultFd);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "bench_batch worker: %s\n", e.what());
        WorkerMessage failed;
        failed.ready = -1;
        writeAll(resultFd, &failed, sizeof failed);
        return 1;
    }
}

/// One floor run's figures.
struct FloorRun
{
    double wallS = 0; ///< from handing out the first movie to the last worker's end
    double cpuS = 0;  ///< both workers' process CPU time over their work
    int failed = 0;
    int moviesRun = 0;
};

/// Starts `processes` workers (self, with workerArgs appended after the pipe descriptors), waits
/// until each has planned, hands out the movie indices in `order` and waits for them to finish.
inline FloorRun runFloor(const std::string& self, const std::vector<std::string>& workerArgs,
                         const std::vector<std::size_t>& order, int processes)
{
    int moviesPipe[2];
    int resultPipe[2];
    if (::pipe(moviesPipe) != 0 || ::pipe(resultPipe) != 0)
        throw std::runtime_error("bench_batch: pipe failed");
    std::vector<std::string> args = {self, "--worker", std::to_string(moviesPipe[0]),
                                     std::to_string(resultPipe[1])};
    args.insert(args.end(), workerArgs.begin(), workerArgs.end());
    std::vector<char*> argv;
    for (auto& a : args)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    // the workers must not hold the write end of the movie pipe, or it never reaches EOF
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addclose(&actions, moviesPipe[1]);
    posix_spawn_file_actions_addclose(&actions, resultPipe[0]);
    std::vector<pid_t> pids;
    for (int p = 0; p < processes; ++p) {
        pid_t pid = 0;
        if (posix_spawn(&pid, self.c_str(), &actions, nullptr, argv.data(), environ) != 0)
            throw std::runtime_error("bench_batch: cannot start a worker process");
        pids.push_back(pid);
    }
    posix_spawn_file_actions_destroy(&actions);
    ::close(moviesPipe[0]);
    ::close(resultPipe[1]);
    const auto readMessage = [&] {
        WorkerMessage m;
        if (::read(resultPipe[0], &m, sizeof m) != static_cast<ssize_t>(sizeof m))
            throw std::runtime_error("bench_batch: a worker process died");
        if (m.ready < 0)
            throw std::runtime_error("bench_batch: a worker process failed");
        return m;
    };
    for (int p = 0; p < processes; ++p)
        (void)readMessage(); // ready
    const double startS = steadyNowS();
    for (const std::size_t i : order) {
        const auto index = static_cast<std::uint32_t>(i);
        writeAll(moviesPipe[1], &index, sizeof index);
    }
    ::close(moviesPipe[1]);
    FloorRun run;
    double endS = startS;
    for (int p = 0; p < processes; ++p) {
        const WorkerMessage m = readMessage();
        endS = std::max(endS, m.endS);
        run.cpuS += m.workCpuS;
        run.failed += m.failed;
        run.moviesRun += m.moviesRun;
    }
    ::close(resultPipe[0]);
    for (const pid_t pid : pids) {
        int status = 0;
        ::waitpid(pid, &status, 0);
        if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
            throw std::runtime_error("bench_batch: a worker process failed");
    }
    run.wallS = endS - startS;
    return run;
}

} // namespace insitu::bench
