// bench_batch: `insitu batch` on one machine — N synthetic nanowire movies with --jobs 2 against
// the sum of the single runs of the same movies (measured in the same run), for a fronts-only
// template and a drift + fronts template; prints a Markdown section for docs/performance.md
// ("Batch"). Target (issue #21): jobs-2 time ≤ 1.1 × (sum of single-threaded single runs) / 2.
// Where each job's wall time went (on a CPU, in the run queue behind other load, asleep on a
// lock, a read or a save, idle at the end) comes from BatchMovieTimes, so that the overlap can be
// judged on a loaded machine: the "without run queue" ratio leaves out the time other programs
// held the CPUs.
//   bench_batch [--movies N] [--frames F]    (defaults 6 and 150)

#include "insitu/batch/batch_runner.h"
#include "insitu/export/provenance.h"
#include "insitu/front/front_fit.h"
#include "insitu/front/front_tracker.h"
#include "insitu/front/kymograph.h"
#include "insitu/io/movie.h"
#include "insitu/project/front_project.h"
#include "insitu/project/project_file.h"
#include "insitu/registration/drift.h"
#include "insitu/synth/synth.h"
#include "insitu/thread_budget.h"
#include "insitu/thread_waits.h"

#include <opencv2/core.hpp>

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

using namespace insitu;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

double since(Clock::time_point start)
{
    return std::chrono::duration<double>(Clock::now() - start).count();
}

/// Process CPU time (all threads) since start (s).
double cpuSince(std::clock_t start)
{
    return static_cast<double>(std::clock() - start) / CLOCKS_PER_SEC;
}

/// A template project as `insitu front --project` makes it: the line of the wire, band 22 px.
fs::path makeTemplate(const fs::path& movie, const SceneTruth& truth, bool withDrift,
                      const fs::path& out)
{
    const auto opened = openMovie(movie);
    Roi roi;
    roi.id = 1;
    roi.name = "front path";
    const auto& l = *truth.lineX0Y0X1Y1;
    roi.points = {{l[0], l[1]}, {l[2], l[3]}};
    roi.widthPx = 22;
    std::optional<DriftResult> drift;
    if (withDrift)
        drift = estimateDrift(*opened, DriftOptions{}, Progress::none());
    const Kymograph k = buildKymograph(*opened, roi, drift ? &*drift : nullptr, Progress::none());
    FrontResult result = trackFronts(k, FrontOptions{}, Progress::none());
    result.roiId = roi.id;
    (void)fitFronts(result, k, "auto");
    Project project = buildFrontProject(*opened, roi, drift, k, result, "{}");
    ProjectMovie& m = project.movies.front();
    if (m.drift)
        m.drift->provenance = driftProvenance(m.drift->result.options, m.id);
    m.fronts.front().provenance = frontsProvenance(result, roi, withDrift, "auto", m.id);
    saveProject(project, out);
    return out;
}

double plainReadS(const std::vector<fs::path>& movies)
{
    const auto start = Clock::now();
    double sum = 0;
    for (const auto& path : movies) {
        const auto movie = openMovie(path);
        for (int f = 0; f < movie->frameCount(); ++f)
            sum += cv::sum(movie->frameFloat(f))[0];
    }
    const double s = since(start);
    if (sum < 0)
        std::printf("?");
    return s;
}

struct Row
{
    std::string name;
    double singleDefaultS = 0;   // sum of one-movie runs, the analyses' own threads on
    double singleOneThreadS = 0; // sum of one-movie runs on one thread (OpenCV and drift)
    double jobs2S = 0;
    double singleOneThreadCpuS = 0; // process CPU time of the 1-thread single runs
    double jobs2CpuS = 0;
    double singleOneThreadOwnCpuS = 0; // on-CPU time of the threads that ran the movies
    double singleOneThreadRunQueueS = 0;
    double jobs2StealS = 0; // the hypervisor's steal time during --jobs 2 (both CPUs)
    std::vector<BatchMovieOutcome> jobs2;
    int failed = 0;
};

/// Steal time of all CPUs (s) from /proc/stat (the 8th number of the "cpu" line, in ticks).
double stealS()
{
    std::FILE* f = std::fopen("/proc/stat", "r");
    if (!f)
        return 0;
    unsigned long long v[8] = {};
    const int n = std::fscanf(f, "cpu %llu %llu %llu %llu %llu %llu %llu %llu", &v[0], &v[1], &v[2],
                              &v[3], &v[4], &v[5], &v[6], &v[7]);
    std::fclose(f);
    return n == 8 ? static_cast<double>(v[7]) / static_cast<double>(sysconf(_SC_CLK_TCK)) : 0;
}

