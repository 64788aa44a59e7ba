// TiffReader: the IFD chain is walked with raw positioned reads (cheap, no decoding); pages are
// read with one pread when uncompressed and contiguous, through libtiff otherwise.

#include "insitu/io/tiff_reader.h"

#include "insitu/error.h"
#include "insitu/io/length_unit.h"

#include <opencv2/imgproc.hpp>
#include <tiffio.h>

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdarg>
#include <cstring>
#include <map>
#include <set>

namespace insitu {

namespace {

constexpr std::uint64_t kMaxIfds = 10'000'000;
constexpr std::uint64_t kMaxFrameBytes = std::uint64_t(4) << 30; // 4 GiB per frame is absurd

/// One raw IFD entry: TIFF type code, count and the value bytes in file byte order.
struct RawEntry
{
    std::uint16_t type = 0;
    std::uint64_t count = 0;
    std::vector<unsigned char> bytes;
};

std::size_t typeSize(std::uint16_t type)
{
    switch (type) {
    case 1:
    case 2:
    case 6:
    case 7:
        return 1;
    case 3:
    case 8:
        return 2;
    case 4:
    case 9:
    case 11:
    case 13:
        return 4;
    case 5:
    case 10:
    case 12:
    case 16:
    case 17:
    case 18:
        return 8;
    default:
        return 0;
    }
}

int libtiffError(TIFF*, void* user, const char* module, const char* fmt, va_list ap)
{
    char buffer[512];
    std::vsnprintf(buffer, sizeof buffer, fmt, ap);
    auto* message = static_cast<std::string*>(user);
    *message = (module ? std::string(module) + ": " : std::string()) + buffer;
    return 1;
}

int libtiffWarning(TIFF*, void*, const char*, const char*, va_list)
{
    return 1; // unknown private tags (Gatan, ImageJ) are expected: stay quiet
}

} // namespace

bool isTiffMagic(const std::vector<unsigned char>& head)
{
    if (head.size() < 4)
        return false;
    const bool ii =
        head[0] == 'I' && head[1] == 'I' && head[3] == 0 && (head[2] == 42 || head[2] == 43);
    const bool mm =
        head[0] == 'M' && head[1] == 'M' && head[2] == 0 && (head[3] == 42 || head[3] == 43);
    return ii || mm;
}

struct TiffReader::Impl
{
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

    ~Impl()
    {
        if (tif)
            TIFFClose(tif);
        if (fd >= 0)
            ::close(fd);
    }

    [[noreturn]] void fail(const std::string& what) const { throw Error(name + ": " + what); }

    void readAt(std::uint64_t offset, void* out, std::uint64_t size) const
    {
        if (offset > fileSize || size > fileSize - offset)
            fail("truncated file (data at byte " + std::to_string(offset) +
                 " lies beyond its end)");
        auto* dst = static_cast<char*>(out);
        std::uint64_t done = 0;
        while (done < size) {
            const auto chunk =
                static_cast<std::size_t>(std::min<std::uint64_t>(size - done, 1u << 30));
            const ssize_t got = ::pread(fd, dst + done, chunk, static_cast<off_t>(offset + done));
            if (got <= 0)
                fail("read error at byte " + std::to_string(offset + done));
            done += static_cast<std::uint64_t>(got);
        }
    }

    std::uint64_t decodeUnsigned(const unsigned char* p, std::size_t size) const
    {
        std::uint64_t v = 0;
        for (std::size_t i = 0; i < size; ++i) {
            const std::size_t k = bigEndian ? i : size - 1 - i;
            v = (v << 8) | p[k];
        }
        return v;
    }

    std::uint64_t readUnsigned(std::uint64_t offset, std::size_t size) const
    {
        unsigned char buffer[8] = {};
        readAt(offset, buffer, size);
        return decodeUnsigned(buffer, size);
    }

    void readHeader()
    {
        unsigned char head[16] = {};
        if (fileSize < 8)
            fail("too short to be a TIFF file");
        readAt(0, head, std::min<std::uint64_t>(16, fileSize));
        if (!isTiffMagic(std::vector<unsigned char>(head, head + 4)))
            fail("not a TIFF file (bad signature)");
        bigEndian = head[0] == 'M';
        bigTiff = decodeUnsigned(head + 2, 2) == 43;
        if (bigTiff && fileSize < 16)
            fail("too short to be a BigTIFF file");
    }

