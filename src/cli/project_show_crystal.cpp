// `insitu project show`: the fft and grains results of a movie, in JSON and as text.

#include "project_show_crystal.h"

#include "output.h"

#include <cmath>
#include <iomanip>
#include <sstream>

namespace insitu::cli {

namespace {

/// value with `digits` significant digits, e.g. 0.298.
std::string rounded(double value, int digits = 3)
{
    std::ostringstream out;
    out << std::setprecision(digits) << value;
    return out.str();
}

/// d (nm) of a stored peak when the movie is calibrated.
std::optional<double> dNm(const ProjectFftPeak& peak, const Calibration& cal)
{
    if (!cal.nmPerPixel || !(peak.kPerPx > 0))
        return std::nullopt;
    return *cal.nmPerPixel / peak.kPerPx;
}

nlohmann::json fftJson(const ProjectFft& fft, const Calibration& cal)
{
    nlohmann::json regions = nlohmann::json::array();
    for (const ProjectFftRegion& r : fft.regions) {
        nlohmann::json peaks = nlohmann::json::array();
        for (const ProjectFftPeak& p : r.peaks)
            peaks.push_back({{"k_per_px", p.kPerPx},
                             {"d_nm", numberOrNull(dNm(p, cal))},
                             {"match", p.match ? nlohmann::json(p.match->phase + " " + p.match->hkl)
                                               : nlohmann::json(nullptr)}});
        regions.push_back({{"frame", r.frame},
                           {"region_kind", r.regionKind},
                           {"region_px", r.regionPx},
                           {"peaks", peaks},
                           {"created", r.createdUtc},
                           {"program_version", r.softwareVersion}});
    }
    nlohmann::json map = nullptr;
    if (fft.map)
        map = {{"frame", fft.map->frame},
               {"size_px", {fft.map->cols, fft.map->rows}},
               {"crystalline_fraction", fft.map->crystallineFraction},
               {"created", fft.map->createdUtc},
               {"program_version", fft.map->softwareVersion}};
    return {{"regions", regions}, {"map", map}};
}

nlohmann::json grainsJson(const ProjectGrains& g)
{
    const auto nm = [&](double px) {
        return g.nmPerPixel ? nlohmann::json(px * *g.nmPerPixel) : nlohmann::json(nullptr);
    };
    return {{"frame", g.frame},
            {"roi_px", g.roiPx},
            {"source", g.source},
            {"grains", g.grains.size()},
            {"ecd_median_nm", nm(g.ecdMedianPx)},
            {"phases",
             {{"crystalline", g.crystalline.value},
              {"amorphous", g.amorphous.value},
              {"pore", g.pore.value}}},
            {"created", g.createdUtc},
            {"program_version", g.softwareVersion}};
}

} // namespace

nlohmann::json crystalResultsJson(const ProjectMovie& movie)
{
    const Calibration cal = movie.effectiveCalibration();
    return {{"fft", movie.fft.empty() ? nlohmann::json(nullptr) : fftJson(movie.fft, cal)},
            {"grains", movie.grains ? grainsJson(*movie.grains) : nlohmann::json(nullptr)}};
}

void printCrystalResults(std::ostream& out, const ProjectMovie& movie)
{
    const Calibration cal = movie.effectiveCalibration();
    for (const ProjectFftRegion& r : movie.fft.regions) {
        out << "    fft:         frame " << r.frame << ", " << r.regionKind << ", "
            << r.peaks.size() << " peaks";
        for (std::size_t i = 0; i < r.peaks.size() && i < 4; ++i) {
            const ProjectFftPeak& p = r.peaks[i];
            const auto d = dNm(p, cal);
            // σ_d = d σ_k / k
            out << (i == 0 ? ": " : ", ")
                << (d ? formatWithUncertainty(*d, *d * p.kErrPerPx / p.kPerPx) + " nm"
                      : rounded(1 / p.kPerPx) + " px");
        }
        out << '\n';
    }
    if (movie.fft.map)
        out << "    crystal map: frame " << movie.fft.map->frame << ", crystalline fraction "
            << rounded(movie.fft.map->crystallineFraction) << '\n';
    if (const auto& g = movie.grains) {
        out << "    grains:      frame " << g->frame << ", " << g->grains.size() << " grains ("
            << g->source << "), median ECD "
            << (g->nmPerPixel ? rounded(g->ecdMedianPx * *g->nmPerPixel) + " nm"
                              : rounded(g->ecdMedianPx) + " px")
            << ", crystalline/amorphous/pore " << rounded(g->crystalline.value) << '/'
            << rounded(g->amorphous.value) << '/' << rounded(g->pore.value) << '\n';
    }
}

} // namespace insitu::cli
