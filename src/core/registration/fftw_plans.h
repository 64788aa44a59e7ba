#pragma once
// Process-wide cache of single-precision FFTW plans (private to the registration module).

#include <fftw3.h>

#include <mutex>

namespace insitu::detail {

/// Out-of-place r2c and c2r plans of a rows × cols real array (half spectrum rows × (cols/2+1)),
/// one thread each. Execute them with fftwf_execute_dft_r2c / _c2r on any 16-byte-aligned,
/// contiguous arrays of those sizes (cv::Mat buffers qualify); execution is thread-safe.
struct RealFftPlans
{
    fftwf_plan forward = nullptr;
    fftwf_plan inverse = nullptr;
};

/// Plans for rows × cols, made on first use under the planner mutex and kept for the life of the
/// process. With the planning effort Measure, plans come from wisdom when it has them; otherwise
/// they are measured (and the wisdom saved) when measureIfMissing, else estimated — for runs too
/// short to earn back the 1–2 s that measuring costs at 2048².
[[nodiscard]] const RealFftPlans& realFftPlans(int rows, int cols, bool measureIfMissing = true);

/// Whether n > 0 has no prime factor other than 2, 3, 5 and 7 (sizes FFTW transforms fast).
[[nodiscard]] bool isFastFftSize(int n);

/// The mutex that serialises every call into FFTW's planner in this process.
[[nodiscard]] std::mutex& fftwPlannerMutex();

} // namespace insitu::detail
