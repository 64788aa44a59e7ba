#pragma once
// How hard FFTW plans the transforms of the registration module (process-wide setting).

namespace insitu {

/// FFTW planning effort. Measure plans once per frame size (0.5–2 s at 2048², saved as wisdom in
/// $XDG_CACHE_HOME/insitu/fftw-wisdom or ~/.cache/insitu/fftw-wisdom, so later runs start at
/// once) — except for runs known to be short (PhaseCorrelator's framesToTransform below 250),
/// which use estimated plans until the wisdom has the size; Estimate plans instantly but runs
/// somewhat slower (tests use it).
enum class FftPlanning { Estimate, Measure };

/// Sets the planning effort for plans made from now on (default Measure). Thread-safe.
void setFftPlanning(FftPlanning planning);
/// The planning effort in force.
[[nodiscard]] FftPlanning fftPlanning();

} // namespace insitu
