#pragma once
// Writers of the FFT analysis: profile CSV, spectrum and image TIFFs, crystallinity mask TIFF.

#include "insitu/crystal/fft_analysis.h"

#include <opencv2/core.hpp>

#include <filesystem>
#include <optional>
#include <ostream>

namespace insitu {

/// The radial profile as CSV: k_per_px,k_per_nm,d_nm,power,background,count (one row per bin
/// from the first non-excluded one; nm columns empty when the pixel size is unknown).
void writeFftProfileCsv(std::ostream& out, const RadialProfile& profile,
                        std::optional<double> nmPerPixel);
/// writeFftProfileCsv into a file (atomic); throws insitu::Error naming it.
void saveFftProfileCsv(const std::filesystem::path& path, const RadialProfile& profile,
                       std::optional<double> nmPerPixel);

/// A CV_32F image as a single-frame float32 TIFF (e.g. the log power spectrum, a filtered image).
void writeFloatTiff(const cv::Mat& image, const std::filesystem::path& path,
                    std::optional<double> nmPerPixel = std::nullopt);

/// A CV_8U mask (non-zero = crystalline) as a uint8 TIFF at image resolution.
void writeMaskTiff(const cv::Mat& mask, const std::filesystem::path& path,
                   std::optional<double> nmPerPixel = std::nullopt);

} // namespace insitu
