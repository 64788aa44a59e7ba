// Variable-length string heap IDs read raw and checked against the file's global heap.
//
// On disk a variable-length string element is its length (4 bytes), the file address of a
// global heap collection and the index of an object in it (4 bytes) (HDF5 file format spec,
// "Disk Format: Level 1E - Global Heap"). libhdf5 1.10 parses a collection without bounds checks
// and copies the object's declared size, so the checks below repeat its walk over the
// collection with them. The raw IDs come through a soft conversion function from
// variable-length strings to an opaque type of the same size, which leaves the bytes as they
// are on disk.

#include "vlen_guard.h"

#include "hdf5_handle.h"
#include "raw_file.h"

#include <array>
#include <cstdint>
#include <fstream>
#include <map>
#include <vector>

namespace insitu::hdf5 {

namespace {

constexpr std::uint64_t kMinCollectionBytes = 4096;     // H5HG_MINSIZE: never smaller
constexpr std::size_t kMaxObjectsPerCollection = 65536; // indexes are 16 bits
constexpr std::uint64_t kMaxElements = 1ull << 24;

/// Identity conversion: the opaque destination has the size of the on-disk element.
herr_t rawVlenConversion(hid_t src, hid_t dst, H5T_cdata_t* cdata, size_t, size_t, size_t, void*,
                         void*, hid_t)
{
    switch (cdata->command) {
    case H5T_CONV_INIT:
        cdata->need_bkg = H5T_BKG_NO;
        return H5Tis_variable_str(src) > 0 && H5Tget_class(dst) == H5T_OPAQUE &&
                       H5Tget_size(src) == H5Tget_size(dst)
                   ? 0
                   : -1;
    case H5T_CONV_CONV: // same size, converted in place: the bytes already are the result
    case H5T_CONV_FREE:
        return 0;
    }
    return -1;
}

bool registerRawConversion()
{
    static const bool registered = [] {
        Handle vlen(H5Tcopy(H5T_C_S1), H5Tclose);
        Handle opaque(H5Tcreate(H5T_OPAQUE, 16), H5Tclose);
        if (!vlen.valid() || !opaque.valid() || H5Tset_size(vlen.id(), H5T_VARIABLE) < 0)
            return false;
        return H5Tregister(H5T_PERS_SOFT, "insitu raw vlen string", vlen.id(), opaque.id(),
                           rawVlenConversion) >= 0;
    }();
    return registered;
}

/// Object index → object size of one collection, or the reason it is unreadable.
struct Collection
{
    std::map<std::uint32_t, std::uint64_t> objectBytes;
    std::string problem;
};

/// Walks a collection as libhdf5's H5HG__cache_heap_deserialize does, with bounds checks. Only
/// the object headers are read (a large object is skipped by a seek), at most 65536 of them.
Collection parseCollection(const FileLayout& f, std::uint64_t address)
{
    Collection c;
    const std::uint64_t at = f.baseAddress + address;
    const std::size_t headerBytes = 8 + f.lengthBytes; // "GCOL", version, reserved, size
    const std::size_t objectHeaderBytes = 8 + f.lengthBytes;
    if (at < address || at > f.fileBytes || f.fileBytes - at < kMinCollectionBytes) {
        c.problem =
            "its global heap collection at byte " + std::to_string(at) + " lies outside the file";
        return c;
    }
    std::ifstream in(f.path, std::ios::binary);
    std::array<std::uint8_t, 16> bytes{};
    const auto readAt = [&](std::uint64_t offset, std::size_t n) {
        in.seekg(static_cast<std::streamoff>(at + offset));
        in.read(reinterpret_cast<char*>(bytes.data()), static_cast<std::streamsize>(n));
        return static_cast<bool>(in);
    };
    if (!readAt(0, headerBytes) || bytes[0] != 'G' || bytes[1] != 'C' || bytes[2] != 'O' ||
        bytes[3] != 'L' || bytes[4] != 1) {
        c.problem = "no global heap collection at byte " + std::to_string(at);
        return c;
    }
    const std::uint64_t size = decodeLittleEndian(bytes.data() + 8, f.lengthBytes);
    if (size < kMinCollectionBytes || size > f.fileBytes - at) {
        c.problem = "its global heap collection declares " + std::to_string(size) +
                    " bytes, more than the file holds";
        return c;
    }
    std::uint64_t p = headerBytes;
    for (std::size_t objects = 0; p < size; ++objects) {
        if (size - p < objectHeaderBytes)
            break; // the tail too small for an object header is free space
        if (objects > kMaxObjectsPerCollection || !readAt(p, objectHeaderBytes)) {
            c.problem = "its global heap collection is damaged (too many objects)";
            return c;
        }
        const auto index = static_cast<std::uint32_t>(decodeLittleEndian(bytes.data(), 2));
        const std::uint64_t objectSize = decodeLittleEndian(bytes.data() + 8, f.lengthBytes);
        const std::uint64_t room = size - p;
        std::uint64_t need = objectSize; // object 0 (free space) counts its own header
        if (index > 0) {
            if (objectSize > room - objectHeaderBytes) {
                c.problem = "its global heap object " + std::to_string(index) +
                            " runs past the end of its collection";
                return c;
            }
            need = objectHeaderBytes + (objectSize + 7) / 8 * 8;
            c.objectBytes[index] = objectSize;
        }
        if (need == 0 || need > room) {
            c.problem = "its global heap collection is damaged (an object of " +
                        std::to_string(objectSize) + " bytes at offset " + std::to_string(p) + ")";
            return c;
        }
        p += need;
    }
    return c;
}

/// Checks raw elements (length, heap address, object index) against the file.
std::optional<std::string>
elementsProblem(const FileLayout& f, const std::vector<std::uint8_t>& raw, std::size_t elementBytes)
{
    std::map<std::uint64_t, Collection> collections; // many strings share one collection
    for (std::size_t at = 0; at + elementBytes <= raw.size(); at += elementBytes) {
        const std::uint64_t length = decodeLittleEndian(&raw[at], 4);
        const std::uint64_t address = decodeLittleEndian(&raw[at + 4], f.addrBytes);
        const std::uint64_t index = decodeLittleEndian(&raw[at + 4 + f.addrBytes], 4);
        if (address == 0)
            continue; // a null string: libhdf5 reads nothing
        auto found = collections.find(address);
        if (found == collections.end())
            found = collections.emplace(address, parseCollection(f, address)).first;
        const Collection& c = found->second;
        if (!c.problem.empty())
            return "a damaged variable-length string (" + c.problem + ")";
        const auto object = index > 0xffff ? c.objectBytes.end()
                                           : c.objectBytes.find(static_cast<std::uint32_t>(index));
        if (object == c.objectBytes.end())
            return "a damaged variable-length string (global heap object " + std::to_string(index) +
                   " does not exist)";
        if (object->second != length)
            return "a damaged variable-length string (" + std::to_string(length) +
                   " characters declared, " + std::to_string(object->second) + " stored)";
    }
    return std::nullopt;
}

template <typename ReadFn>
std::optional<std::string> problemOf(hid_t object, hid_t space, ReadFn read)
{
    const hssize_t count = H5Sget_simple_extent_npoints(space);
    if (count < 0)
        return "an unreadable dataspace";
    if (count == 0)
        return std::nullopt;
    if (static_cast<std::uint64_t>(count) > kMaxElements)
        return std::to_string(count) + " variable-length strings, more than this program reads";
    const auto layout = layoutOf(object);
    if (!layout)
        return "a variable-length string in a file whose layout cannot be read";
    if (static_cast<std::uint64_t>(count) > layout->fileBytes)
        return std::to_string(count) + " variable-length strings, more than the file can hold";
    if (!registerRawConversion())
        return "a variable-length string this program cannot check";
    const std::size_t elementBytes = 4 + layout->addrBytes + 4;
    Handle opaque(H5Tcreate(H5T_OPAQUE, elementBytes), H5Tclose);
    std::vector<std::uint8_t> raw(static_cast<std::size_t>(count) * elementBytes);
    if (!opaque.valid() || read(opaque.id(), raw.data()) < 0)
        return "an unreadable variable-length string";
    return elementsProblem(*layout, raw, elementBytes);
}

} // namespace

std::optional<std::string> vlenStringAttributeProblem(hid_t attr)
{
    const Lock lock;
    Handle space(H5Aget_space(attr), H5Sclose);
    if (!space.valid())
        return "an unreadable dataspace";
    return problemOf(attr, space.id(),
                     [&](hid_t memType, void* out) { return H5Aread(attr, memType, out); });
}

std::optional<std::string> vlenStringDatasetProblem(hid_t dataset)
{
    const Lock lock;
    Handle space(H5Dget_space(dataset), H5Sclose);
    if (!space.valid())
        return "an unreadable dataspace";
    return problemOf(dataset, space.id(), [&](hid_t memType, void* out) {
        return H5Dread(dataset, memType, H5S_ALL, H5S_ALL, H5P_DEFAULT, out);
    });
}

} // namespace insitu::hdf5
