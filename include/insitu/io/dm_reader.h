#pragma once
// DmReader: Gatan DigitalMicrograph .dm3/.dm4 images, stacks and in-situ series.

#include "insitu/io/binary_file.h"
#include "insitu/io/movie_reader.h"

#include <filesystem>
#include <memory>
#include <vector>

namespace insitu {

/// Reads the image of a DM3/DM4 file (thumbnails skipped): a 2-D image is one frame, a 3-D
/// [X, Y, N] stack or in-situ series N frames. Pixel size in nm from the x calibration
/// (nm, µm/um, A, pm, m); frame interval from a 3rd-axis calibration in s. Spectra and
/// spectrum images are refused ("not an image series"). Tag layout: formats.md §1.
class DmReader final : public MovieReader
{
public:
    /// Parses the tag tree; throws insitu::Error ("<path>: <problem>") for unreadable files,
    /// spectra, complex data with nonzero imaginary part, and unsupported pixel types.
    explicit DmReader(const std::filesystem::path& path);

    [[nodiscard]] const MovieInfo& info() const override { return m_info; }
    [[nodiscard]] Frame readFrame(int index) override;

    /// True when head (the first bytes of a file) starts like a DM3 or DM4 file.
    [[nodiscard]] static bool matchesMagic(const std::vector<unsigned char>& head);

private:
    BinaryFile m_file;
    MovieInfo m_info;
    ContiguousStack m_stack;
};

/// Opens a DM3/DM4 file (see DmReader).
[[nodiscard]] std::unique_ptr<MovieReader> openDmReader(const std::filesystem::path& path);

} // namespace insitu
