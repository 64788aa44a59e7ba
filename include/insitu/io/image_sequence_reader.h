#pragma once
// ImageSequenceReader: a folder (or folder tree) of numbered per-frame image files.

#include "insitu/io/movie_reader.h"

#include <string>
#include <vector>

namespace insitu {

/// Natural order of file names: digit runs compare as numbers ("frame_2" < "frame_10").
[[nodiscard]] bool naturalLess(const std::string& a, const std::string& b);

/// The frame files of a folder: image files (tif, tiff, png, jpg, jpeg, bmp, dm3, dm4) directly
/// in it, or, when there are none, in its sub-folders (Gatan in-situ export trees); only the most
/// common extension is kept; naturally sorted by path relative to the folder.
[[nodiscard]] std::vector<std::filesystem::path>
listFrameFiles(const std::filesystem::path& folder);

/// Serves each file of a folder as one frame. PNG/JPEG/BMP are decoded by OpenCV (colour converted
/// to grey); TIFF and DM files by their movie readers (frame 0). Calibration comes from the first
/// file; all frames must share its size and pixel type.
class ImageSequenceReader final : public MovieReader
{
public:
    /// Lists and sorts the folder and reads the first file; throws insitu::Error when empty.
    explicit ImageSequenceReader(const std::filesystem::path& folder);

    [[nodiscard]] const MovieInfo& info() const override { return m_info; }
    [[nodiscard]] Frame readFrame(int index) override;
    /// The file behind each frame, in frame order.
    [[nodiscard]] const std::vector<std::filesystem::path>& files() const { return m_files; }

private:
    /// Frame times and frame-0 clock from the file names, else the first file's time (metadata
    /// "sequence": "frame0_clock", "first_file_modified_unix_s").
    void readFileClocks();
    [[nodiscard]] Frame readFile(const std::filesystem::path& file,
                                 std::vector<std::string>* notes) const;

    MovieInfo m_info;
    std::vector<std::filesystem::path> m_files;
};

} // namespace insitu
