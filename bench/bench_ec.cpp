// bench_ec: reading a 10⁶-row log (BioLogic .mpt with decimal commas, generic CSV) next to a
// plain read of the same bytes with a line count (the floor), in the same run; --accuracy adds
// the clock alignment against synthetic truth (two anchors; cross-correlation of a movie whose
// mean intensity follows the current). Prints Markdown for docs/performance.md ("Logs").
// --rows N (default 1000000), --seeds N (accuracy, default 20).

#include "insitu/ec/clock_alignment.h"
#include "insitu/ec/ec_log.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

using namespace insitu;
using Clock = std::chrono::steady_clock;

namespace {

double seconds(Clock::time_point a, Clock::time_point b)
{
    return std::chrono::duration<double>(b - a).count();
}

void writeMpt(const std::filesystem::path& path, long rows)
{
    std::ofstream out(path, std::ios::binary);
    out << "EC-Lab ASCII FILE\nNb header lines : 4\n\n";
    out << "mode\ttime/s\tEwe/V\t<I>/mA\tcycle number\t(Q-Qo)/C\n";
    char line[200];
    for (long i = 0; i < rows; ++i) {
        std::snprintf(line, sizeof line, "2\t%.15E\t%.7E\t%.15E\t1,000000000000000E+000\t%.7E\n",
                      i * 0.0123 + 1e-5 * (i % 7), 0.5 + 1e-6 * i, -2.6e-3 * (i % 11), 1e-9 * i);
        for (char* c = line; *c; ++c)
            if (*c == '.')
                *c = ',';
        out << line;
    }
}

void writeCsv(const std::filesystem::path& path, long rows)
{
    std::ofstream out(path, std::ios::binary);
    out << "time/s,Ewe/V,I/mA,T (degC)\n";
    char line[160];
    for (long i = 0; i < rows; ++i) {
        std::snprintf(line, sizeof line, "%.6f,%.7g,%.9g,%.4f\n", i * 0.01, 0.5 + 1e-6 * i,
                      -2.6e-3 * (i % 11), 25.0 + 1e-4 * i);
        out << line;
    }
}

double floorRead(const std::filesystem::path& path, long& lines)
{
    const auto t0 = Clock::now();
    std::ifstream in(path, std::ios::binary);
    std::string bytes(std::filesystem::file_size(path), '\0');
    in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    lines = std::count(bytes.begin(), bytes.end(), '\n');
    return seconds(t0, Clock::now());
}

void row(const char* name, const std::filesystem::path& path, long rows)
{
    long lines = 0;
    double best = 1e9;
    double floor = 1e9;
    double bestCpu = 1e9;
    std::size_t got = 0;
    for (int repeat = 0; repeat < 3; ++repeat) {
        floor = std::min(floor, floorRead(path, lines));
        const auto c0 = std::clock();
        const auto t0 = Clock::now();
        const auto log = readEcLog(path);
        best = std::min(best, seconds(t0, Clock::now()));
        bestCpu = std::min(bestCpu, static_cast<double>(std::clock() - c0) / CLOCKS_PER_SEC);
        got = log.timeS.size();
    }
    std::printf("| %s | %ld | %.1f | %.3f | %.3f | %.3f | %.1f× | %s |\n", name, rows,
                static_cast<double>(std::filesystem::file_size(path)) / 1e6, best, bestCpu, floor,
                best / floor, got == static_cast<std::size_t>(rows) ? "yes" : "NO");
}

/// Step currents of random length, sampled every 50–150 ms; returns the step times.
std::vector<double> syntheticLog(double durationS, std::mt19937_64& rng, std::vector<double>& t,
                                 std::vector<double>& current)
{
    std::uniform_real_distribution<double> stepLength(4.0, 13.0);
    std::uniform_real_distribution<double> gap(0.05, 0.15);
    std::vector<double> edges;
    double next = stepLength(rng);
    bool on = false;
    for (double time = 0; time < durationS; time += gap(rng)) {
        if (time >= next) {
            edges.push_back(next);
            on = !on;
            next += stepLength(rng);
        }
        t.push_back(time);
        current.push_back(on ? 1e-6 : 1e-7);
    }
    return edges;
}

void accuracy(int seeds)
{
    std::printf("\n| alignment (synthetic truth, %d seeds) | frame interval (s) | median error "
                "| worst error | worst / frame interval |\n|---|---|---|---|---|\n",
                seeds);
    for (const double spanS : {600.0, 7200.0})
        for (const double dt : {0.1, 0.5, 2.0}) {
            std::vector<double> worst;
            for (int seed = 1; seed <= seeds; ++seed) {
                std::mt19937_64 rng(static_cast<std::uint64_t>(seed));
                const double a = std::uniform_real_distribution<double>(-300, 300)(rng);
                const double b = 1 + std::uniform_real_distribution<double>(-1e-4, 1e-4)(rng);
                std::vector<double> t, current;
                const auto edges = syntheticLog(spanS, rng, t, current);
                AlignmentInput in;
                for (const double e : {edges[1], edges[edges.size() - 2]})
                    in.anchors.push_back({std::round((a + b * e) / dt) * dt, e});
                const auto fit = alignClocks(in);
                double w = 0;
                for (const double x : t)
                    w = std::max(w, std::abs(fit.movieTimeS(x) - (a + b * x)));
                worst.push_back(w);
            }
            std::sort(worst.begin(), worst.end());
            std::printf(
                "| two anchors, %.0f s span, drift ≤ 100 ppm | %.1f | %.3f | %.3f | %.2f |\n",
                spanS, dt, worst[worst.size() / 2], worst.back(), worst.back() / dt);
        }
    for (const double dt : {0.2, 0.5, 1.0}) {
        std::vector<double> errors;
        for (int seed = 1; seed <= seeds; ++seed) {
            std::mt19937_64 rng(static_cast<std::uint64_t>(100 + seed));
            std::vector<double> t, current;
            syntheticLog(400, rng, t, current);
            const double a = std::uniform_real_distribution<double>(-20, 20)(rng);
            std::normal_distribution<double> noise(0, 0.02);
            std::vector<double> times, signal;
            for (int k = 0; k < 240; ++k) {
                times.push_back(10 + k * dt);
                const double i = interpolateAt(t, current, times.back() - a);
                signal.push_back(100 * (1 + 2e5 * i) * (1 + noise(rng)));
            }
            const auto fit = crossCorrelateClocks(times, signal, t, current, a + 7.3, {});
            errors.push_back(std::abs(fit.offsetS - a));
        }
        std::sort(errors.begin(), errors.end());
        std::printf("| cross-correlation, 240 frames, 2 %% frame noise, start 7.3 s off | %.1f | "
                    "%.3f | %.3f | %.2f |\n",
                    dt, errors[errors.size() / 2], errors.back(), errors.back() / dt);
    }
}

} // namespace

