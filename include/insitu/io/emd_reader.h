#pragma once
// EMD readers: Thermo Fisher Velox .emd and Berkeley EMD 1.0 (.emd/.h5), both HDF5.

#include "insitu/io/movie_reader.h"

#include <memory>
#include <vector>

namespace insitu {

/// True when head starts with the HDF5 signature "\x89HDF\r\n\x1a\n".
[[nodiscard]] bool isHdf5Magic(const std::vector<unsigned char>& head);

/// Opens an HDF5 file as a Velox EMD or a Berkeley EMD image series (chosen by content).
/// Throws insitu::Error "<path>: not an image series (...)" for spectra, 1-D, 4-D and complex data,
/// and for HDF5 files of neither layout.
[[nodiscard]] std::unique_ptr<MovieReader> openEmdReader(const std::filesystem::path& path);

/// True when the open HDF5 file looks like Velox (a /Data/Image group or a "Velox" /Version).
[[nodiscard]] bool isVeloxEmd(const std::filesystem::path& path);

/// Velox EMD: the first non-complex /Data/Image/<uuid>/Data (rows, cols, frames), frames last;
/// calibration and per-frame timestamps from the per-frame metadata JSON.
[[nodiscard]] std::unique_ptr<MovieReader> openVeloxEmdReader(const std::filesystem::path& path);

/// Berkeley EMD 1.0: the first group with emd_group_type = 1 holding 2-D (one frame) or 3-D
/// (frames along dim1, HDF5 axis 0) data; calibration from the dim vectors and their units.
[[nodiscard]] std::unique_ptr<MovieReader> openBerkeleyEmdReader(const std::filesystem::path& path);

} // namespace insitu
