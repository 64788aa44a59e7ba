// The grain-film scene's files: image TIFF, truth label TIFF and truth JSON.

#include "insitu/crystal/grain_analysis.h"
#include "insitu/crystal/grain_export.h"
#include "insitu/crystal/phase_fractions.h"
#include "insitu/error.h"
#include "insitu/export/csv_export.h"
#include "insitu/io/tiff_writer.h"
#include "insitu/synth/grain_film.h"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace insitu {

std::filesystem::path grainFilmLabelsPath(const std::filesystem::path& imagePath)
{
    std::filesystem::path p = imagePath;
    p.replace_extension(".labels.tif");
    return p;
}

GrainFilm writeGrainFilm(const GrainFilmScene& scene, const std::filesystem::path& imagePath,
                         const std::filesystem::path& truthPath)
{
    GrainFilm film = renderGrainFilm(scene);
    TiffStackOptions options;
    options.width = scene.width;
    options.height = scene.height;
    options.frameCount = 1;
    options.nmPerPixel = scene.nmPerPixel;
    writeTiffStack(imagePath, {film.image}, options);
    writeLabelsTiff(grainFilmLabelsPath(imagePath), film.truthLabels);
    if (truthPath.empty())
        return film;
    const auto fraction = [&](PhaseClass c) {
        return cv::countNonZero(film.truthClass == static_cast<int>(c)) /
               static_cast<double>(film.truthClass.total());
    };
    const std::vector<Grain> grains = measureGrains(film.truthLabels, scene.nmPerPixel);
    nlohmann::json list = nlohmann::json::array();
    for (const Grain& g : grains)
        list.push_back({{"id", g.id},
                        {"area_px", g.areaPx},
                        {"ecd_nm", *g.ecdNm},
                        {"x_px", g.xPx},
                        {"y_px", g.yPx},
                        {"border", g.border}});
    // The median over interior pieces of at least 3 nm ECD (the analysis' default minimum grain):
    // slivers of grains cut by pores are not grains.
    std::vector<double> ecd;
    for (double d : interiorEcds(grains, true))
        if (d >= GrainOptions{}.minGrainNm)
            ecd.push_back(d);
    std::sort(ecd.begin(), ecd.end());
    const nlohmann::json truth = {
        {"scene", "grain-film"},
        {"width", scene.width},
        {"height", scene.height},
        {"pixel_size_nm", scene.nmPerPixel},
        {"mode_ecd_nm", scene.modeEcdNm},
        {"sigma_log", scene.sigmaLog},
        {"seed", scene.seed},
        {"labels", grainFilmLabelsPath(imagePath).string()},
        {"phases",
         {{"crystalline", fraction(PhaseClass::Crystalline)},
          {"amorphous", fraction(PhaseClass::Amorphous)},
          {"pore", fraction(PhaseClass::Pore)}}},
        {"ecd_median_nm",
         ecd.empty() ? nlohmann::json(nullptr) : nlohmann::json(ecd[ecd.size() / 2])},
        {"grains", list},
    };
    writeTextFile(truthPath, [&](std::ostream& out) { out << truth.dump(2) << '\n'; });
    return film;
}

} // namespace insitu