    /// Walks the IFD chain with small positioned reads; stops at loops and absurd counts.
    void walkIfdChain()
    {
        std::uint64_t offset = bigTiff ? readUnsigned(8, 8) : readUnsigned(4, 4);
        std::set<std::uint64_t> seen;
        const std::size_t countSize = bigTiff ? 8 : 2;
        const std::size_t entrySize = bigTiff ? 20 : 12;
        const std::size_t pointerSize = bigTiff ? 8 : 4;
        while (offset != 0) {
            if (offset + countSize > fileSize) {
                if (ifdOffsets.empty())
                    fail("truncated file (IFD 0 lies beyond its end)");
                chainTruncated = true; // a cut file: the pages before stay readable
                break;
            }
            if (!seen.insert(offset).second || ifdOffsets.size() >= kMaxIfds)
                break; // a loop in the chain: keep what we have
            const std::uint64_t entries = readUnsigned(offset, countSize);
            const std::uint64_t nextAt = offset + countSize + entries * entrySize;
            if (entries == 0 || entries > 100000 || nextAt + pointerSize > fileSize) {
                if (ifdOffsets.empty())
                    fail("corrupt first IFD (" + std::to_string(entries) + " entries)");
                chainTruncated = chainTruncated || nextAt + pointerSize > fileSize;
                break; // a damaged tail: the pages before it stay readable
            }
            ifdOffsets.push_back(offset);
            offset = readUnsigned(nextAt, pointerSize);
        }
        if (ifdOffsets.empty())
            fail("the TIFF file has no image directory");
    }

    /// All entries of the IFD at offset, values up to 1 MiB each (larger ones keep count only).
    std::map<std::uint16_t, RawEntry> readEntries(std::uint64_t offset) const
    {
        std::map<std::uint16_t, RawEntry> out;
        const std::size_t countSize = bigTiff ? 8 : 2;
        const std::size_t entrySize = bigTiff ? 20 : 12;
        const std::size_t inlineSize = bigTiff ? 8 : 4;
        const std::uint64_t entries = readUnsigned(offset, countSize);
        std::vector<unsigned char> table(static_cast<std::size_t>(entries * entrySize));
        readAt(offset + countSize, table.data(), table.size());
        for (std::uint64_t i = 0; i < entries; ++i) {
            const unsigned char* e = table.data() + i * entrySize;
            RawEntry entry;
            const auto tag = static_cast<std::uint16_t>(decodeUnsigned(e, 2));
            entry.type = static_cast<std::uint16_t>(decodeUnsigned(e + 2, 2));
            entry.count = decodeUnsigned(e + 4, bigTiff ? 8 : 4);
            const unsigned char* value = e + (bigTiff ? 12 : 8);
            const std::uint64_t size = entry.count * typeSize(entry.type);
            if (typeSize(entry.type) == 0 || entry.count > (1u << 20))
                ; // unknown type or huge: keep the count only
            else if (size <= inlineSize)
                entry.bytes.assign(value, value + size);
            else if (size <= (1u << 20)) {
                const std::uint64_t at = decodeUnsigned(value, inlineSize);
                if (at < fileSize && size <= fileSize - at) {
                    entry.bytes.resize(static_cast<std::size_t>(size));
                    readAt(at, entry.bytes.data(), size);
                }
            }
            out[tag] = std::move(entry);
        }
        return out;
    }

    /// False when a strip (or tile) of the IFD at offset is seen to run past the end of the file;
    /// true when all lie inside it or the tables cannot tell (absent, unreadable or > 1 MiB:
    /// libtiff then judges when the page is read).
    bool pageDataIntact(std::uint64_t offset) const
    {
        const auto entries = readEntries(offset);
        const bool tiled = entries.count(TIFFTAG_TILEOFFSETS) > 0;
        const auto offsets = entries.find(tiled ? TIFFTAG_TILEOFFSETS : TIFFTAG_STRIPOFFSETS);
        const auto counts = entries.find(tiled ? TIFFTAG_TILEBYTECOUNTS : TIFFTAG_STRIPBYTECOUNTS);
        if (offsets == entries.end() || counts == entries.end())
            return true;
        const std::uint64_t n = offsets->second.count;
        if (counts->second.count != n || typeSize(offsets->second.type) == 0 ||
            typeSize(counts->second.type) == 0)
            return true;
        if (offsets->second.bytes.size() < n * typeSize(offsets->second.type) ||
            counts->second.bytes.size() < n * typeSize(counts->second.type))
            return n > (1u << 17); // a small table that was not read lies beyond the end
        for (std::uint64_t k = 0; k < n; ++k) {
            const auto at = number(entries, offsets->first, static_cast<std::size_t>(k));
            const auto bytes = number(entries, counts->first, static_cast<std::size_t>(k));
            if (!at || !bytes || *at + *bytes > static_cast<double>(fileSize))
                return false;
        }
        return true;
    }

