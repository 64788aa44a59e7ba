#pragma once
// The hrtem scene: crystalline patches of two phases (lattice fringes) in an amorphous matrix.

#include "insitu/progress.h"
#include "insitu/synth/scene_truth.h"

#include <filesystem>
#include <string>
#include <vector>

namespace insitu {

/// One crystalline phase: its lattice spacings (each drawn as two fringe sets 60° apart).
struct HrtemPhase
{
    std::string name;
    std::vector<std::string> hkl;
    std::vector<double> dNm;
};

/// HRTEM frame of lattice-fringe patches (ellipses, random orientation) on an amorphous support
/// whose texture is band-limited noise (a broad halo in the FFT, no lattice peak).
struct HrtemScene
{
    ImagingOptions imaging{.frames = 1,
                           .width = 1024,
                           .height = 1024,
                           .nmPerPixel = 0.05,
                           .frameIntervalS = 1.0,
                           .dosePerPx = 200,
                           .illuminationGradient = 0.1,
                           .flickerRelative = 0.0,
                           .drift = false,
                           .driftStepPx = 0.1,
                           .driftVelocityXPxPerFrame = 0,
                           .driftVelocityYPxPerFrame = 0};
    std::vector<HrtemPhase> phases{{"Cu", {"111", "200"}, {0.2087, 0.1808}},
                                   {"Li2O", {"111", "220"}, {0.2664, 0.1631}}};
    int patchCount = 6;     ///< patches placed (alternating phases), fewer if they do not fit
    double minRadiusNm = 4; ///< patch semi-axes drawn in [min, max]
    double maxRadiusNm = 9;
    double fringeContrast = 0.06;    ///< amplitude of each fringe set (relative transmission)
    double amorphousContrast = 0.08; ///< standard deviation of the amorphous texture
    double edgeWidthNm = 0.2;        ///< softness of a patch's outline
};

/// A patch of the truth.
struct HrtemPatchTruth
{
    int phase = 0; ///< index into HrtemScene::phases
    double xPx = 0;
    double yPx = 0;
    double semiAxisAPx = 0;
    double semiAxisBPx = 0;
    double ellipseAngleDeg = 0;
    double latticeAngleDeg = 0;
};

/// The patches a scene places (deterministic in imaging.seed).
[[nodiscard]] std::vector<HrtemPatchTruth> hrtemPatches(const HrtemScene& scene);
/// The true crystalline mask of frame 0 (CV_8U, 255 inside a patch).
[[nodiscard]] cv::Mat hrtemCrystalMask(const HrtemScene& scene);
/// The scene rendered in memory (frames CV_16U); truth.parameters lists phases and patches.
[[nodiscard]] SynthMovie renderHrtemPatches(const HrtemScene& scene,
                                            Progress& progress = Progress::none());

/// The truth mask path written beside imagePath: `<image>.mask.tif`.
[[nodiscard]] std::filesystem::path hrtemMaskPath(const std::filesystem::path& imagePath);
/// Renders the scene and writes the frames (uint16 ImageJ TIFF, calibrated), the true
/// crystalline mask beside them (hrtemMaskPath, uint8, 255 = crystalline) and, when truthPath is
/// not empty, the truth JSON: truthToJson (phases with hkl and d_nm, patches) plus "mask",
/// "crystalline_fraction" and "d_spacings_nm" (every phase's spacings, strongest ring first).
SceneTruth writeHrtemPatches(const HrtemScene& scene, const std::filesystem::path& imagePath,
                             const std::filesystem::path& truthPath,
                             Progress& progress = Progress::none());

} // namespace insitu
