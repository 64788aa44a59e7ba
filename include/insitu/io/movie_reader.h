#pragma once
// MovieReader: the one interface every file format implements, and openMovieReader().

#include "insitu/calibration.h"
#include "insitu/frame.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace insitu {

/// What a reader learns from a file's headers, without reading pixel data.
struct MovieInfo
{
    std::string format;         ///< e.g. "TIFF (ImageJ)", "DM4", "SER", "Velox EMD"
    std::filesystem::path path; ///< the file (or folder) opened
    int frameCount = 0;
    int width = 0;  ///< columns (x)
    int height = 0; ///< rows (y)
    PixelType pixelType = PixelType::UInt8;
    Calibration calibration;
    nlohmann::json metadata = nlohmann::json::object(); ///< acquisition metadata tree, for display
    std::vector<std::string> notes; ///< conversions applied, e.g. "RGB converted to grey"
};

/// Reads frames of one movie file on demand. Implementations keep a file handle and use
/// positioned reads; they never load the whole movie. Not thread-safe: Movie serialises calls.
class MovieReader
{
public:
    virtual ~MovieReader() = default;
    [[nodiscard]] virtual const MovieInfo& info() const = 0;
    /// Reads frame index (0 ≤ index < frameCount) in the native pixel type.
    /// Throws insitu::Error naming the file when the data cannot be read.
    [[nodiscard]] virtual Frame readFrame(int index) = 0;
};

/// Opens path with the reader chosen by magic bytes first, then by extension.
/// Throws insitu::Error ("<path>: <problem>") for unreadable, unsupported or non-image files.
[[nodiscard]] std::unique_ptr<MovieReader> openMovieReader(const std::filesystem::path& path);

} // namespace insitu
