// TiffReader on a cut file: the frames whose pages and pixel data lie wholly inside it are kept,
// with a note naming the first missing frame.

#include "tiff_reader_impl.h"

#include <algorithm>

namespace insitu {

using namespace tiff_detail;

bool TiffReader::Impl::pageDataIntact(std::uint64_t offset) const
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

void TiffReader::Impl::keepIntactFrames()
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

void TiffReader::Impl::cutToIntactFrames(MovieInfo& info, std::optional<int> announcedFrames)
{
    if (frameIfd.empty() && framePlane.empty())
        fail("no frames found");
    const std::size_t mappedFrames = contiguous ? framePlane.size() : frameIfd.size();
    if (!contiguous)
        keepIntactFrames();
    info.frameCount = static_cast<int>(contiguous ? framePlane.size() : frameIfd.size());
    const int expected = announcedFrames.value_or(static_cast<int>(mappedFrames));
    if (info.frameCount < expected || chainTruncated) {
        std::string note = "truncated file: frame " + std::to_string(info.frameCount) +
                           " and later are missing, frames 0-" +
                           std::to_string(info.frameCount - 1) + " are intact";
        if (announcedFrames)
            note += " (the header announces " + std::to_string(*announcedFrames) + ")";
        info.notes.push_back(note);
        if (info.calibration.timestampsS.size() > static_cast<std::size_t>(info.frameCount))
            info.calibration.timestampsS.resize(static_cast<std::size_t>(info.frameCount));
    }
}

} // namespace insitu
