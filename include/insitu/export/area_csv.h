#pragma once
// The areas CSV: one row per frame per followed particle (the GUI and `insitu area -o` use it).

#include "insitu/area/area_result.h"
#include "insitu/calibration.h"

#include <filesystem>
#include <ostream>

namespace insitu {

/// Columns frame,time_s,particle,area_px,area_nm2,area_ratio,ecd_nm,centroid_x_px,
/// centroid_y_px,core_area_nm2; rows by frame, then particle. Unknown values (time, nm without
/// a pixel size, core without AreaOptions::core) are empty cells.
void writeAreasCsv(std::ostream& out, const AreaResult& result, const Calibration& calibration);
/// writeAreasCsv into a file (atomic, writeTextFile); throws insitu::Error naming the file.
void saveAreasCsv(const std::filesystem::path& path, const AreaResult& result,
                  const Calibration& calibration);

} // namespace insitu
