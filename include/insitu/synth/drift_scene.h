#pragma once
// The drift scene: a textured support film with particles, translated by a known random walk.

#include "insitu/progress.h"
#include "insitu/synth/scene_truth.h"

namespace insitu {

/// Support-film texture (faint blobs) plus dark particles; only the drift changes over time.
struct DriftScene
{
    ImagingOptions imaging{.frames = 100,
                           .width = 256,
                           .height = 256,
                           .nmPerPixel = 0.5,
                           .frameIntervalS = 0.5,
                           .dosePerPx = 20,
                           .driftStepPx = 0.3,
                           .driftVelocityXPxPerFrame = 0.05,
                           .driftVelocityYPxPerFrame = -0.03};
    double textureBlobsPer1000Px2 = 6; ///< density of the film texture blobs
    double textureAmplitude = 0.06;    ///< relative amplitude of a blob
    int particleCount = 30;
    double particleMinDiameterPx = 6;
    double particleMaxDiameterPx = 22;
    double particleAbsorption = 0.3;
    double edgeSigmaPx = 0.7;
};

/// The drift scene rendered in memory (frames CV_16U).
[[nodiscard]] SynthMovie renderDriftScene(const DriftScene& scene,
                                          Progress& progress = Progress::none());

} // namespace insitu