int main(int argc, char** argv)
{
    long rows = 1000000;
    int seeds = 20;
    bool wantAccuracy = false;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--rows") == 0 && i + 1 < argc)
            rows = std::atol(argv[++i]);
        else if (std::strcmp(argv[i], "--seeds") == 0 && i + 1 < argc)
            seeds = std::atoi(argv[++i]);
        else if (std::strcmp(argv[i], "--accuracy") == 0)
            wantAccuracy = true;
    }
    const auto dir = std::filesystem::temp_directory_path() / "insitu_bench_ec";
    std::filesystem::create_directories(dir);
    writeMpt(dir / "big.mpt", rows);
    writeCsv(dir / "big.csv", rows);
    std::printf("## Logs (bench_ec)\n\n");
    std::printf("| log | rows | MB | readEcLog wall (s) | CPU (s) | plain read + line count (s) | "
                "ratio | rows read |\n|---|---|---|---|---|---|---|---|\n");
    row("BioLogic .mpt, decimal commas, 6 columns", dir / "big.mpt", rows);
    row("generic CSV, 4 columns", dir / "big.csv", rows);
    if (!std::getenv("INSITU_BENCH_KEEP"))
        std::filesystem::remove_all(dir);
    if (wantAccuracy)
        accuracy(seeds);
    return 0;
}
