#pragma once
// ParticleOptions: the settings of a nanoparticle segmentation (methods-2.md §2).

#include <optional>
#include <string>

namespace insitu {

/// Contrast of the particles against the support.
enum class ParticlePolarity {
    Auto,  ///< from the skew of the flattened frame (particles are the minority tail)
    Dark,  ///< bright field, HRTEM: particles darker than the support
    Bright ///< HAADF-STEM: particles brighter than the support
};

/// How the particles are found.
enum class ParticleThreshold {
    Global, ///< Otsu on the flattened frame, not below 3 noise σ
    Local,  ///< Sauvola-like: local mean + k·local σ in a window ≈ 3 × the largest diameter
    /// Blob detector for small particles on a lumpy support (HAADF): maxima of the
    /// scale-normalised LoG over space and scale, significant against the local noise at a
    /// false-alarm rate, non-maximum suppression, then the half-contrast outline refinement
    Blob
};

/// Settings of segmentParticles. Lengths in nm apply when the pixel size is known; the px
/// values are used when it is not (and as floors: nothing under minDiameterPx is a particle).
struct ParticleOptions
{
    ParticlePolarity polarity = ParticlePolarity::Auto;
    ParticleThreshold threshold = ParticleThreshold::Global;
    double minDiameterNm = 1.5;   ///< detection limit (ECD)
    double maxDiameterNm = 50.0;  ///< largest particle expected (sets the background scale)
    double minDiameterPx = 3.0;   ///< detection limit in px (always applied)
    double maxDiameterPx = 500.0; ///< largest particle when the pixel size is unknown
    /// Lattice-fringe suppression: Gaussian low-pass σ (nm), below Cu(111) d = 0.208 nm.
    double fringeSigmaNm = 0.12;
    double noiseSigmaPx = 1.0; ///< smoothing floor against shot noise (px)
    /// Split touching particles only where the neck is below this fraction of the smaller radius.
    double maxNeckRatio = 0.8;
    /// Blob detector: expected false detections per megapixel on pure noise (all scales).
    double blobFalseAlarmsPerMpx = 1.0;
    bool includeEdge = false;   ///< count particles cut by the image or region edge in statistics
    int bootstrapSamples = 400; ///< resamples for the intervals of the statistics
    unsigned long long bootstrapSeed = 1; ///< fixed, so that results are reproducible

    bool operator==(const ParticleOptions&) const = default;
};

/// "auto", "dark", "bright" and back (throws insitu::Error for an unknown name).
[[nodiscard]] const char* particlePolarityName(ParticlePolarity polarity);
[[nodiscard]] ParticlePolarity particlePolarityFromName(const std::string& name);
/// "global", "local", "blob" and back.
[[nodiscard]] const char* particleThresholdName(ParticleThreshold threshold);
[[nodiscard]] ParticleThreshold particleThresholdFromName(const std::string& name);

} // namespace insitu
