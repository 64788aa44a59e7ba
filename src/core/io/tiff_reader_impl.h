#pragma once
// Private to src/core/io: TiffReader::Impl, the state of an open TIFF and its three parts — page
// reading (tiff_pages.cpp), mapping frames onto ImageJ / OME planes (tiff_plane_mapping.cpp)
// and keeping the intact frames of a cut file (tiff_truncation.cpp).

#include "insitu/io/tiff_reader.h"

#include "insitu/error.h"

#include <tiffio.h>

#include <unistd.h>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace insitu {

namespace tiff_detail {

constexpr std::uint64_t kMaxIfds = 10'000'000;
constexpr std::uint64_t kMaxFrameBytes = std::uint64_t(4) << 30; // 4 GiB per frame is absurd

/// One raw IFD entry: TIFF type code, count and the value bytes in file byte order.
struct RawEntry
{
    std::uint16_t type = 0;
    std::uint64_t count = 0;
    std::vector<unsigned char> bytes;
};

/// Bytes per value of TIFF type code type (0 for an unknown type).
[[nodiscard]] std::size_t typeSize(std::uint16_t type);

} // namespace tiff_detail

struct TiffReader::Impl
{
    using RawEntry = tiff_detail::RawEntry;

    std::string name; // path as text, for messages
    int fd = -1;
    std::uint64_t fileSize = 0;
    bool bigEndian = false;
    bool bigTiff = false;
    TIFF* tif = nullptr;
    std::string lastError;
    std::vector<std::uint64_t> ifdOffsets;
    bool chainTruncated = false; // the IFD chain points beyond the end of the file

    // Layout of IFD 0, which every frame must share.
    std::uint32_t width = 0;
    std::uint32_t height = 0;
    std::uint16_t samples = 1;
    std::uint16_t bits = 8;
    std::uint16_t sampleFormat = SAMPLEFORMAT_UINT;
    std::uint16_t photometric = PHOTOMETRIC_MINISBLACK;
    PixelType type = PixelType::UInt8;
    std::uint64_t planeBytes = 0; // width × height × samples × bytes per sample

    // Frame mapping: IFD index per frame, or plane index in the ImageJ contiguous layout.
    std::vector<std::int64_t> frameIfd;
    bool contiguous = false;
    std::uint64_t contiguousBase = 0;
    std::vector<std::int64_t> framePlane;
    std::vector<std::int64_t> fastOffset; // per frame: byte offset, -1 decode, -2 not yet known

    [[noreturn]] void fail(const std::string& what) const { throw Error(name + ": " + what); }

    ~Impl()
    {
        if (tif)
            TIFFClose(tif);
        if (fd >= 0)
            ::close(fd);
    }

    // ---- page reading (tiff_pages.cpp) ----

    void readAt(std::uint64_t offset, void* out, std::uint64_t size) const;

    std::uint64_t decodeUnsigned(const unsigned char* p, std::size_t size) const;

    std::uint64_t readUnsigned(std::uint64_t offset, std::size_t size) const;

    void readHeader();

    /// Walks the IFD chain with small positioned reads; stops at loops and absurd counts.
    void walkIfdChain();

    /// All entries of the IFD at offset, values up to 1 MiB each (larger ones keep count only).
    std::map<std::uint16_t, RawEntry> readEntries(std::uint64_t offset) const;

    /// Value k of a numeric entry as double (integers, float, double, rationals).
    std::optional<double> number(const std::map<std::uint16_t, RawEntry>& entries,
                                 std::uint16_t tag, std::size_t k = 0) const;

    static std::string text(const std::map<std::uint16_t, RawEntry>& entries, std::uint16_t tag);

    void openLibtiff();

    void selectIfd(std::int64_t ifd);

    template <typename T> T field(ttag_t tag, T fallback) const
    {
        T value = fallback;
        if (TIFFGetFieldDefaulted(tif, tag, &value) != 1)
            return fallback;
        return value;
    }

    /// Reads the layout of the current IFD and checks that it matches IFD 0's.
    void checkCurrentLayout(std::int64_t ifd) const;

    /// Byte offset of the page's pixels when stored uncompressed and contiguous, else -1.
    std::int64_t contiguousOffset() const;

    /// Decodes the current IFD through libtiff into buffer (planeBytes, native byte order).
    void decodeCurrent(unsigned char* buffer, std::int64_t ifd);

    /// A matrix for one raw plane (all samples), uninitialised; continuous, planeBytes long.
    cv::Mat rawPlane() const;

    /// Turns a raw plane (native byte order) into a single-channel Frame without copying grey data.
    Frame finish(const cv::Mat& raw) const;

    void swapIfNeeded(cv::Mat& raw) const;

    // ---- plane mapping (tiff_plane_mapping.cpp) ----

    /// Maps frames onto the planes of an ImageJ hyperstack (pages, or the planes stored back to
    /// back after page 0 of a large stack), with its calibration and notes into info;
    /// announcedFrames: the frames the header promises.
    void mapImageJFrames(const ImageJDescription& imagej,
                         const std::map<std::uint16_t, RawEntry>& entries, MovieInfo& info,
                         std::optional<int>& announcedFrames);
    /// Maps frames onto the IFDs of the OME planes (first slice and channel of each time point),
    /// with its calibration and notes into info.
    void mapOmeFrames(const OmeMetadata& ome, MovieInfo& info, std::optional<int>& announcedFrames);

    // ---- truncation (tiff_truncation.cpp) ----

    /// False when a strip (or tile) of the IFD at offset is seen to run past the end of the file;
    /// true when all lie inside it or the tables cannot tell (absent, unreadable or > 1 MiB:
    /// libtiff then judges when the page is read).
    bool pageDataIntact(std::uint64_t offset) const;

    /// Cuts frameIfd at the first frame whose page is past a cut IFD chain, then drops frames at
    /// the end whose pixel data run past the end of the file (a cut file loses its tail only).
    void keepIntactFrames();

    /// Keeps the intact frames of the mapping and sets info.frameCount; a cut file (fewer frames
    /// than announcedFrames or mapped, or a cut IFD chain) gets a note naming the first missing
    /// frame. Throws when no frame is complete.
    void cutToIntactFrames(MovieInfo& info, std::optional<int> announcedFrames);
};

} // namespace insitu
