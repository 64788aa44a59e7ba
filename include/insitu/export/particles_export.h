#pragma once
// Particle exports: the per-particle CSV (Fiji's Analyze Particles meanings, units in the
// column names) and the 32-bit label image.

#include "insitu/particles/particle_result.h"
#include "insitu/particles/particle_series.h"

#include <opencv2/core.hpp>

#include <filesystem>
#include <optional>
#include <ostream>
#include <vector>

namespace insitu {

/// Columns `id,region,edge,X_px,Y_px,Area_px2,Area_nm2,Perim_px,Perim_nm,ECD_px,ECD_nm,Feret_px,
/// Feret_nm,MinFeret_px,MinFeret_nm,Circ,Solidity,Mean` (Fiji: Area, Perim., Feret, MinFeret,
/// Circ., Solidity, X, Y, Mean); nm cells are empty when the pixel size is unknown.
void writeParticlesCsv(std::ostream& out, const ParticleResult& result);
/// writeParticlesCsv into a file (atomic, writeTextFile).
void saveParticlesCsv(const std::filesystem::path& path, const ParticleResult& result);
/// The sliding-window counts, one row per window per region: `first_frame,last_frame,time_s,
/// region,count,ecd_median_px,ecd_median_nm,area_fraction` (time_s and nm cells empty when
/// unknown; ECD cells empty for a window without particles).
void writeParticleWindowsCsv(std::ostream& out, const std::vector<ParticleWindowRow>& rows,
                             std::optional<double> nmPerPixel);
/// writeParticleWindowsCsv into a file (atomic, writeTextFile).
void saveParticleWindowsCsv(const std::filesystem::path& path,
                            const std::vector<ParticleWindowRow>& rows,
                            std::optional<double> nmPerPixel);
/// The label image (CV_32S: 0 background, k = particle k) as a 32-bit signed-integer TIFF.
/// Throws insitu::Error naming the file when it cannot be written.
void writeLabelTiff(const cv::Mat& labels, const std::filesystem::path& path);

} // namespace insitu
