#pragma once
// Exports of the grains analysis: the tidy grains CSV and the 32-bit label / 8-bit class TIFFs.

#include "insitu/crystal/grain_segmentation.h"

#include <opencv2/core.hpp>

#include <filesystem>
#include <iosfwd>

namespace insitu {

/// One row per grain: id,area_px,area_nm2,ecd_px,ecd_nm,aspect_ratio,x_px,y_px,border
/// (nm cells empty when uncalibrated; border 0/1).
void writeGrainsCsv(std::ostream& out, const std::vector<Grain>& grains);
void saveGrainsCsv(const std::filesystem::path& path, const std::vector<Grain>& grains);

/// Writes labels (CV_32S, ≥ 0) as a single-page uint32 TIFF (0 = no grain).
void writeLabelsTiff(const std::filesystem::path& path, const cv::Mat& labels);

} // namespace insitu
