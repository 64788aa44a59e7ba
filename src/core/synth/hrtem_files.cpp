// The hrtem scene's files: image TIFF stack, true crystalline mask TIFF and truth JSON.

#include "insitu/export/csv_export.h"
#include "insitu/export/fft_export.h"
#include "insitu/io/tiff_writer.h"
#include "insitu/synth/hrtem_patches.h"

#include <opencv2/core.hpp>

namespace insitu {

std::filesystem::path hrtemMaskPath(const std::filesystem::path& imagePath)
{
    std::filesystem::path p = imagePath;
    p.replace_extension(".mask.tif");
    return p;
}

SceneTruth writeHrtemPatches(const HrtemScene& scene, const std::filesystem::path& imagePath,
                             const std::filesystem::path& truthPath, Progress& progress)
{
    const SynthMovie movie = renderHrtemPatches(scene, progress);
    const ImagingOptions& im = scene.imaging;
    TiffStackOptions options;
    options.width = im.width;
    options.height = im.height;
    options.frameCount = static_cast<int>(movie.frames.size());
    options.nmPerPixel = im.nmPerPixel;
    options.frameIntervalS = im.frameIntervalS;
    writeTiffStack(imagePath, movie.frames, options);
    const cv::Mat mask = hrtemCrystalMask(scene);
    writeMaskTiff(mask, hrtemMaskPath(imagePath), im.nmPerPixel);
    if (truthPath.empty())
        return movie.truth;
    nlohmann::json truth = truthToJson(movie.truth);
    truth["mask"] = hrtemMaskPath(imagePath).string();
    truth["crystalline_fraction"] =
        cv::countNonZero(mask) / static_cast<double>(std::max<std::size_t>(mask.total(), 1));
    nlohmann::json spacings = nlohmann::json::array();
    for (const HrtemPhase& phase : scene.phases)
        for (std::size_t i = 0; i < phase.dNm.size(); ++i)
            spacings.push_back({{"phase", phase.name},
                                {"hkl", i < phase.hkl.size() ? phase.hkl[i] : std::string()},
                                {"d_nm", phase.dNm[i]}});
    truth["d_spacings_nm"] = spacings;
    writeTextFile(truthPath, [&](std::ostream& out) { out << truth.dump(2) << '\n'; });
    return movie.truth;
}

} // namespace insitu
