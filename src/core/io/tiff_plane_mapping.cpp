// TiffReader's frame mapping of ImageJ hyperstacks and OME-TIFF: which page (or stored plane)
// each frame is, and the calibration their metadata give.

#include "tiff_reader_impl.h"

#include "insitu/io/length_unit.h"

#include <algorithm>

namespace insitu {

namespace {

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

void TiffReader::Impl::mapImageJFrames(const ImageJDescription& imagej,
                                       const std::map<std::uint16_t, RawEntry>& entries,
                                       MovieInfo& info, std::optional<int>& announcedFrames)
{
    const auto pages = static_cast<std::int64_t>(ifdOffsets.size());
    Calibration& cal = info.calibration;
    info.metadata["imagej"] = imagej.fields;
    int c = imagej.channels, z = imagej.slices, t = imagej.frames;
    if (static_cast<long long>(c) * z * t != imagej.images) {
        c = 1;
        z = 1;
        t = imagej.images;
    }
    const AxisChoice choice = chooseFrameAxis(c, z, t);
    if (!choice.note.empty())
        info.notes.push_back(choice.note);
    // A header may announce more images than the file can hold (images=2e9 in 4 KB): map
    // only as many frames as there are pages or whole planes; the rest is cut below with
    // the "truncated file … header announces" note.
    const auto holdable = static_cast<int>(std::min<std::uint64_t>(
        std::max<std::uint64_t>(static_cast<std::uint64_t>(pages), fileSize / planeBytes),
        static_cast<std::uint64_t>(choice.frames)));
    std::vector<std::int64_t> planes;
    for (int k = 0; k < holdable; ++k) {
        const int ci = choice.axis == 'C' ? k : 0;
        const int zi = choice.axis == 'Z' ? k : 0;
        const int ti = choice.axis == 'T' ? k : 0;
        planes.push_back(static_cast<std::int64_t>(ti) * z * c + static_cast<std::int64_t>(zi) * c +
                         ci);
    }
    announcedFrames = choice.frames;
    if (pages >= imagej.images || (chainTruncated && pages > 1)) {
        frameIfd = planes; // a cut chain: the planes beyond the last page are cut below
    } else {
        // ImageJ stacks > 4 GB (and virtual saves): one IFD, then the planes back to back.
        const std::int64_t base = contiguousOffset();
        if (base < 0)
            fail("ImageJ stack with " + std::to_string(imagej.images) + " images but only " +
                 std::to_string(pages) + " pages, and the first page is not stored contiguously");
        // A cut file keeps the frames whose plane lies wholly inside it.
        const auto storedPlanes =
            static_cast<std::int64_t>((fileSize - std::uint64_t(base)) / planeBytes);
        std::size_t intact = 0;
        while (intact < planes.size() && planes[intact] < storedPlanes)
            ++intact;
        if (intact == 0)
            fail("truncated file: ImageJ says " + std::to_string(imagej.images) +
                 " images but not even the first frame is complete");
        planes.resize(intact);
        contiguous = true;
        contiguousBase = static_cast<std::uint64_t>(base);
        framePlane = planes;
        info.notes.push_back("ImageJ large-stack layout: planes stored contiguously after page 0");
    }
    // Calibration: XResolution is pixels per `unit`.
    const auto perUnit = nmPerLengthUnit(imagej.unit);
    const auto xres = number(entries, TIFFTAG_XRESOLUTION);
    if (perUnit && xres && *xres > 0)
        cal.nmPerPixel = *perUnit / *xres;
    if (choice.axis == 'T' && choice.frames > 1) {
        if (imagej.frameInterval && *imagej.frameInterval > 0) {
            if (const auto s = secondsPerTimeUnit(imagej.timeUnit))
                cal.frameIntervalS = *imagej.frameInterval * *s;
            else
                info.notes.push_back("ImageJ time unit '" + imagej.timeUnit + "' not understood");
        } else if (imagej.fps && *imagej.fps > 0) {
            cal.frameIntervalS = 1.0 / *imagej.fps;
        }
    } else if (choice.axis != 'T' && imagej.fps && *imagej.fps > 0 && choice.frames > 1) {
        cal.frameIntervalS = 1.0 / *imagej.fps; // ImageJ animation rate of a plain stack
        info.notes.push_back("frame interval taken from the ImageJ animation rate (fps)");
    }
}

void TiffReader::Impl::mapOmeFrames(const OmeMetadata& ome, MovieInfo& info,
                                    std::optional<int>& announcedFrames)
{
    const auto pages = static_cast<std::int64_t>(ifdOffsets.size());
    Calibration& cal = info.calibration;
    const AxisChoice choice = chooseFrameAxis(ome.sizeC, ome.sizeZ, ome.sizeT);
    announcedFrames = choice.frames;
    if (!choice.note.empty())
        info.notes.push_back(choice.note);
    if (ome.multiFile)
        info.notes.push_back(
            "multi-file OME-TIFF: only the planes stored in this file are readable");
    // frames beyond the pages of this file are cut anyway (below): do not map millions
    const int mapped = static_cast<int>(
        std::min<std::int64_t>(choice.frames, std::max<std::int64_t>(pages, 1) + 1));
    for (int k = 0; k < mapped; ++k) {
        const int plane = omePlaneIndex(ome, choice.axis == 'Z' ? k : 0, choice.axis == 'C' ? k : 0,
                                        choice.axis == 'T' ? k : 0);
        std::int64_t ifd = plane < static_cast<int>(ome.ifdOfPlane.size())
                               ? ome.ifdOfPlane[static_cast<std::size_t>(plane)]
                               : -1;
        if (ifd >= pages && !chainTruncated)
            ifd = -1; // in another file of the set (a cut chain is handled below)
        frameIfd.push_back(ifd);
    }
    if (frameIfd.front() < 0)
        fail("OME-TIFF: the first frame is not stored in this file");
    cal.nmPerPixel = ome.nmPerPixel;
    if (choice.axis == 'T') {
        cal.frameIntervalS = ome.timeIncrementS;
        if (ome.deltaTS.size() == static_cast<std::size_t>(choice.frames)) {
            for (const double t : ome.deltaTS)
                cal.timestampsS.push_back(t - ome.deltaTS.front());
            if (!cal.frameIntervalS && choice.frames > 1)
                cal.frameIntervalS = cal.timestampsS.back() / (choice.frames - 1);
        }
    }
    info.metadata["ome"] = {{"dimension_order", ome.dimensionOrder},
                            {"type", ome.type},
                            {"size_z", ome.sizeZ},
                            {"size_c", ome.sizeC},
                            {"size_t", ome.sizeT}};
}

} // namespace insitu