    /// Cuts frameIfd at the first frame whose page is past a cut IFD chain, then drops frames at
    /// the end whose pixel data run past the end of the file (a cut file loses its tail only).
    void keepIntactFrames()
    {
        const auto pages = static_cast<std::int64_t>(ifdOffsets.size());
        const auto cut = std::find_if(frameIfd.begin(), frameIfd.end(),
                                      [pages](std::int64_t ifd) { return ifd >= pages; });
        frameIfd.erase(cut, frameIfd.end());
        while (!frameIfd.empty() && frameIfd.back() >= 0 &&
               !pageDataIntact(ifdOffsets[static_cast<std::size_t>(frameIfd.back())]))
            frameIfd.pop_back();
        if (frameIfd.empty() || frameIfd.front() < 0)
            fail("truncated file: not even the first frame is complete");
    }

    /// Value k of a numeric entry as double (integers, float, double, rationals).
    std::optional<double> number(const std::map<std::uint16_t, RawEntry>& entries,
                                 std::uint16_t tag, std::size_t k = 0) const
    {
        const auto it = entries.find(tag);
        if (it == entries.end())
            return std::nullopt;
        const RawEntry& e = it->second;
        const std::size_t size = typeSize(e.type);
        if (size == 0 || (k + 1) * size > e.bytes.size())
            return std::nullopt;
        const unsigned char* p = e.bytes.data() + k * size;
        const std::uint64_t raw = decodeUnsigned(p, e.type == 5 || e.type == 10 ? 4 : size);
        switch (e.type) {
        case 1:
        case 3:
        case 4:
        case 16:
            return static_cast<double>(raw);
        case 6:
            return static_cast<double>(static_cast<std::int8_t>(raw));
        case 8:
            return static_cast<double>(static_cast<std::int16_t>(raw));
        case 9:
            return static_cast<double>(static_cast<std::int32_t>(raw));
        case 17:
            return static_cast<double>(static_cast<std::int64_t>(raw));
        case 11: {
            const auto bits32 = static_cast<std::uint32_t>(raw);
            float f;
            std::memcpy(&f, &bits32, 4);
            return static_cast<double>(f);
        }
        case 12: {
            double d;
            std::memcpy(&d, &raw, 8);
            return d;
        }
        case 5:
        case 10: {
            const std::uint64_t den = decodeUnsigned(p + 4, 4);
            if (den == 0)
                return std::nullopt;
            if (e.type == 10)
                return static_cast<std::int32_t>(raw) /
                       static_cast<double>(static_cast<std::int32_t>(den));
            return static_cast<double>(raw) / static_cast<double>(den);
        }
        default:
            return std::nullopt;
        }
    }

    static std::string text(const std::map<std::uint16_t, RawEntry>& entries, std::uint16_t tag)
    {
        const auto it = entries.find(tag);
        if (it == entries.end() ||
            (it->second.type != 2 && it->second.type != 1 && it->second.type != 7))
            return {};
        std::string s(it->second.bytes.begin(), it->second.bytes.end());
        while (!s.empty() && s.back() == '\0')
            s.pop_back();
        return s;
    }

    void openLibtiff()
    {
        TIFFOpenOptions* options = TIFFOpenOptionsAlloc();
        TIFFOpenOptionsSetErrorHandlerExtR(options, libtiffError, &lastError);
        TIFFOpenOptionsSetWarningHandlerExtR(options, libtiffWarning, nullptr);
        TIFFOpenOptionsSetMaxSingleMemAlloc(options, static_cast<tmsize_t>(kMaxFrameBytes));
        tif = TIFFOpenExt(name.c_str(), "rm", options); // "m": no mmap, we read ourselves
        TIFFOpenOptionsFree(options);
        if (!tif)
            fail("libtiff cannot open it" +
                 (lastError.empty() ? std::string() : " (" + lastError + ")"));
    }

    void selectIfd(std::int64_t ifd)
    {
        if (TIFFCurrentDirOffset(tif) == ifdOffsets[static_cast<std::size_t>(ifd)])
            return;
        if (!TIFFSetSubDirectory(tif, ifdOffsets[static_cast<std::size_t>(ifd)]))
            fail("cannot read page " + std::to_string(ifd) +
                 (lastError.empty() ? std::string() : " (" + lastError + ")"));
    }

    template <typename T> T field(ttag_t tag, T fallback) const
    {
        T value = fallback;
        if (TIFFGetFieldDefaulted(tif, tag, &value) != 1)
            return fallback;
        return value;
    }

    /// Reads the layout of the current IFD and checks that it matches IFD 0's.
    void checkCurrentLayout(std::int64_t ifd) const
    {
        const auto w = field<std::uint32_t>(TIFFTAG_IMAGEWIDTH, 0);
        const auto h = field<std::uint32_t>(TIFFTAG_IMAGELENGTH, 0);
        const auto s = field<std::uint16_t>(TIFFTAG_SAMPLESPERPIXEL, 1);
        const auto b = field<std::uint16_t>(TIFFTAG_BITSPERSAMPLE, 1);
        const auto f = field<std::uint16_t>(TIFFTAG_SAMPLEFORMAT, SAMPLEFORMAT_UINT);
        if (w != width || h != height || s != samples || b != bits || f != sampleFormat)
            fail("page " + std::to_string(ifd) + " differs in size or pixel type from page 0 (" +
                 std::to_string(w) + "x" + std::to_string(h) + ", " + std::to_string(b) + " bit)");
    }

