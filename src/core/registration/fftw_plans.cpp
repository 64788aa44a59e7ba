#include "fftw_plans.h"

#include "insitu/error.h"
#include "insitu/registration/fft_planning.h"

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <system_error>
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

void setFftPlanning(FftPlanning planning) { g_planning.store(planning); }
FftPlanning fftPlanning() { return g_planning.load(); }

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

const RealFftPlans& realFftPlans(int rows, int cols)
{
    static std::map<std::pair<int, int>, RealFftPlans> plans;  // guarded by the planner mutex
    static bool wisdomLoaded = false;

    if (rows < 2 || cols < 2)
        throw Error("FFT: frame of " + std::to_string(cols) + " x " + std::to_string(rows)
                    + " px is too small");
    std::lock_guard lock(fftwPlannerMutex());
    if (auto it = plans.find({rows, cols}); it != plans.end())
        return it->second;

    const bool measure = fftPlanning() == FftPlanning::Measure;
    if (measure && !wisdomLoaded) {
        wisdomLoaded = true;
        const auto path = wisdomPath();
        if (!path.empty() && std::filesystem::exists(path))
            fftwf_import_wisdom_from_filename(path.string().c_str());
    }
    const auto n = static_cast<std::size_t>(rows) * static_cast<std::size_t>(cols);
    const auto nHalf = static_cast<std::size_t>(rows) * static_cast<std::size_t>(cols / 2 + 1);
    std::unique_ptr<float, FloatFree> real(fftwf_alloc_real(n));
    std::unique_ptr<float, FloatFree> complex(fftwf_alloc_real(2 * nHalf));
    auto* spectrum = reinterpret_cast<fftwf_complex*>(complex.get());

    RealFftPlans made;
    bool planned = false;
    if (measure) {
        // Wisdom first (instant); measure only when it is missing, then keep the new wisdom.
        made.forward = fftwf_plan_dft_r2c_2d(rows, cols, real.get(), spectrum,
                                             FFTW_MEASURE | FFTW_WISDOM_ONLY);
        made.inverse = fftwf_plan_dft_c2r_2d(rows, cols, spectrum, real.get(),
                                             FFTW_MEASURE | FFTW_WISDOM_ONLY);
        if (!made.forward || !made.inverse) {
            if (made.forward)
                fftwf_destroy_plan(made.forward);
            if (made.inverse)
                fftwf_destroy_plan(made.inverse);
            made.forward = fftwf_plan_dft_r2c_2d(rows, cols, real.get(), spectrum, FFTW_MEASURE);
            made.inverse = fftwf_plan_dft_c2r_2d(rows, cols, spectrum, real.get(), FFTW_MEASURE);
            planned = true;
        }
    } else {
        made.forward = fftwf_plan_dft_r2c_2d(rows, cols, real.get(), spectrum, FFTW_ESTIMATE);
        made.inverse = fftwf_plan_dft_c2r_2d(rows, cols, spectrum, real.get(), FFTW_ESTIMATE);
    }
    if (!made.forward || !made.inverse)
        throw Error("FFT: FFTW could not plan a " + std::to_string(cols) + " x "
                    + std::to_string(rows) + " transform");
    if (planned)
        saveWisdom();
    return plans.emplace(std::pair{rows, cols}, made).first->second;
}

} // namespace detail

} // namespace insitu
