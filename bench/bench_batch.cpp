// bench_batch: `insitu batch` on one machine against the target of issue #21 — N movies with
// --jobs 2 take ≤ 1.1 × (Σ one-thread single runs) / 2 — and against the machine's own parallel
// floor, measured in the same run: the same single runs in two independent processes at once
// (batch_process_floor.h). "jobs 2 / floor" is then the batch's own overhead and "floor / (Σ / 2)"
// what two busy cores of this machine give. Each case runs a fronts and a drift + fronts
// template, R repeats of (singles, floor, batch), the order reversed every other repeat so that
// drift in the machine's speed cancels; the table gives the median and range of each ratio.
// Movies are written once per case and reused. Prints a Markdown section for docs/performance.md.
//   bench_batch                          the full set (the cases of fullSet())
//   bench_batch [--case MxF[@WxH]]… [--repeats R]    e.g. --case 8x2000 --case 4x100@1024x1024
//   bench_batch --movies N --frames F [--repeats R]  one case of 256 × 112 px movies

#include "batch_process_floor.h"

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

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

using namespace insitu;
using namespace insitu::bench;
namespace fs = std::filesystem;

namespace {

/// One set of synthetic nanowire movies.
struct Case
{
    int movies = 6;
    int frames = 150;
    int width = 256; ///< px
    int height = 112;
};

std::vector<Case> fullSet()
{
    return {{6, 150, 256, 112}, {8, 2000, 256, 112}, {4, 100, 1024, 1024}};
}

std::string caseName(const Case& c)
{
    return std::to_string(c.movies) + " × " + std::to_string(c.frames) + " @ " +
           std::to_string(c.width) + "×" + std::to_string(c.height);
}

/// "MxF" or "MxF@WxH"; false when it does not parse.
bool parseCase(const char* text, Case& c)
{
    Case parsed;
    const int n = std::sscanf(text, "%dx%d@%dx%d", &parsed.movies, &parsed.frames, &parsed.width,
                              &parsed.height);
    if ((n != 2 && n != 4) || parsed.movies < 1 || parsed.frames < 2 || parsed.width < 64 ||
        parsed.height < 64)
        return false;
    c = parsed;
    return true;
}

double loadAverage()
{
    double load = 0;
    if (FILE* f = std::fopen("/proc/loadavg", "r")) {
        if (std::fscanf(f, "%lf", &load) != 1)
            load = 0;
        std::fclose(f);
    }
    return load;
}

/// A template project as `insitu front --project` makes it: the line of the wire, band 22 px.
void makeTemplate(const fs::path& movie, const SceneTruth& truth, bool withDrift,
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
}

/// Writes the case's movies into dir/movies (seeds and front speeds vary per movie); the truth
/// of the first one.
SceneTruth writeMovies(const Case& c, const fs::path& dir)
{
    fs::create_directories(dir / "movies");
    SceneTruth first;
    for (int k = 0; k < c.movies; ++k) {
        NanowireFrontScene scene;
        scene.imaging.frames = c.frames;
        scene.imaging.width = c.width;
        scene.imaging.height = c.height;
        scene.imaging.seed = 100 + static_cast<std::uint64_t>(k);
        scene.fronts = 1;
        scene.leading.rateNm = 0.3 + 0.15 * (k % 6);
        const SceneTruth truth =
            writeScene(scene, dir / "movies" / ("wire" + std::to_string(k) + ".tif"));
        if (k == 0)
            first = truth;
    }
    return first;
}

BatchRecipe recipeFor(const fs::path& dir, const fs::path& templatePath)
{
    BatchRecipe recipe;
    recipe.baseDir = dir;
    recipe.movies = {"movies/*.tif"};
    recipe.templateProject = templatePath;
    recipe.outputDir = dir / ("out-" + templatePath.stem().string());
    return recipe;
}

/// One repeat's three measurements.
struct Repeat
{
    double singlesS = 0, singlesCpuS = 0; // Σ of the 1-thread single runs
    FloorRun floor;
    double jobs2S = 0, jobs2CpuS = 0;
    double locksS = 0, asleepS = 0, idleEndS = 0, runQueueS = 0; // worst job of --jobs 2
    int failed = 0;
};

/// Every movie alone, one after the other, on one thread (OpenCV and the thread budget at 1).
void measureSingles(const BatchPlan& plan, Repeat& r)
{
    const int threads = cv::getNumThreads();
    cv::setNumThreads(1);
    const ScopedThreadBudget oneThread(1);
    const double cpu = processCpuS();
    const double start = steadyNowS();
    for (const auto& movie : plan.movies)
        r.failed +=
            runBatchMovies(plan, {movie}, 1, false)[0].status == BatchMovieOutcome::Status::Failed;
    r.singlesS = steadyNowS() - start;
    r.singlesCpuS = processCpuS() - cpu;
    cv::setNumThreads(threads);
}

void measureJobs2(const BatchPlan& plan, Repeat& r)
{
    const double cpu = processCpuS();
    const double start = steadyNowS();
    const auto outcomes = runBatchMovies(plan, plan.movies, 2, false);
    r.jobs2S = steadyNowS() - start;
    r.jobs2CpuS = processCpuS() - cpu;
    double locks[2] = {}, asleep[2] = {}, end[2] = {}, queue[2] = {};
    for (const BatchMovieOutcome& o : outcomes) {
        r.failed += o.status == BatchMovieOutcome::Status::Failed;
        const auto j = static_cast<std::size_t>(o.times.job);
        const ThreadWaits& w = o.times.waits;
        locks[j] += w.hdf5LockS + w.fftwPlannerS + w.movieLockS;
        asleep[j] += (o.times.endS - o.times.startS) - o.times.scheduler.onCpuS -
                     o.times.scheduler.runQueueS;
        end[j] = std::max(end[j], o.times.endS);
        queue[j] += o.times.scheduler.runQueueS;
    }
    for (std::size_t j = 0; j < 2; ++j) {
        r.locksS = std::max(r.locksS, locks[j]);
        r.asleepS = std::max(r.asleepS, asleep[j]);
        r.idleEndS = std::max(r.idleEndS, r.jobs2S - end[j]);
        r.runQueueS += queue[j];
    }
}

/// Median and range of values.
struct Spread
{
    double median = 0, low = 0, high = 0;
};

Spread spread(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    const std::size_t n = v.size();
    const double median = n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
    return {median, v.front(), v.back()};
}

template <class F> Spread over(const std::vector<Repeat>& repeats, F value)
{
    std::vector<double> v;
    for (const Repeat& r : repeats)
        v.push_back(value(r));
    return spread(v);
}

std::string cell(const Spread& s)
{
    char text[64];
    std::snprintf(text, sizeof text, "%.2f (%.2f–%.2f)", s.median, s.low, s.high);
    return text;
}

/// One table row: a case × template, over its repeats.
struct Row
{
    std::string caseName, templateName;
    std::vector<Repeat> repeats;
};

Row measureTemplate(const std::string& self, const Case& c, const fs::path& dir,
                    const fs::path& templatePath, const std::string& templateName, int repeats)
{
    const BatchRecipe recipe = recipeFor(dir, templatePath);
    const BatchPlan plan = planBatch(recipe);
    const std::vector<std::string> workerArgs = {dir.string(), templatePath.string(),
                                                 recipe.outputDir.string()};
    const std::vector<std::size_t> order = largestFirstOrder(plan.movies);
    // warm up on the first movie: FFTW wisdom for the size, the template read once
    (void)runBatchMovies(plan, {plan.movies.front()}, 1, false);
    Row row{caseName(c), templateName, {}};
    for (int k = 0; k < repeats; ++k) {
        Repeat r;
        const auto runFloorOnce = [&] {
            r.floor = runFloor(self, workerArgs, order, 2);
            r.failed += r.floor.failed + static_cast<int>(plan.movies.size()) - r.floor.moviesRun;
        };
        if (k % 2 == 0) {
            measureSingles(plan, r);
            runFloorOnce();
            measureJobs2(plan, r);
        } else {
            measureJobs2(plan, r);
            runFloorOnce();
            measureSingles(plan, r);
        }
        std::fprintf(stderr,
                     "bench_batch: %s, %s, repeat %d/%d: singles %.2f s, 2 processes %.2f s, "
                     "jobs 2 %.2f s (load %.1f)\n",
                     row.caseName.c_str(), templateName.c_str(), k + 1, repeats, r.singlesS,
                     r.floor.wallS, r.jobs2S, loadAverage());
        row.repeats.push_back(r);
    }
    return row;
}

void printTable(const std::vector<Row>& rows)
{
    std::printf("| case: movies × frames @ px | template | Σ 1-thread singles (s) | 2 processes "
                "(s) | --jobs 2 (s) | **jobs 2 / (Σ / 2)** (≤ 1.1) | jobs 2 / 2 processes | "
                "2 processes / (Σ / 2) | CPU: jobs 2 / Σ | CPU: 2 processes / Σ | worst job: "
                "locks / asleep / idle at end (s) | run queue / jobs 2 wall | failed |\n");
    std::printf("|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (const Row& row : rows) {
        const auto& rs = row.repeats;
        int failed = 0;
        double locks = 0, asleep = 0, idle = 0;
        for (const Repeat& r : rs) {
            failed += r.failed;
            locks = std::max(locks, r.locksS);
            asleep = std::max(asleep, r.asleepS);
            idle = std::max(idle, r.idleEndS);
        }
        std::printf(
            "| %s | %s | %.2f | %.2f | %.2f | **%s** | %s | %s | %s | %s | %.3f / %.2f / %.2f "
            "| %.2f | %d |\n",
            row.caseName.c_str(), row.templateName.c_str(),
            over(rs, [](const Repeat& r) { return r.singlesS; }).median,
            over(rs, [](const Repeat& r) { return r.floor.wallS; }).median,
            over(rs, [](const Repeat& r) { return r.jobs2S; }).median,
            cell(over(rs, [](const Repeat& r) { return r.jobs2S / (r.singlesS / 2); })).c_str(),
            cell(over(rs, [](const Repeat& r) { return r.jobs2S / r.floor.wallS; })).c_str(),
            cell(over(rs, [](const Repeat& r) { return r.floor.wallS / (r.singlesS / 2); }))
                .c_str(),
            cell(over(rs, [](const Repeat& r) { return r.jobs2CpuS / r.singlesCpuS; })).c_str(),
            cell(over(rs, [](const Repeat& r) { return r.floor.cpuS / r.singlesCpuS; })).c_str(),
            locks, asleep, idle,
            over(rs, [](const Repeat& r) { return r.runQueueS / (2 * r.jobs2S); }).median, failed);
    }
}

int usage()
{
    std::fprintf(
        stderr, "usage: bench_batch [--case MxF[@WxH]]... [--movies N --frames F] [--repeats R]\n");
    return 2;
}

} // namespace

