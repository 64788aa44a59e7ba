#pragma once
// TiffReader: multi-page TIFF / BigTIFF movies (ImageJ, OME-TIFF, DM-exported) through libtiff.

#include "insitu/io/movie_reader.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace insitu {

/// The key=value lines of an ImageJ ImageDescription ("ImageJ=1.53t\nimages=10\n...").
struct ImageJDescription
{
    int images = 1; ///< total planes (C × Z × T)
    int channels = 1;
    int slices = 1;
    int frames = 1;
    std::string unit; ///< length unit as written ("micron", "um", "\u00B5m"), "" if none
    std::optional<double> frameInterval;              ///< `finterval`, in timeUnit
    std::string timeUnit = "sec";                     ///< `tunit`, "sec" when absent
    std::optional<double> fps;                        ///< `fps`
    std::optional<double> spacing;                    ///< z step, in unit
    nlohmann::json fields = nlohmann::json::object(); ///< every key=value as written
};

/// Parses an ImageJ description; nullopt when the text does not start with "ImageJ=".
[[nodiscard]] std::optional<ImageJDescription> parseImageJDescription(std::string_view text);

/// What the OME-XML of an OME-TIFF says about its (first) image.
struct OmeMetadata
{
    std::string dimensionOrder = "XYZCT"; ///< XY then Z, C, T in some order (fastest first)
    std::string type;                     ///< "uint8", "uint16", "float", ...
    int sizeX = 0;
    int sizeY = 0;
    int sizeZ = 1;
    int sizeC = 1;
    int sizeT = 1;
    std::optional<double>
        nmPerPixel; ///< PhysicalSizeX converted from PhysicalSizeXUnit (default µm)
    std::optional<double> timeIncrementS; ///< TimeIncrement converted from its unit (default s)
    std::vector<double> deltaTS;          ///< per time point (Z=0, C=0) DeltaT in s, or empty
    std::vector<std::int64_t>
        ifdOfPlane;         ///< plane (in dimension order) -> IFD, -1 when not in this file
    bool multiFile = false; ///< TiffData referring to other files were seen
};

/// Parses OME-XML (ImageDescription of an OME-TIFF); nullopt when it holds no <Pixels> element.
/// fileName is the TIFF's own name, used to skip TiffData of other files in a multi-file set.
[[nodiscard]] std::optional<OmeMetadata> parseOmeXml(std::string_view xml,
                                                     std::string_view fileName = {});

/// Index of plane (z, c, t) in the order the OME DimensionOrder prescribes.
[[nodiscard]] int omePlaneIndex(const OmeMetadata& ome, int z, int c, int t);

/// True when head starts with a TIFF or BigTIFF signature (II*\0, MM\0*, II+\0, MM\0+).
[[nodiscard]] bool isTiffMagic(const std::vector<unsigned char>& head);

/// Reads multi-page TIFF and BigTIFF movies, uncompressed or compressed, stripped or tiled.
/// Frames are the time points of ImageJ hyperstacks / OME-TIFF (first slice and channel),
/// otherwise the pages. Uncompressed contiguous pages are read with one positioned read.
class TiffReader final : public MovieReader
{
public:
    /// Opens path and reads its first IFD and the IFD chain; no pixel data is read.
    /// Throws insitu::Error naming the file on anything unreadable or unsupported.
    explicit TiffReader(const std::filesystem::path& path);
    ~TiffReader() override;
    TiffReader(const TiffReader&) = delete;
    TiffReader& operator=(const TiffReader&) = delete;

    [[nodiscard]] const MovieInfo& info() const override { return m_info; }
    [[nodiscard]] Frame readFrame(int index) override;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
    MovieInfo m_info;
};

} // namespace insitu