    /// Byte offset of the page's pixels when stored uncompressed and contiguous, else -1.
    std::int64_t contiguousOffset() const
    {
        if (field<std::uint16_t>(TIFFTAG_COMPRESSION, COMPRESSION_NONE) != COMPRESSION_NONE ||
            TIFFIsTiled(tif) ||
            (samples > 1 && field<std::uint16_t>(TIFFTAG_PLANARCONFIG, PLANARCONFIG_CONTIG) !=
                                PLANARCONFIG_CONTIG) ||
            field<std::uint16_t>(TIFFTAG_FILLORDER, FILLORDER_MSB2LSB) != FILLORDER_MSB2LSB)
            return -1;
        const std::uint32_t strips = TIFFNumberOfStrips(tif);
        std::uint64_t* offsets = nullptr;
        std::uint64_t* counts = nullptr;
        if (strips == 0 || !TIFFGetField(tif, TIFFTAG_STRIPOFFSETS, &offsets) ||
            !TIFFGetField(tif, TIFFTAG_STRIPBYTECOUNTS, &counts) || !offsets || !counts)
            return -1;
        for (std::uint32_t k = 0; k + 1 < strips; ++k)
            if (offsets[k + 1] != offsets[k] + counts[k])
                return -1;
        if (offsets[0] > fileSize || planeBytes > fileSize - offsets[0])
            fail("truncated file (page data ends beyond the end of the file)");
        return static_cast<std::int64_t>(offsets[0]);
    }

    /// Decodes the current IFD through libtiff into buffer (planeBytes, native byte order).
    void decodeCurrent(unsigned char* buffer, std::int64_t ifd)
    {
        if (samples > 1 &&
            field<std::uint16_t>(TIFFTAG_PLANARCONFIG, PLANARCONFIG_CONTIG) != PLANARCONFIG_CONTIG)
            fail("planar (separate) colour channels are not supported");
        const std::uint64_t rowBytes = planeBytes / height;
        if (TIFFIsTiled(tif)) {
            const auto tileW = field<std::uint32_t>(TIFFTAG_TILEWIDTH, 0);
            const auto tileH = field<std::uint32_t>(TIFFTAG_TILELENGTH, 0);
            if (tileW == 0 || tileH == 0)
                fail("page " + std::to_string(ifd) + " has a bad tile size");
            const std::uint64_t pixelBytes = rowBytes / width;
            std::vector<unsigned char> tile(static_cast<std::size_t>(TIFFTileSize64(tif)));
            for (std::uint32_t y = 0; y < height; y += tileH)
                for (std::uint32_t x = 0; x < width; x += tileW) {
                    lastError.clear();
                    if (TIFFReadEncodedTile(tif, TIFFComputeTile(tif, x, y, 0, 0), tile.data(),
                                            static_cast<tmsize_t>(tile.size())) < 0)
                        fail("cannot decode page " + std::to_string(ifd) + " (" + lastError + ")");
                    const std::uint32_t cols = std::min(tileW, width - x);
                    const std::uint32_t rows = std::min(tileH, height - y);
                    for (std::uint32_t r = 0; r < rows; ++r)
                        std::memcpy(buffer + (y + r) * rowBytes + x * pixelBytes,
                                    tile.data() + std::uint64_t(r) * tileW * pixelBytes,
                                    cols * pixelBytes);
                }
            return;
        }
        const auto rowsPerStrip =
            std::min(field<std::uint32_t>(TIFFTAG_ROWSPERSTRIP, height), height);
        if (rowsPerStrip == 0)
            fail("page " + std::to_string(ifd) + " has zero rows per strip");
        const std::uint32_t strips = TIFFNumberOfStrips(tif);
        for (std::uint32_t s = 0; s < strips; ++s) {
            const std::uint64_t row = std::uint64_t(s) * rowsPerStrip;
            if (row >= height)
                break;
            const std::uint64_t want =
                std::min<std::uint64_t>(rowsPerStrip, height - row) * rowBytes;
            lastError.clear();
            if (TIFFReadEncodedStrip(tif, s, buffer + row * rowBytes, static_cast<tmsize_t>(want)) <
                0)
                fail("cannot decode page " + std::to_string(ifd) + " (" + lastError + ")");
        }
    }

    /// A matrix for one raw plane (all samples), uninitialised; continuous, planeBytes long.
    cv::Mat rawPlane() const
    {
        return cv::Mat(static_cast<int>(height), static_cast<int>(width),
                       CV_MAKETYPE(cvDepth(type), samples));
    }

