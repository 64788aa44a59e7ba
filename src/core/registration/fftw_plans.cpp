#include "fftw_plans.h"

#include "insitu/error.h"
#include "insitu/memory_budget.h"
#include "insitu/registration/fft_planning.h"
#include "insitu/thread_waits.h"

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <system_error>
#include <tuple>
#include <utility>

namespace insitu {

namespace {

std::atomic<FftPlanning> g_planning{FftPlanning::Measure};

/// $XDG_CACHE_HOME/insitu/fftw-wisdom, else ~/.cache/insitu/fftw-wisdom; empty if neither is set.
std::filesystem::path wisdomPath()
{
    if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg)
        return std::filesystem::path(xdg) / "insitu" / "fftw-wisdom";
    if (const char* home = std::getenv("HOME"); home && *home)
        return std::filesystem::path(home) / ".cache" / "insitu" / "fftw-wisdom";
    return {};
}

/// Writes the accumulated wisdom atomically (temporary file, then rename); failures are ignored
/// because wisdom only saves planning time.
void saveWisdom()
{
    const auto path = wisdomPath();
    if (path.empty())
        return;
    std::error_code ec;
    std::filesystem::create_directories(path.parent_path(), ec);
    const auto temporary = path.string() + ".tmp";
    if (fftwf_export_wisdom_to_filename(temporary.c_str()) != 0)
        std::filesystem::rename(temporary, path, ec);
    if (ec)
        std::filesystem::remove(temporary, ec);
}

struct FloatFree
{
    void operator()(float* p) const { fftwf_free(p); }
};

} // namespace

void setFftPlanning(FftPlanning planning)
{
    g_planning.store(planning);
}
FftPlanning fftPlanning()
{
    return g_planning.load();
}

namespace detail {

std::mutex& fftwPlannerMutex()
{
    static std::mutex mutex;
    return mutex;
}

bool isFastFftSize(int n)
{
    if (n < 1)
        return false;
    for (int p : {2, 3, 5, 7})
        while (n % p == 0)
            n /= p;
    return n == 1;
}

const RealFftPlans& realFftPlans(int rows, int cols, bool measureIfMissing)
{
    // Measured (or from wisdom) and estimated plans are kept apart, so that a short run's
    // estimated plans never stand in for a long run's measured ones.
    static std::map<std::tuple<int, int, bool>, RealFftPlans> plans; // guarded by the mutex
    static bool wisdomLoaded = false;

    if (rows < 2 || cols < 2)
        throw Error("FFT: frame of " + std::to_string(cols) + " x " + std::to_string(rows) +
                    " px is too small");
    const auto lock = lockCounted(fftwPlannerMutex(), WaitKind::FftwPlanner);
    const bool measure = fftPlanning() == FftPlanning::Measure;
    if (auto it = plans.find({rows, cols, measure}); it != plans.end())
        return it->second;

    const auto n = static_cast<std::size_t>(rows) * static_cast<std::size_t>(cols);
    const auto nHalf = static_cast<std::size_t>(rows) * static_cast<std::size_t>(cols / 2 + 1);
    const std::string size = std::to_string(cols) + " x " + std::to_string(rows);
    requireBudget({rows, cols / 2 + 1, 2 * 2 * static_cast<std::int64_t>(sizeof(float))},
                  "FFT of " + size + " px");
    std::unique_ptr<float, FloatFree> real(fftwf_alloc_real(n));
    std::unique_ptr<float, FloatFree> complex(fftwf_alloc_real(2 * nHalf));
    if (!real || !complex)
        throw Error("FFT of " + size + " px: out of memory");
    auto* spectrum = reinterpret_cast<fftwf_complex*>(complex.get());
    auto destroy = [](RealFftPlans& p) {
        if (p.forward)
            fftwf_destroy_plan(p.forward);
        if (p.inverse)
            fftwf_destroy_plan(p.inverse);
        p = {};
    };
    auto keep = [&](RealFftPlans made, bool measured) -> const RealFftPlans& {
        if (!made.forward || !made.inverse)
            throw Error("FFT: FFTW could not plan a " + std::to_string(cols) + " x " +
                        std::to_string(rows) + " transform");
        return plans.emplace(std::tuple{rows, cols, measured}, made).first->second;
    };

    if (measure) {
        if (!wisdomLoaded) {
            wisdomLoaded = true;
            const auto path = wisdomPath();
            if (!path.empty() && std::filesystem::exists(path))
                fftwf_import_wisdom_from_filename(path.string().c_str());
        }
        // Wisdom first (instant).
        RealFftPlans made;
        made.forward = fftwf_plan_dft_r2c_2d(rows, cols, real.get(), spectrum,
                                             FFTW_MEASURE | FFTW_WISDOM_ONLY);
        made.inverse = fftwf_plan_dft_c2r_2d(rows, cols, spectrum, real.get(),
                                             FFTW_MEASURE | FFTW_WISDOM_ONLY);
        if (made.forward && made.inverse)
            return keep(made, true);
        destroy(made);
        if (measureIfMissing) {
            made.forward = fftwf_plan_dft_r2c_2d(rows, cols, real.get(), spectrum, FFTW_MEASURE);
            made.inverse = fftwf_plan_dft_c2r_2d(rows, cols, spectrum, real.get(), FFTW_MEASURE);
            const RealFftPlans& kept = keep(made, true);
            saveWisdom();
            return kept;
        }
    }
    if (auto it = plans.find({rows, cols, false}); it != plans.end())
        return it->second;
    RealFftPlans made;
    made.forward = fftwf_plan_dft_r2c_2d(rows, cols, real.get(), spectrum, FFTW_ESTIMATE);
    made.inverse = fftwf_plan_dft_c2r_2d(rows, cols, spectrum, real.get(), FFTW_ESTIMATE);
    return keep(made, false);
}

} // namespace detail

} // namespace insitu
