#pragma once
// The expanding-particle scene: coated particles whose projected area grows (experiment 4).

#include "insitu/progress.h"
#include "insitu/synth/scene_truth.h"

#include <vector>

namespace insitu {

/// One coated particle of the scene; area grows linearly from growthStartS for growthDurationS.
struct GrowingParticle
{
    double xPx = 0;
    double yPx = 0;
    double radiusPx = 25; ///< initial outer radius (coating included)
    double coatingNm = 5;
    double finalAreaRatio = 2.0; ///< A_end / A_0
    double growthStartS = 10;
    double growthDurationS = 60;
    int crackFrame = -1; ///< frame at which the coating cracks, -1: never
    double crackAngleDeg = 30;
    double crackAreaStep = 0.0;     ///< relative step of the outer area when the coating cracks
    double velocityXPxPerFrame = 0; ///< particle motion on the support (besides the drift)
    double velocityYPxPerFrame = 0;
};

/// Si-like particles with a TiO2-like coating expanding to e.g. 2× and 1.2× their area at
/// different rates (mission.md experiment 4); one coating cracks at a known frame.
struct ExpandingParticleScene
{
    ImagingOptions imaging{.frames = 150,
                           .width = 256,
                           .height = 256,
                           .nmPerPixel = 1.0,
                           .frameIntervalS = 1.0,
                           .dosePerPx = 10,
                           .driftStepPx = 0.1};
    std::vector<GrowingParticle> particles{{.xPx = 72,
                                            .yPx = 78,
                                            .radiusPx = 26,
                                            .coatingNm = 5,
                                            .finalAreaRatio = 2.0,
                                            .growthStartS = 10,
                                            .growthDurationS = 60},
                                           {.xPx = 182,
                                            .yPx = 86,
                                            .radiusPx = 30,
                                            .coatingNm = 10,
                                            .finalAreaRatio = 1.2,
                                            .growthStartS = 10,
                                            .growthDurationS = 72},
                                           {.xPx = 124,
                                            .yPx = 186,
                                            .radiusPx = 22,
                                            .coatingNm = 5,
                                            .finalAreaRatio = 1.5,
                                            .growthStartS = 20,
                                            .growthDurationS = 100,
                                            .crackFrame = 60,
                                            .crackAngleDeg = 40,
                                            .crackAreaStep = 0.03}};
    double absorptionCore = 0.45;    ///< crystalline core
    double absorptionShell = 0.25;   ///< lithiated shell (lighter)
    double absorptionCoating = 0.55; ///< coating ring
    double coreShrink = 0.5;         ///< core radius shrinks by this fraction at full growth
    double edgeSigmaPx = 0.8;
};

/// The expanding-particle scene rendered in memory (frames CV_16U).
[[nodiscard]] SynthMovie renderExpandingParticles(const ExpandingParticleScene& scene,
                                                  Progress& progress = Progress::none());

} // namespace insitu
