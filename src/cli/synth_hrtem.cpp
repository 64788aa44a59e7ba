// `insitu synth hrtem`: the HRTEM patches scene and its truth files.

#include "synth_hrtem.h"

#include "output.h"

#include "insitu/synth/hrtem_patches.h"

#include <iostream>

namespace insitu::cli {

ImagingOptions hrtemImaging()
{
    return HrtemScene{}.imaging;
}

int runHrtem(const ImagingOptions& imaging, const std::string& output, const std::string& truth)
{
    HrtemScene scene;
    scene.imaging = imaging;
    TerminalProgress progress;
    writeHrtemPatches(scene, output, truth, progress);
    std::cout << "wrote " << output << ": hrtem, " << imaging.frames << " frame(s) of "
              << imaging.width << " x " << imaging.height << " px, " << imaging.nmPerPixel
              << " nm/px, dose " << imaging.dosePerPx << " counts/px, "
              << hrtemPatches(scene).size() << " patches, true mask in "
              << hrtemMaskPath(output).string() << (truth.empty() ? "" : ", truth in " + truth)
              << '\n';
    return 0;
}

} // namespace insitu::cli
