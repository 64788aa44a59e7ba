#pragma once
// MrcReader: MRC2014 / .mrcs image stacks and movies (incl. Velox and Direct Electron exports).

#include "insitu/io/binary_file.h"
#include "insitu/io/movie_reader.h"

#include <filesystem>
#include <memory>
#include <vector>

namespace insitu {

/// Reads an MRC2014 file as NZ frames of NX × NY: modes 0 (read as uint8, as RosettaSciIO
/// does), 1 int16, 2 float32, 6 uint16, 12 float16 (-> float32); complex modes refused.
/// Pixel size in nm from an FEI1/FEI2 extended header (metres), else |CELLA.x| / MX (Å);
/// per-frame times from FEI extended-header timestamps; frame interval from a Direct
/// Electron `<prefix>_info.txt` sidecar ("Frames Per Second"). Layout: formats.md §5.
class MrcReader final : public MovieReader
{
public:
    /// Reads the 1024-byte header (either byte order, from MACHST); throws insitu::Error
    /// ("<path>: <problem>") for truncated, absurd or unsupported files.
    explicit MrcReader(const std::filesystem::path& path);

    [[nodiscard]] const MovieInfo& info() const override { return m_info; }
    [[nodiscard]] Frame readFrame(int index) override;

    /// True when head carries the "MAP " word at byte 208.
    [[nodiscard]] static bool matchesMagic(const std::vector<unsigned char>& head);

private:
    BinaryFile m_file;
    MovieInfo m_info;
    ContiguousStack m_stack;
};

/// Opens an MRC/MRCS file (see MrcReader).
[[nodiscard]] std::unique_ptr<MovieReader> openMrcReader(const std::filesystem::path& path);

} // namespace insitu
