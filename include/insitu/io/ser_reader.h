#pragma once
// SerReader: FEI/Thermo TIA .ser image series, with metadata from the sibling .emi.

#include "insitu/io/binary_file.h"
#include "insitu/io/movie_reader.h"

#include <filesystem>
#include <memory>
#include <vector>

namespace insitu {

/// Reads a TIA .ser series of 2-D images (SeriesVersion 0x210 / 0x220): only the
/// ValidNumberElements frames written, pixel size converted from m to nm, per-frame tag times
/// (1 s resolution) as timestamps when they resolve the frames; rows (stored bottom-up)
/// delivered top row first. The sibling name.emi (for
/// name_N.ser) adds voltage, magnification, mode and acquisition date. Layout: formats.md §2.
class SerReader final : public MovieReader
{
public:
    /// Opens a .ser file, or the first image .ser (name_1.ser, name_2.ser, ...) of an .emi file.
    /// Throws insitu::Error ("<path>: <problem>"); 1-D spectra give "not an image series".
    explicit SerReader(const std::filesystem::path& path);

    [[nodiscard]] const MovieInfo& info() const override { return m_info; }
    [[nodiscard]] Frame readFrame(int index) override;

    /// True when head starts with the SER magic (0x4949, series id 0x0197).
    [[nodiscard]] static bool matchesMagic(const std::vector<unsigned char>& head);

private:
    BinaryFile m_file;
    MovieInfo m_info;
    std::vector<std::uint64_t> m_dataOffsets; // per valid element
    int m_serDataType = 0;
};

/// Opens a .ser or .emi file (see SerReader).
[[nodiscard]] std::unique_ptr<MovieReader> openSerReader(const std::filesystem::path& path);

/// Acquisition metadata from the XML inside a TIA .emi file: one JSON object per <ObjectInfo>
/// (voltage_kV, magnification, mode, acquisition_date, microscope, description rows).
/// Returns an empty array when the file has no XML. Throws insitu::Error when unreadable.
[[nodiscard]] nlohmann::json readEmiMetadata(const std::filesystem::path& emiPath);

} // namespace insitu