/// One job's movies of a --jobs run, summed.
struct JobTimes
{
    int movies = 0;
    double busyS = 0, endS = 0;
    SchedulerTimes scheduler;
    ThreadWaits waits;
};

std::vector<JobTimes> jobTimes(const std::vector<BatchMovieOutcome>& outcomes, int jobs)
{
    std::vector<JobTimes> times(static_cast<std::size_t>(jobs));
    for (const BatchMovieOutcome& o : outcomes) {
        JobTimes& t = times[static_cast<std::size_t>(o.times.job)];
        const ThreadWaits& w = o.times.waits;
        ++t.movies;
        t.busyS += o.times.endS - o.times.startS;
        t.endS = std::max(t.endS, o.times.endS);
        t.scheduler.onCpuS += o.times.scheduler.onCpuS;
        t.scheduler.runQueueS += o.times.scheduler.runQueueS;
        t.waits.hdf5LockS += w.hdf5LockS;
        t.waits.fftwPlannerS += w.fftwPlannerS;
        t.waits.movieLockS += w.movieLockS;
        t.waits.frameReadS += w.frameReadS;
        t.waits.projectSaveS += w.projectSaveS;
    }
    return times;
}

Row measure(const std::string& name, const BatchRecipe& recipe)
{
    const BatchPlan plan = planBatch(recipe);
    Row row;
    row.name = name;
    const int threads = cv::getNumThreads();
    for (const auto& movie : plan.movies) {
        auto start = Clock::now();
        row.failed +=
            runBatchMovies(plan, {movie}, 1, false)[0].status == BatchMovieOutcome::Status::Failed;
        row.singleDefaultS += since(start);
        cv::setNumThreads(1);
        const ScopedThreadBudget oneThread(1); // drift's workers too
        start = Clock::now();
        const std::clock_t cpu = std::clock();
        const BatchMovieOutcome one = runBatchMovies(plan, {movie}, 1, false)[0];
        row.singleOneThreadCpuS += cpuSince(cpu);
        row.singleOneThreadOwnCpuS += one.times.scheduler.onCpuS;
        row.singleOneThreadRunQueueS += one.times.scheduler.runQueueS;
        row.singleOneThreadS += since(start);
        cv::setNumThreads(threads);
    }
    const auto start = Clock::now();
    const std::clock_t cpu = std::clock();
    const double steal = stealS();
    row.jobs2 = runBatchMovies(plan, plan.movies, 2, false);
    row.jobs2StealS = stealS() - steal;
    row.jobs2CpuS = cpuSince(cpu);
    row.jobs2S = since(start);
    for (const auto& outcome : row.jobs2)
        row.failed += outcome.status == BatchMovieOutcome::Status::Failed;
    return row;
}

} // namespace

