#pragma once
// ImagingOptions: how a synthetic scene is "recorded" (size, calibration, dose, drift, noise).

#include <cstdint>

namespace insitu {

/// Acquisition settings shared by every synthetic scene. Geometry of the scenes is in pixels;
/// nmPerPixel and frameIntervalS label the movie and convert the nm / nm/s scene parameters.
struct ImagingOptions
{
    int frames = 100;
    int width = 256;  ///< px
    int height = 256; ///< px
    double nmPerPixel = 0.5;
    double frameIntervalS = 0.5;
    double dosePerPx = 20;    ///< mean counts/px on bare support at illumination 1
    bool poissonNoise = true; ///< false: expected counts, rounded (truth tests)
    double illuminationGradient =
        0.15;                      ///< relative amplitude of smooth uneven illumination, 0 = flat
    double flickerRelative = 0.03; ///< standard deviation of the per-frame gain
    bool drift = true;             ///< random-walk specimen drift on/off
    double driftStepPx = 0.15;     ///< random-walk step std per frame and axis (px)
    double driftVelocityXPxPerFrame = 0.02; ///< steady part of the drift (px/frame)
    double driftVelocityYPxPerFrame = -0.01;
    int supersample = 3; ///< subsamples per axis in pixels near edges (1 = off)
    std::uint64_t seed = 1;
};

} // namespace insitu
