// TiffReader's page reading: the IFD chain is walked with raw positioned reads (cheap, no
// decoding); pages are read with one pread when uncompressed and contiguous, through libtiff
// otherwise.

#include "tiff_reader_impl.h"

#include <opencv2/imgproc.hpp>

#include <fcntl.h>

#include <algorithm>
#include <cstdarg>
#include <cstring>
#include <set>

namespace insitu {

using namespace tiff_detail;

std::size_t tiff_detail::typeSize(std::uint16_t type)
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

namespace {

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

void TiffReader::Impl::readAt(std::uint64_t offset, void* out, std::uint64_t size) const
{
    if (offset > fileSize || size > fileSize - offset)
        fail("truncated file (data at byte " + std::to_string(offset) + " lies beyond its end)");
    auto* dst = static_cast<char*>(out);
    std::uint64_t done = 0;
    while (done < size) {
        const auto chunk = static_cast<std::size_t>(std::min<std::uint64_t>(size - done, 1u << 30));
        const ssize_t got = ::pread(fd, dst + done, chunk, static_cast<off_t>(offset + done));
        if (got <= 0)
            fail("read error at byte " + std::to_string(offset + done));
        done += static_cast<std::uint64_t>(got);
    }
}

std::uint64_t TiffReader::Impl::decodeUnsigned(const unsigned char* p, std::size_t size) const
{
    std::uint64_t v = 0;
    for (std::size_t i = 0; i < size; ++i) {
        const std::size_t k = bigEndian ? i : size - 1 - i;
        v = (v << 8) | p[k];
    }
    return v;
}

std::uint64_t TiffReader::Impl::readUnsigned(std::uint64_t offset, std::size_t size) const
{
    unsigned char buffer[8] = {};
    readAt(offset, buffer, size);
    return decodeUnsigned(buffer, size);
}

void TiffReader::Impl::readHeader()
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

void TiffReader::Impl::walkIfdChain()
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

std::map<std::uint16_t, RawEntry> TiffReader::Impl::readEntries(std::uint64_t offset) const
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

std::optional<double> TiffReader::Impl::number(const std::map<std::uint16_t, RawEntry>& entries,
                                               std::uint16_t tag, std::size_t k) const
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

std::string TiffReader::Impl::text(const std::map<std::uint16_t, RawEntry>& entries,
                                   std::uint16_t tag)
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

void TiffReader::Impl::openLibtiff()
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

void TiffReader::Impl::selectIfd(std::int64_t ifd)
{
    if (TIFFCurrentDirOffset(tif) == ifdOffsets[static_cast<std::size_t>(ifd)])
        return;
    if (!TIFFSetSubDirectory(tif, ifdOffsets[static_cast<std::size_t>(ifd)]))
        fail("cannot read page " + std::to_string(ifd) +
             (lastError.empty() ? std::string() : " (" + lastError + ")"));
}

void TiffReader::Impl::checkCurrentLayout(std::int64_t ifd) const
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

std::int64_t TiffReader::Impl::contiguousOffset() const
{
    if (field<std::uint16_t>(TIFFTAG_COMPRESSION, COMPRESSION_NONE) != COMPRESSION_NONE ||
        TIFFIsTiled(tif) ||
        (samples > 1 &&
         field<std::uint16_t>(TIFFTAG_PLANARCONFIG, PLANARCONFIG_CONTIG) != PLANARCONFIG_CONTIG) ||
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

void TiffReader::Impl::decodeCurrent(unsigned char* buffer, std::int64_t ifd)
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
    const auto rowsPerStrip = std::min(field<std::uint32_t>(TIFFTAG_ROWSPERSTRIP, height), height);
    if (rowsPerStrip == 0)
        fail("page " + std::to_string(ifd) + " has zero rows per strip");
    const std::uint32_t strips = TIFFNumberOfStrips(tif);
    for (std::uint32_t s = 0; s < strips; ++s) {
        const std::uint64_t row = std::uint64_t(s) * rowsPerStrip;
        if (row >= height)
            break;
        const std::uint64_t want = std::min<std::uint64_t>(rowsPerStrip, height - row) * rowBytes;
        lastError.clear();
        if (TIFFReadEncodedStrip(tif, s, buffer + row * rowBytes, static_cast<tmsize_t>(want)) < 0)
            fail("cannot decode page " + std::to_string(ifd) + " (" + lastError + ")");
    }
}

cv::Mat TiffReader::Impl::rawPlane() const
{
    return cv::Mat(static_cast<int>(height), static_cast<int>(width),
                   CV_MAKETYPE(cvDepth(type), samples));
}

Frame TiffReader::Impl::finish(const cv::Mat& raw) const
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

void TiffReader::Impl::swapIfNeeded(cv::Mat& raw) const
{
    const std::size_t size = bits / 8;
    if (!bigEndian || size <= 1)
        return;
    unsigned char* p = raw.data;
    const std::size_t total = raw.total() * raw.elemSize();
    for (std::size_t i = 0; i + size <= total; i += size)
        std::reverse(p + i, p + i + size);
}

} // namespace insitu
