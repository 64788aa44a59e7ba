#pragma once
// The particles scene: a field of dark (or HAADF bright) particles with a known lognormal size
// distribution.

#include "insitu/progress.h"
#include "insitu/synth/scene_truth.h"

#include <optional>

namespace insitu {

/// Dark round particles, diameters lognormal (clipped), some pairs touching (experiment 2).
struct ParticleFieldScene
{
    ImagingOptions imaging{.frames = 10,
                           .width = 256,
                           .height = 256,
                           .nmPerPixel = 0.25,
                           .frameIntervalS = 1.0,
                           .dosePerPx = 50,
                           .driftStepPx = 0.1,
                           .driftVelocityXPxPerFrame = 0,
                           .driftVelocityYPxPerFrame = 0};
    int particleCount = 40;
    int touchingPairs = 5; ///< pairs placed exactly in contact
    double medianDiameterNm = 4.5;
    double sigmaLog = 0.35;
    double minDiameterNm = 2.0;
    double maxDiameterNm = 10.0;
    double minGapPx = 3; ///< gap between particles that do not touch
    double absorption = 0.4;
    double edgeSigmaPx = 0.6;
    /// Two regions: particles in the right half (x ≥ width/2, "behind") survive with probability
    /// S(d) = 1 / (1 + e^{−(d − cut-off)/width}); the others are not drawn (truth survives =
    /// false).
    std::optional<double> survivalCutoffNm;
    double survivalWidthNm = 0.15;
    /// HRTEM-like lattice fringes inside each particle (random orientation), relative contrast.
    std::optional<double> fringeSpacingNm;
    double fringeContrast = 0.3;
    /// HAADF-STEM-like instead of bright field: bright particles (a sphere's thickness profile,
    /// blurred by edgeSigmaPx) added to a lumpy support (Gaussian lumps of σ 1–5 × the median
    /// diameter, brightness 0.05–1); absorption and fringes are then unused.
    bool haadf = false;
    /// HAADF: mean signal of a particle centre relative to the brightest support (each particle
    /// uniform within ± 45 % of it).
    double haadfContrast = 0.55;
};

/// The particles scene rendered in memory (frames CV_16U).
[[nodiscard]] SynthMovie renderParticleField(const ParticleFieldScene& scene,
                                             Progress& progress = Progress::none());

} // namespace insitu
