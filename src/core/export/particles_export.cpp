// Particle exports: per-particle CSV and the 32-bit label TIFF.

#include "insitu/export/particles_export.h"

#include "insitu/error.h"
#include "insitu/export/csv_export.h"

#include <opencv2/imgcodecs.hpp>

#include <cmath>

namespace insitu {

void writeParticlesCsv(std::ostream& out, const ParticleResult& r)
{
    out << "id,region,edge,X_px,Y_px,Area_px2,Area_nm2,Perim_px,Perim_nm,ECD_px,ECD_nm,Feret_px,"
           "Feret_nm,MinFeret_px,MinFeret_nm,Circ,Solidity,Mean\n";
    auto nm = [&](double px) { return r.nmPerPixel ? formatCsvNumber(px * *r.nmPerPixel) : ""; };
    auto nm2 = [&](double px2) {
        return r.nmPerPixel ? formatCsvNumber(px2 * *r.nmPerPixel * *r.nmPerPixel) : "";
    };
    for (const Particle& p : r.particles)
        out << p.id << ',' << csvQuote(p.region) << ',' << (p.edge ? 1 : 0) << ','
            << formatCsvNumber(p.xPx) << ',' << formatCsvNumber(p.yPx) << ','
            << formatCsvNumber(p.areaPx) << ',' << nm2(p.areaPx) << ','
            << formatCsvNumber(p.perimeterPx) << ',' << nm(p.perimeterPx) << ','
            << formatCsvNumber(p.ecdPx()) << ',' << nm(p.ecdPx()) << ','
            << formatCsvNumber(p.feretMaxPx) << ',' << nm(p.feretMaxPx) << ','
            << formatCsvNumber(p.feretMinPx) << ',' << nm(p.feretMinPx) << ','
            << formatCsvNumber(p.circularity) << ',' << formatCsvNumber(p.solidity) << ','
            << formatCsvNumber(p.meanIntensity) << '\n';
}

void saveParticlesCsv(const std::filesystem::path& path, const ParticleResult& result)
{
    writeTextFile(path, [&](std::ostream& out) { writeParticlesCsv(out, result); });
}

void writeParticleWindowsCsv(std::ostream& out, const std::vector<ParticleWindowRow>& rows,
                             std::optional<double> nmPerPixel)
{
    out << "first_frame,last_frame,time_s,region,count,ecd_median_px,ecd_median_nm,"
           "area_fraction\n";
    for (const ParticleWindowRow& r : rows) {
        // ParticleWindowRow::ecdMedian is in nm when calibrated, else px
        const bool any = std::isfinite(r.ecdMedian);
        const std::string px =
            any ? formatCsvNumber(nmPerPixel ? r.ecdMedian / *nmPerPixel : r.ecdMedian) : "";
        const std::string nm = any && nmPerPixel ? formatCsvNumber(r.ecdMedian) : "";
        out << r.firstFrame << ',' << r.lastFrame << ','
            << (r.timeS ? formatCsvNumber(*r.timeS) : "") << ',' << csvQuote(r.region) << ','
            << r.count << ',' << px << ',' << nm << ',' << formatCsvNumber(r.areaFraction) << '\n';
    }
}

void saveParticleWindowsCsv(const std::filesystem::path& path,
                            const std::vector<ParticleWindowRow>& rows,
                            std::optional<double> nmPerPixel)
{
    writeTextFile(path, [&](std::ostream& out) { writeParticleWindowsCsv(out, rows, nmPerPixel); });
}

void writeLabelTiff(const cv::Mat& labels, const std::filesystem::path& path)
{
    if (labels.type() != CV_32S)
        throw Error(path.string() + ": labels must be 32-bit integers");
    bool ok = false;
    try {
        ok = cv::imwrite(path.string(), labels);
    } catch (const cv::Exception& e) {
        throw Error(path.string() + ": cannot write the label image (" + e.what() + ")");
    }
    if (!ok)
        throw Error(path.string() + ": cannot write the label image");
}

} // namespace insitu
