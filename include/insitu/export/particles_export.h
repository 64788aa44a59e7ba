#pragma once
// Particle exports: the per-particle CSV (Fiji's Analyze Particles meanings, units in the
// column names) and the 32-bit label image.

#include "insitu/particles/particle_result.h"

#include <opencv2/core.hpp>

#include <filesystem>
#include <ostream>

namespace insitu {

/// Columns `id,region,edge,X_px,Y_px,Area_px2,Area_nm2,Perim_px,Perim_nm,ECD_px,ECD_nm,Feret_px,
/// Feret_nm,MinFeret_px,MinFeret_nm,Circ,Solidity,Mean` (Fiji: Area, Perim., Feret, MinFeret,
/// Circ., Solidity, X, Y, Mean); nm cells are empty when the pixel size is unknown.
void writeParticlesCsv(std::ostream& out, const ParticleResult& result);
/// writeParticlesCsv into a file (atomic, writeTextFile).
void saveParticlesCsv(const std::filesystem::path& path, const ParticleResult& result);
/// The label image (CV_32S: 0 background, k = particle k) as a 32-bit signed-integer TIFF.
/// Throws insitu::Error naming the file when it cannot be written.
void writeLabelTiff(const cv::Mat& labels, const std::filesystem::path& path);

} // namespace insitu
