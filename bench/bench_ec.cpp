// bench_ec: reading a 10⁶-row log (BioLogic .mpt with decimal commas, generic CSV) next to a
// plain read of the same bytes with a line count (the floor), in the same run. Prints a
// Markdown section for docs/performance.md ("Logs"). --rows N (default 1000000).

#include "insitu/ec/ec_log.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <string>

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

} // namespace

int main(int argc, char** argv)
{
    long rows = 1000000;
    for (int i = 1; i + 1 < argc; ++i)
        if (std::strcmp(argv[i], "--rows") == 0)
            rows = std::atol(argv[i + 1]);
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
    return 0;
}
