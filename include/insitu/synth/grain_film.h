#pragma once
// The grain-film scene: a bright-field image of a polycrystalline film (lognormal grains with
// diffraction contrast, lattice fringes and partly open dark boundaries), optionally with
// amorphous regions and bright pores, and its truth (grain labels, class map).

#include <opencv2/core.hpp>

#include <cstdint>

namespace insitu {

/// Settings of the grain film. beforeCycling() / afterCycling() are experiment 5 of mission.md.
struct GrainFilmScene
{
    int width = 1024;
    int height = 1024;
    double nmPerPixel = 0.2;
    double modeEcdNm = 20; ///< mode of the drawn (lognormal) grain diameters
    double sigmaLog = 0.3; ///< spread of ln(ECD)
    double minEcdNm = 10;  ///< drawn diameters are redrawn outside [min, max]
    double maxEcdNm = 40;
    double amorphousFraction = 0;      ///< of the image area
    double poreFraction = 0;           ///< of the image area
    double fringeDNm = 0.47;           ///< lattice spacing of the fringes (LiMn1.5Ni0.5O4 (111))
    double boundaryGapFraction = 0.15; ///< fraction of the boundary length left open
    double dosePerPx = 1000;           ///< mean counts/px at transmission 1
    bool poissonNoise = true;
    std::uint64_t seed = 1;

    [[nodiscard]] static GrainFilmScene beforeCycling();
    /// Grains shrunk to a mode of 10 nm, 25 % amorphous and 18 % pores (57 % crystalline).
    [[nodiscard]] static GrainFilmScene afterCycling();
};

/// The rendered image and its truth.
struct GrainFilm
{
    cv::Mat image;       ///< CV_16U counts
    cv::Mat truthLabels; ///< CV_32S grain ids (1..; a grain cut by a pore: one id per piece), 0
                         ///< elsewhere
    cv::Mat truthClass;  ///< CV_8U PhaseClass values (crystalline, amorphous, pore)
    double nmPerPixel = 0;
};

[[nodiscard]] GrainFilm renderGrainFilm(const GrainFilmScene& scene);

} // namespace insitu

#include <filesystem>

namespace insitu {

/// Renders the scene and writes the image (uint16 TIFF, calibrated), the truth labels beside it
/// (`<image>.labels.tif`, uint32) and, when truthPath is not empty, the truth JSON: scene
/// settings, area fractions, truth grains (id, area_px, ecd_nm, border) and the median ECD of
/// the interior ones of at least GrainOptions{}.minGrainNm.
GrainFilm writeGrainFilm(const GrainFilmScene& scene, const std::filesystem::path& imagePath,
                         const std::filesystem::path& truthPath);

/// The truth labels path written beside imagePath.
[[nodiscard]] std::filesystem::path grainFilmLabelsPath(const std::filesystem::path& imagePath);

} // namespace insitu