    /// Turns a raw plane (native byte order) into a single-channel Frame without copying grey data.
    Frame finish(const cv::Mat& raw) const
    {
        if (samples == 1)
            return Frame(raw, type);
        cv::Mat grey;
        const int depth = raw.depth();
        if (photometric == PHOTOMETRIC_RGB && (samples == 3 || samples == 4) &&
            (depth == CV_8U || depth == CV_16U || depth == CV_32F))
            cv::cvtColor(raw, grey, samples == 3 ? cv::COLOR_RGB2GRAY : cv::COLOR_RGBA2GRAY);
        else
            cv::extractChannel(raw, grey, 0);
        return Frame(grey, type);
    }

    void swapIfNeeded(cv::Mat& raw) const
    {
        const std::size_t size = bits / 8;
        if (!bigEndian || size <= 1)
            return;
        unsigned char* p = raw.data;
        const std::size_t total = raw.total() * raw.elemSize();
        for (std::size_t i = 0; i + size <= total; i += size)
            std::reverse(p + i, p + i + size);
    }
};

namespace {

PixelType pixelTypeOf(const std::string& name, std::uint16_t bits, std::uint16_t format)
{
    const auto refuse = [&](const std::string& what) -> PixelType {
        throw Error(name + ": " + what + " pixels are not supported");
    };
    if (format == SAMPLEFORMAT_COMPLEXINT || format == SAMPLEFORMAT_COMPLEXIEEEFP)
        return refuse("complex");
    const bool isSigned = format == SAMPLEFORMAT_INT;
    if (format == SAMPLEFORMAT_IEEEFP) {
        if (bits == 32)
            return PixelType::Float32;
        if (bits == 64)
            return PixelType::Float64;
        return refuse(std::to_string(bits) + "-bit floating-point");
    }
    switch (bits) {
    case 8:
        return isSigned ? PixelType::Int8 : PixelType::UInt8;
    case 16:
        return isSigned ? PixelType::Int16 : PixelType::UInt16;
    case 32:
        return isSigned ? PixelType::Int32 : PixelType::UInt32;
    default:
        return refuse(std::to_string(bits) + "-bit integer");
    }
}

/// How frames map onto the C/Z/T planes of a hyperstack: the time axis if any, else Z, else C.
struct AxisChoice
{
    int frames = 1;
    char axis = 'T';
    std::string note;
};

AxisChoice chooseFrameAxis(int c, int z, int t)
{
    AxisChoice choice;
    if (t > 1) {
        choice = {t, 'T', {}};
        if (z > 1 || c > 1)
            choice.note = "hyperstack: frames are the " + std::to_string(t) +
                          " time points; first slice and channel used (slices " +
                          std::to_string(z) + ", channels " + std::to_string(c) + ")";
    } else if (z > 1) {
        choice = {z, 'Z', "the " + std::to_string(z) + " slices (Z) are used as frames"};
        if (c > 1)
            choice.note += "; first of " + std::to_string(c) + " channels used";
    } else if (c > 1) {
        choice = {c, 'C', "the " + std::to_string(c) + " channels are shown as frames"};
    } else {
        choice = {1, 'T', {}};
    }
    return choice;
}

} // namespace

TiffReader::TiffReader(const std::filesystem::path& path) : m_impl(std::make_unique<Impl>())
{
    Impl& d = *m_impl;
    d.name = path.string();
    m_info.path = path;
    d.fd = ::open(d.name.c_str(), O_RDONLY | O_CLOEXEC);
    if (d.fd < 0)
        d.fail("cannot open the file (does it exist and is it readable?)");
    const off_t end = ::lseek(d.fd, 0, SEEK_END);
    d.fileSize = end > 0 ? static_cast<std::uint64_t>(end) : 0;
    d.readHeader();
    d.walkIfdChain();
    const auto entries = d.readEntries(d.ifdOffsets.front());
    d.openLibtiff();

    // Layout of page 0.
    d.width = d.field<std::uint32_t>(TIFFTAG_IMAGEWIDTH, 0);
    d.height = d.field<std::uint32_t>(TIFFTAG_IMAGELENGTH, 0);
    d.samples = d.field<std::uint16_t>(TIFFTAG_SAMPLESPERPIXEL, 1);
    d.bits = d.field<std::uint16_t>(TIFFTAG_BITSPERSAMPLE, 1);
    d.sampleFormat = d.field<std::uint16_t>(TIFFTAG_SAMPLEFORMAT, SAMPLEFORMAT_UINT);
    d.photometric = d.field<std::uint16_t>(TIFFTAG_PHOTOMETRIC, PHOTOMETRIC_MINISBLACK);
    if (d.width == 0 || d.height == 0 || d.width > 1'000'000 || d.height > 1'000'000)
        d.fail("absurd image size " + std::to_string(d.width) + " x " + std::to_string(d.height));
    if (d.samples == 0 || d.samples > 16)
        d.fail("absurd number of samples per pixel (" + std::to_string(d.samples) + ")");
    d.type = pixelTypeOf(d.name, d.bits, d.sampleFormat);
    d.planeBytes = std::uint64_t(d.width) * d.height * d.samples * (d.bits / 8);
    if (d.planeBytes > kMaxFrameBytes)
        d.fail("absurd frame size (" + std::to_string(d.planeBytes) + " bytes)");

    m_info.width = static_cast<int>(d.width);
    m_info.height = static_cast<int>(d.height);
    m_info.pixelType = d.type;
    if (d.samples > 1) {
        if (d.photometric == PHOTOMETRIC_RGB && d.samples >= 3)
            m_info.notes.push_back("RGB converted to grey (luma 0.299 R + 0.587 G + 0.114 B)");
        else
            m_info.notes.push_back("first of " + std::to_string(d.samples) +
                                   " samples per pixel used");
    }
    if (d.photometric == PHOTOMETRIC_PALETTE)
        m_info.notes.push_back("palette image: colour-map indices shown as grey values");

    const std::string description = Impl::text(entries, TIFFTAG_IMAGEDESCRIPTION);
    if (const auto it = entries.find(TIFFTAG_IMAGEDESCRIPTION);
        it != entries.end() && it->second.count > 0 && it->second.bytes.empty() &&
        it->second.count <= (1u << 20))
        m_info.notes.push_back("truncated file: the image description (ImageJ or OME metadata) "
                               "lies beyond its end, so the pages are read as plain frames");
    const auto imagej = parseImageJDescription(description);
    const auto ome = imagej ? std::nullopt : parseOmeXml(description, path.filename().string());
    const bool dm = entries.count(65009) > 0 || entries.count(65010) > 0;
    const auto pages = static_cast<std::int64_t>(d.ifdOffsets.size());
    std::optional<int> announcedFrames; // frames the ImageJ or OME header promises

    nlohmann::json tiff = {
        {"byte_order", d.bigEndian ? "big-endian" : "little-endian"},
        {"bigtiff", d.bigTiff},
        {"pages", pages},
        {"bits_per_sample", d.bits},
        {"samples_per_pixel", d.samples},
        {"compression", d.field<std::uint16_t>(TIFFTAG_COMPRESSION, COMPRESSION_NONE)},
        {"tiled", TIFFIsTiled(d.tif) != 0},
    };
    if (const auto software = Impl::text(entries, TIFFTAG_SOFTWARE); !software.empty())
        tiff["software"] = latin1ToUtf8IfNeeded(software);
    if (const auto date = Impl::text(entries, TIFFTAG_DATETIME); !date.empty())
        tiff["datetime"] = latin1ToUtf8IfNeeded(date);

    std::string kind = "TIFF";
    Calibration& cal = m_info.calibration;

    // Frame mapping.
    if (imagej) {
        kind = "TIFF (ImageJ)";
        m_info.metadata["imagej"] = imagej->fields;
        int c = imagej->channels, z = imagej->slices, t = imagej->frames;
        if (static_cast<long long>(c) * z * t != imagej->images) {
            c = 1;
            z = 1;
            t = imagej->images;
        }
        const AxisChoice choice = chooseFrameAxis(c, z, t);
        if (!choice.note.empty())
            m_info.notes.push_back(choice.note);
        // A header may announce more images than the file can hold (images=2e9 in 4 KB): map
        // only as many frames as there are pages or whole planes; the rest is cut below with
        // the "truncated file … header announces" note.
        const auto holdable = static_cast<int>(std::min<std::uint64_t>(
            std::max<std::uint64_t>(static_cast<std::uint64_t>(pages), d.fileSize / d.planeBytes),
            static_cast<std::uint64_t>(choice.frames)));
        std::vector<std::int64_t> planes;
        for (int k = 0; k < holdable; ++k) {
            const int ci = choice.axis == 'C' ? k : 0;
            const int zi = choice.axis == 'Z' ? k : 0;
            const int ti = choice.axis == 'T' ? k : 0;
            planes.push_back(static_cast<std::int64_t>(ti) * z * c +
                             static_cast<std::int64_t>(zi) * c + ci);
        }
        announcedFrames = choice.frames;
        if (pages >= imagej->images || (d.chainTruncated && pages > 1)) {
            d.frameIfd = planes; // a cut chain: the planes beyond the last page are cut below
        } else {
            // ImageJ stacks > 4 GB (and virtual saves): one IFD, then the planes back to back.
            const std::int64_t base = d.contiguousOffset();
            if (base < 0)
                d.fail("ImageJ stack with " + std::to_string(imagej->images) + " images but only " +
                       std::to_string(pages) +
                       " pages, and the first page is not stored contiguously");
            // A cut file keeps the frames whose plane lies wholly inside it.
            const auto storedPlanes =
                static_cast<std::int64_t>((d.fileSize - std::uint64_t(base)) / d.planeBytes);
            std::size_t intact = 0;
            while (intact < planes.size() && planes[intact] < storedPlanes)
                ++intact;
            if (intact == 0)
                d.fail("truncated file: ImageJ says " + std::to_string(imagej->images) +
                       " images but not even the first frame is complete");
            planes.resize(intact);
            d.contiguous = true;
            d.contiguousBase = static_cast<std::uint64_t>(base);
            d.framePlane = planes;
            m_info.notes.push_back(
                "ImageJ large-stack layout: planes stored contiguously after page 0");
        }
        // Calibration: XResolution is pixels per `unit`.
        const auto perUnit = nmPerLengthUnit(imagej->unit);
        const auto xres = d.number(entries, TIFFTAG_XRESOLUTION);
        if (perUnit && xres && *xres > 0)
            cal.nmPerPixel = *perUnit / *xres;
        if (choice.axis == 'T' && choice.frames > 1) {
            if (imagej->frameInterval && *imagej->frameInterval > 0) {
                if (const auto s = secondsPerTimeUnit(imagej->timeUnit))
                    cal.frameIntervalS = *imagej->frameInterval * *s;
                else
                    m_info.notes.push_back("ImageJ time unit '" + imagej->timeUnit +
                                           "' not understood");
            } else if (imagej->fps && *imagej->fps > 0) {
                cal.frameIntervalS = 1.0 / *imagej->fps;
            }
        } else if (choice.axis != 'T' && imagej->fps && *imagej->fps > 0 && choice.frames > 1) {
            cal.frameIntervalS = 1.0 / *imagej->fps; // ImageJ animation rate of a plain stack
            m_info.notes.push_back("frame interval taken from the ImageJ animation rate (fps)");
        }
    } else if (ome) {
        kind = "OME-TIFF";
        const AxisChoice choice = chooseFrameAxis(ome->sizeC, ome->sizeZ, ome->sizeT);
        announcedFrames = choice.frames;
        if (!choice.note.empty())
            m_info.notes.push_back(choice.note);
        if (ome->multiFile)
            m_info.notes.push_back(
                "multi-file OME-TIFF: only the planes stored in this file are readable");
        // frames beyond the pages of this file are cut anyway (below): do not map millions
        const int mapped = static_cast<int>(
            std::min<std::int64_t>(choice.frames, std::max<std::int64_t>(pages, 1) + 1));
        for (int k = 0; k < mapped; ++k) {
            const int plane = omePlaneIndex(*ome, choice.axis == 'Z' ? k : 0,
                                            choice.axis == 'C' ? k : 0, choice.axis == 'T' ? k : 0);
            std::int64_t ifd = plane < static_cast<int>(ome->ifdOfPlane.size())
                                   ? ome->ifdOfPlane[static_cast<std::size_t>(plane)]
                                   : -1;
            if (ifd >= pages && !d.chainTruncated)
                ifd = -1; // in another file of the set (a cut chain is handled below)
            d.frameIfd.push_back(ifd);
        }
        if (d.frameIfd.front() < 0)
            d.fail("OME-TIFF: the first frame is not stored in this file");
        cal.nmPerPixel = ome->nmPerPixel;
        if (choice.axis == 'T') {
            cal.frameIntervalS = ome->timeIncrementS;
            if (ome->deltaTS.size() == static_cast<std::size_t>(choice.frames)) {
                for (const double t : ome->deltaTS)
                    cal.timestampsS.push_back(t - ome->deltaTS.front());
                if (!cal.frameIntervalS && choice.frames > 1)
                    cal.frameIntervalS = cal.timestampsS.back() / (choice.frames - 1);
            }
        }
        m_info.metadata["ome"] = {{"dimension_order", ome->dimensionOrder},
                                  {"type", ome->type},
                                  {"size_z", ome->sizeZ},
                                  {"size_c", ome->sizeC},
                                  {"size_t", ome->sizeT}};
    } else {
        for (std::int64_t k = 0; k < pages; ++k)
            d.frameIfd.push_back(k);
        if (!description.empty())
            tiff["description"] = latin1ToUtf8IfNeeded(description.substr(0, 4000));
    }

    // Gatan DigitalMicrograph export: private tags carry scales and units (XResolution is 72 dpi).
    if (dm) {
        kind = "TIFF (DigitalMicrograph)";
        const auto xScale = d.number(entries, 65009);
        const auto yScale = d.number(entries, 65010);
        std::string xUnit = latin1ToUtf8IfNeeded(Impl::text(entries, 65003));
        const std::string yUnit = latin1ToUtf8IfNeeded(Impl::text(entries, 65004));
        if (xUnit.empty())
            xUnit = yUnit;
        const std::string zUnit = latin1ToUtf8IfNeeded(Impl::text(entries, 65005));
        const auto zScale = d.number(entries, 65011);
        const auto perUnit = nmPerLengthUnit(xUnit);
        cal.nmPerPixel.reset();
        if (xScale && perUnit && *xScale > 0) {
            cal.nmPerPixel = *xScale * *perUnit;
            if (yScale && std::abs(*yScale - *xScale) > 1e-6 * std::abs(*xScale)) {
                const auto yPerUnit = nmPerLengthUnit(yUnit.empty() ? xUnit : yUnit);
                m_info.notes.push_back("non-square pixels: x " + std::to_string(*cal.nmPerPixel) +
                                       " nm, y " +
                                       std::to_string(*yScale * yPerUnit.value_or(*perUnit)) +
                                       " nm; the x size is used");
            }
        }
        if (zScale && *zScale > 0 && d.frameIfd.size() > 1)
            if (const auto s = secondsPerTimeUnit(zUnit))
                cal.frameIntervalS = *zScale * *s;
        m_info.metadata["dm"] = {{"x_scale", xScale.value_or(1.0)},
                                 {"y_scale", yScale.value_or(1.0)},
                                 {"z_scale", zScale.value_or(1.0)},
                                 {"x_unit", xUnit},
                                 {"y_unit", yUnit},
                                 {"z_unit", zUnit}};
    } else if (!imagej && !ome) {
        // Plain TIFF: XResolution means something only with a metric ResolutionUnit.
        const auto unit = d.number(entries, TIFFTAG_RESOLUTIONUNIT);
        const auto xres = d.number(entries, TIFFTAG_XRESOLUTION);
        if (unit && *unit == RESUNIT_CENTIMETER && xres && *xres > 0)
            cal.nmPerPixel = 1e7 / *xres;
    }

    if (d.frameIfd.empty() && d.framePlane.empty())
        d.fail("no frames found");
    const std::size_t mappedFrames = d.contiguous ? d.framePlane.size() : d.frameIfd.size();
    if (!d.contiguous)
        d.keepIntactFrames();
    m_info.frameCount = static_cast<int>(d.contiguous ? d.framePlane.size() : d.frameIfd.size());
    const int expected = announcedFrames.value_or(static_cast<int>(mappedFrames));
    if (m_info.frameCount < expected || d.chainTruncated) {
        std::string note = "truncated file: frame " + std::to_string(m_info.frameCount) +
                           " and later are missing, frames 0-" +
                           std::to_string(m_info.frameCount - 1) + " are intact";
        if (announcedFrames)
            note += " (the header announces " + std::to_string(*announcedFrames) + ")";
        m_info.notes.push_back(note);
        if (cal.timestampsS.size() > static_cast<std::size_t>(m_info.frameCount))
            cal.timestampsS.resize(static_cast<std::size_t>(m_info.frameCount));
    }
    d.fastOffset.assign(static_cast<std::size_t>(m_info.frameCount), -2);
    m_info.format = d.bigTiff ? "Big" + kind : kind;
    m_info.metadata["tiff"] = tiff;
}

TiffReader::~TiffReader() = default;

Frame TiffReader::readFrame(int index)
{
    Impl& d = *m_impl;
    if (index < 0 || index >= m_info.frameCount)
        d.fail("frame " + std::to_string(index) + " out of range (0.." +
               std::to_string(m_info.frameCount - 1) + ")");
    cv::Mat raw = d.rawPlane();
    const auto k = static_cast<std::size_t>(index);
    if (d.contiguous) {
        d.readAt(d.contiguousBase + std::uint64_t(d.framePlane[k]) * d.planeBytes, raw.data,
                 d.planeBytes);
        d.swapIfNeeded(raw);
        return d.finish(raw);
    }
    const std::int64_t ifd = d.frameIfd[k];
    if (ifd < 0)
        d.fail("frame " + std::to_string(index) + " is not stored in this file");
    if (d.fastOffset[k] == -2) {
        d.selectIfd(ifd);
        d.checkCurrentLayout(ifd);
        d.fastOffset[k] = d.contiguousOffset();
    }
    if (d.fastOffset[k] >= 0) {
        d.readAt(static_cast<std::uint64_t>(d.fastOffset[k]), raw.data, d.planeBytes);
        d.swapIfNeeded(raw);
    } else {
        d.selectIfd(ifd);
        d.decodeCurrent(raw.data, ifd);
    }
    return d.finish(raw);
}

} // namespace insitu