int main(int argc, char** argv)
{
    if (argc == 7 && std::strcmp(argv[1], "--worker") == 0) {
        // worker of the floor: MOVIES_FD RESULT_FD DIR TEMPLATE OUTPUT_DIR
        BatchRecipe recipe = recipeFor(argv[4], argv[5]);
        recipe.outputDir = argv[6];
        return runFloorWorker(recipe, std::atoi(argv[2]), std::atoi(argv[3]));
    }
    std::vector<Case> cases;
    int repeats = 3;
    Case single; // --movies N --frames F: one case of 256 × 112 px movies
    bool singleGiven = false;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--case") == 0 && i + 1 < argc) {
            Case c;
            if (!parseCase(argv[++i], c))
                return usage();
            cases.push_back(c);
        } else if (std::strcmp(argv[i], "--movies") == 0 && i + 1 < argc) {
            single.movies = std::atoi(argv[++i]); // the older single-case form
            singleGiven = true;
        } else if (std::strcmp(argv[i], "--frames") == 0 && i + 1 < argc) {
            single.frames = std::atoi(argv[++i]);
            singleGiven = true;
        } else if (std::strcmp(argv[i], "--repeats") == 0 && i + 1 < argc) {
            repeats = std::atoi(argv[++i]);
            if (repeats < 1)
                return usage();
        } else {
            return usage();
        }
    }
    if (singleGiven) {
        if (single.movies < 1 || single.frames < 2)
            return usage();
        cases.push_back(single);
    }
    if (cases.empty())
        cases = fullSet();
    const std::string self = fs::read_symlink("/proc/self/exe").string();
    const double loadStart = loadAverage();
    const double start = steadyNowS();
    const fs::path root =
        fs::temp_directory_path() / ("insitu-bench-batch-" + std::to_string(getpid()));
    std::vector<Row> rows;
    for (std::size_t n = 0; n < cases.size(); ++n) {
        const Case& c = cases[n];
        const fs::path dir = root / ("case" + std::to_string(n));
        std::fprintf(stderr, "bench_batch: writing %s\n", caseName(c).c_str());
        const SceneTruth truth = writeMovies(c, dir);
        for (const bool withDrift : {false, true}) {
            const fs::path templatePath = dir / (withDrift ? "drift-fronts.h5" : "fronts.h5");
            makeTemplate(dir / "movies" / "wire0.tif", truth, withDrift, templatePath);
            rows.push_back(measureTemplate(self, c, dir, templatePath,
                                           withDrift ? "drift + fronts" : "fronts", repeats));
        }
        fs::remove_all(dir);
    }
    fs::remove_all(root);

    std::printf("### Batch (bench_batch: --jobs 2 against Σ 1-thread single runs and against "
                "the same single runs in 2 processes; %d repeats, %u hardware threads)\n\n",
                repeats, std::thread::hardware_concurrency());
    std::printf("Load average %.1f at the start, %.1f at the end; %.0f s in all. Ratios: median "
                "(range) over the repeats.\n\n",
                loadStart, loadAverage(), steadyNowS() - start);
    printTable(rows);
    return 0;
}
