// The areas CSV: one row per frame per followed particle.

#include "insitu/export/area_csv.h"

#include "insitu/export/csv_export.h"

#include <cmath>
#include <limits>
#include <map>
#include <numbers>
#include <utility>

namespace insitu {

void writeAreasCsv(std::ostream& out, const AreaResult& result, const Calibration& calibration)
{
    constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
    out << "frame,time_s,particle,area_px,area_nm2,area_ratio,ecd_nm,centroid_x_px,"
           "centroid_y_px,core_area_nm2\n";
    std::map<std::pair<int, int>, std::pair<const AreaTrack*, std::size_t>> rows;
    for (const AreaTrack& track : result.particles)
        for (std::size_t i = 0; i < track.frames.size(); ++i)
            rows[{track.frames[i], track.index}] = {&track, i};
    const std::optional<double> nm = calibration.nmPerPixel;
    for (const auto& [key, row] : rows) {
        const auto& [track, i] = row;
        const double area = track->areaPx[i];
        const double areaNm2 = nm ? area * *nm * *nm : kNaN;
        const double ecdNm = nm ? 2 * std::sqrt(area / std::numbers::pi) * *nm : kNaN;
        const double core =
            nm && i < track->coreAreaPx.size() ? track->coreAreaPx[i] * *nm * *nm : kNaN;
        const double ratio = i < track->areaRatio.size() ? track->areaRatio[i] : kNaN;
        out << key.first << ','
            << formatCsvNumber(calibration.timeOfFrameS(key.first).value_or(kNaN)) << ','
            << key.second << ',' << formatCsvNumber(area) << ',' << formatCsvNumber(areaNm2) << ','
            << formatCsvNumber(ratio) << ',' << formatCsvNumber(ecdNm) << ','
            << formatCsvNumber(track->centroidPx[i].x) << ','
            << formatCsvNumber(track->centroidPx[i].y) << ',' << formatCsvNumber(core) << '\n';
    }
}

void saveAreasCsv(const std::filesystem::path& path, const AreaResult& result,
                  const Calibration& calibration)
{
    writeTextFile(path, [&](std::ostream& out) { writeAreasCsv(out, result, calibration); });
}

} // namespace insitu
