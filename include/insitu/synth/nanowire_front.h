#pragma once
// The nanowire-front scene: a wire lithiated from its contact end, one or two moving fronts.

#include "insitu/progress.h"
#include "insitu/synth/scene_truth.h"

#include <string>

namespace insitu {

/// Kinetic law of a synthetic front: L = start + v (t - onset) or L = start + k sqrt(t - onset).
enum class FrontLaw { Linear, Sqrt };

/// One synthetic front's kinetics.
struct FrontKinetics
{
    double startPx = 0;  ///< position along the axis at onset (px from the contact end)
    double onsetS = 0;   ///< time the front starts moving from startPx (s); may be < 0
    double rateNm = 0.7; ///< v (nm/s) for Linear, k (nm/√s) for Sqrt
};

/// A CuO-like nanowire touching a counter electrode at its contact end (experiment 1 of
/// mission.md): pristine segment, reacted segment(s) with other contrast and swelling, small dark
/// particles appearing behind the leading front and vanishing behind the trailing front unless
/// larger than the critical size. Geometry in px (frame 0), physical sizes in nm. A front exists
/// in the truth from its onset until it leaves the wire (or the frame, for a wire longer than it).
struct NanowireFrontScene
{
    ImagingOptions imaging{.frames = 200,
                           .width = 256,
                           .height = 112,
                           .nmPerPixel = 0.5,
                           .frameIntervalS = 0.5,
                           .dosePerPx = 20};
    double contactXPx = 22; ///< contact end of the wire axis (s = 0), frame 0
    double contactYPx = 53;
    double angleDeg = 4;              ///< axis direction from +x towards +y (y down)
    double lengthPx = 224;            ///< wire length along the axis; may exceed the frame (the
                                      ///< truth line then ends at the frame's edge)
    double halfWidthPx = 16;          ///< pristine half width
    double swellingReacted = 1.25;    ///< half-width factor behind the leading front
    double swellingSecond = 1.35;     ///< half-width factor behind the trailing front
    double absorptionPristine = 0.45; ///< fraction of the beam removed at the wire centre
    double absorptionReacted = 0.30;
    double absorptionSecond = 0.20;
    double absorptionElectrode = 0.55;
    double edgeSigmaPx = 0.7;  ///< blur of wire and particle outlines
    double frontSigmaPx = 1.5; ///< erf half-width of the front edges
    FrontLaw law = FrontLaw::Linear;
    int fronts = 2; ///< 1: leading only; 2: leading + trailing
    FrontKinetics leading{.startPx = 12, .onsetS = 0, .rateNm = 0.7};
    FrontKinetics trailing{.startPx = 0, .onsetS = 25, .rateNm = 0.25};
    int particleCount = 44;
    double particleMedianNm = 4.0; ///< lognormal median of particle diameters
    double particleSigmaLog = 0.35;
    double particleMinNm = 2.0;
    double particleMaxNm = 9.0;
    double criticalDiameterNm = 6.0; ///< particles at least this large survive the trailing front
    double particleAbsorption = 0.35;
    double particleLagPx = 4; ///< particles appear once the front is this far past them
};

/// The nanowire-front scene rendered in memory (frames CV_16U).
[[nodiscard]] SynthMovie renderNanowireFront(const NanowireFrontScene& scene,
                                             Progress& progress = Progress::none());

/// Position (px) of a front with these kinetics at time timeS; NaN before onset.
[[nodiscard]] double frontPositionPx(const FrontKinetics& kinetics, FrontLaw law, double timeS,
                                     double nmPerPixel);

[[nodiscard]] std::string frontLawName(FrontLaw law);

} // namespace insitu
