#pragma once
// The particles scene: a field of dark particles with a known lognormal size distribution.

#include "insitu/progress.h"
#include "insitu/synth/scene_truth.h"

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
};

/// The particles scene rendered in memory (frames CV_16U).
[[nodiscard]] SynthMovie renderParticleField(const ParticleFieldScene& scene,
                                             Progress& progress = Progress::none());

} // namespace insitu