int main(int argc, char** argv)
{
    int movieCount = 6;
    int frames = 150;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (std::strcmp(argv[i], "--movies") == 0)
            movieCount = std::atoi(argv[i + 1]);
        else if (std::strcmp(argv[i], "--frames") == 0)
            frames = std::atoi(argv[i + 1]);
    }
    const fs::path dir =
        fs::temp_directory_path() / ("insitu-bench-batch-" + std::to_string(getpid()));
    fs::create_directories(dir / "movies");
    std::vector<fs::path> movies;
    SceneTruth firstTruth;
    for (int k = 0; k < movieCount; ++k) {
        NanowireFrontScene scene;
        scene.imaging.frames = frames;
        scene.imaging.seed = 100 + static_cast<std::uint64_t>(k);
        scene.fronts = 1;
        scene.leading.rateNm = 0.3 + 0.15 * k;
        const auto path = dir / "movies" / ("wire" + std::to_string(k) + ".tif");
        const SceneTruth truth = writeScene(scene, path);
        if (k == 0)
            firstTruth = truth;
        movies.push_back(path);
    }
    const double readS = plainReadS(movies);

    std::vector<Row> rows;
    for (const bool withDrift : {false, true}) {
        const std::string name = withDrift ? "drift + fronts" : "fronts";
        const auto templatePath =
            makeTemplate(movies[0], firstTruth, withDrift,
                         dir / (withDrift ? "template-drift.h5" : "template-fronts.h5"));
        BatchRecipe recipe;
        recipe.baseDir = dir;
        recipe.movies = {"movies/*.tif"};
        recipe.templateProject = templatePath;
        recipe.outputDir = dir / ("out-" + std::string(withDrift ? "drift" : "fronts"));
        rows.push_back(measure(name, recipe));
    }
    std::printf("### Batch (bench_batch, %d movies × %d frames of 256 × 112 px, --jobs 2, %u "
                "hardware threads)\n\n",
                movieCount, frames, std::thread::hardware_concurrency());
    double load = 0;
    if (FILE* f = std::fopen("/proc/loadavg", "r")) {
        if (std::fscanf(f, "%lf", &load) != 1)
            load = 0;
        std::fclose(f);
    }
    std::printf("Plain read of all movies: %.2f s; load average at the end: %.1f.\n\n", readS,
                load);
    std::printf(
        "| template | Σ single runs (s) | Σ single runs, 1 thread (s) | --jobs 2 "
        "(s) | jobs 2 / (Σ 1-thread / 2) | jobs 2 / Σ single | CPU: jobs 2 / Σ 1-thread | failed "
        "|\n");
    std::printf("|---|---|---|---|---|---|---|---|\n");
    for (const Row& r : rows)
        std::printf("| %s | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %d |\n", r.name.c_str(),
                    r.singleDefaultS, r.singleOneThreadS, r.jobs2S,
                    r.jobs2S / (r.singleOneThreadS / 2), r.jobs2S / r.singleDefaultS,
                    r.jobs2CpuS / r.singleOneThreadCpuS, r.failed);
    std::printf("\nWhere each job's wall time went in --jobs 2 (s; asleep = wall − on a CPU − in "
                "the run queue; the lock, read and save columns are the known parts of it, "
                "idle = waiting at the end for the other job):\n\n");
    std::printf("| template | job | movies | wall | on a CPU | run queue | asleep | HDF5 lock | "
                "FFTW planner | movie lock | frame reads | project saves | idle at end |\n");
    std::printf("|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (const Row& r : rows) {
        const auto jobs = jobTimes(r.jobs2, 2);
        for (std::size_t j = 0; j < jobs.size(); ++j) {
            const JobTimes& t = jobs[j];
            std::printf("| %s | %zu | %d | %.2f | %.2f | %.2f | %.2f | %.3f | %.3f | %.3f | %.3f "
                        "| %.3f | %.2f |\n",
                        r.name.c_str(), j, t.movies, t.busyS, t.scheduler.onCpuS,
                        t.scheduler.runQueueS, t.busyS - t.scheduler.onCpuS - t.scheduler.runQueueS,
                        t.waits.hdf5LockS, t.waits.fftwPlannerS, t.waits.movieLockS,
                        t.waits.frameReadS, t.waits.projectSaveS, r.jobs2S - t.endS);
        }
    }
    std::printf(
        "\n| template | 1-thread single runs: process CPU / movie thread's CPU | Σ 1-thread "
        "single runs: wall − run queue (s) | of it on a CPU (s) | --jobs 2: on a CPU, both "
        "jobs (s) | jobs' work / Σ 1-thread, without run queue | jobs 2 / (Σ 1-thread / "
        "2), without run queue | steal during jobs 2 (s) |\n");
    std::printf("|---|---|---|---|---|---|---|---|\n");
    for (const Row& r : rows) {
        double longestJobS = 0; // the job that ended last, less the time it queued for a CPU
        double jobsOnCpuS = 0;
        double jobsWorkS = 0; // both jobs' movie time less their run queue: no imbalance in it
        for (const JobTimes& t : jobTimes(r.jobs2, 2)) {
            longestJobS = std::max(longestJobS, t.endS - t.scheduler.runQueueS);
            jobsOnCpuS += t.scheduler.onCpuS;
            jobsWorkS += t.busyS - t.scheduler.runQueueS;
        }
        const double singleWorkS = r.singleOneThreadS - r.singleOneThreadRunQueueS;
        std::printf("| %s | %.3f | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f |\n", r.name.c_str(),
                    r.singleOneThreadCpuS / r.singleOneThreadOwnCpuS, singleWorkS,
                    r.singleOneThreadOwnCpuS, jobsOnCpuS, jobsWorkS / singleWorkS,
                    longestJobS / (singleWorkS / 2), r.jobs2StealS);
    }
    fs::remove_all(dir);
    return 0;
}
