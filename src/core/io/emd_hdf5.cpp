#include "emd_hdf5.h"

#include "../hdf5/group_guard.h"
#include "../hdf5/vlen_guard.h"
#include "insitu/error.h"

#include <algorithm>
#include <cstdlib>

namespace insitu::emdh5 {

Handle openFile(const std::string& path, std::string* problem)
{
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr); // errors become return codes, not stderr noise
    Handle file(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose);
    if (!file.valid())
        return file;
    if (auto damage = hdf5::groupStructureProblem(file.id())) { // before any group is walked
        if (problem)
            *problem = *damage;
        return {};
    }
    return file;
}

bool exists(hid_t loc, const std::string& path)
{
    std::string partial;
    std::size_t start = path.front() == '/' ? 1 : 0;
    if (start == 1)
        partial = "/";
    while (start < path.size()) {
        auto end = path.find('/', start);
        if (end == std::string::npos)
            end = path.size();
        if (!partial.empty() && partial.back() != '/')
            partial += '/';
        partial.append(path, start, end - start);
        if (H5Lexists(loc, partial.c_str(), H5P_DEFAULT) <= 0)
            return false;
        start = end + 1;
    }
    return true;
}

Handle openGroup(hid_t loc, const std::string& path)
{
    if (!exists(loc, path))
        return {};
    return Handle(H5Gopen2(loc, path.c_str(), H5P_DEFAULT), H5Gclose);
}

Handle openDataset(hid_t loc, const std::string& path)
{
    if (!exists(loc, path))
        return {};
    H5O_info_t info;
    if (H5Oget_info_by_name2(loc, path.c_str(), &info, H5O_INFO_BASIC, H5P_DEFAULT) < 0 ||
        info.type != H5O_TYPE_DATASET)
        return {};
    return Handle(H5Dopen2(loc, path.c_str(), H5P_DEFAULT), H5Dclose);
}

std::vector<std::string> childNames(hid_t group)
{
    std::vector<std::string> names;
    H5G_info_t info;
    if (H5Gget_info(group, &info) < 0)
        return names;
    for (hsize_t i = 0; i < info.nlinks && i < 100000; ++i) {
        const ssize_t size =
            H5Lget_name_by_idx(group, ".", H5_INDEX_NAME, H5_ITER_INC, i, nullptr, 0, H5P_DEFAULT);
        if (size <= 0)
            continue;
        std::string name(static_cast<std::size_t>(size) + 1, '\0');
        H5Lget_name_by_idx(group, ".", H5_INDEX_NAME, H5_ITER_INC, i, name.data(), name.size(),
                           H5P_DEFAULT);
        name.resize(static_cast<std::size_t>(size));
        names.push_back(name);
    }
    return names;
}

std::vector<hsize_t> shapeOf(hid_t dataset)
{
    Handle space(H5Dget_space(dataset), H5Sclose);
    const int rank = H5Sget_simple_extent_ndims(space.id());
    if (rank <= 0)
        return {};
    std::vector<hsize_t> dims(static_cast<std::size_t>(rank));
    H5Sget_simple_extent_dims(space.id(), dims.data(), nullptr);
    return dims;
}

std::optional<PixelType> pixelTypeOf(hid_t dataset)
{
    Handle type(H5Dget_type(dataset), H5Tclose);
    const H5T_class_t cls = H5Tget_class(type.id());
    const std::size_t size = H5Tget_size(type.id());
    if (cls == H5T_FLOAT) {
        if (size == 4)
            return PixelType::Float32;
        if (size == 8)
            return PixelType::Float64;
        return std::nullopt;
    }
    if (cls != H5T_INTEGER)
        return std::nullopt;
    const bool isSigned = H5Tget_sign(type.id()) == H5T_SGN_2;
    switch (size) {
    case 1:
        return isSigned ? PixelType::Int8 : PixelType::UInt8;
    case 2:
        return isSigned ? PixelType::Int16 : PixelType::UInt16;
    case 4:
        return isSigned ? PixelType::Int32 : PixelType::UInt32;
    default:
        return std::nullopt;
    }
}

hid_t memoryType(PixelType type)
{
    switch (type) {
    case PixelType::UInt8:
        return H5T_NATIVE_UINT8;
    case PixelType::Int8:
        return H5T_NATIVE_INT8;
    case PixelType::UInt16:
        return H5T_NATIVE_UINT16;
    case PixelType::Int16:
        return H5T_NATIVE_INT16;
    case PixelType::UInt32:
        return H5T_NATIVE_UINT32;
    case PixelType::Int32:
        return H5T_NATIVE_INT32;
    case PixelType::Float32:
        return H5T_NATIVE_FLOAT;
    case PixelType::Float64:
        return H5T_NATIVE_DOUBLE;
    }
    return H5T_NATIVE_UINT8;
}

namespace {

/// Refuses a damaged variable-length string before libhdf5 follows its heap IDs.
void refuseDamaged(hid_t object, const std::string& what, const std::optional<std::string>& problem)
{
    if (problem)
        throw Error(hdf5::fileNameOf(object) + ": " + what + " is " + *problem);
}

/// Reads a string-typed attribute or dataset (fixed or variable length, first element); check
/// refuses a damaged variable-length one first.
template <typename CheckFn, typename ReadFn>
std::string readString(hid_t fileType, hid_t space, CheckFn check, ReadFn read)
{
    if (H5Tget_class(fileType) != H5T_STRING)
        return {};
    const hssize_t count = H5Sget_simple_extent_npoints(space);
    if (count < 1 || count > 1'000'000)
        return {};
    if (H5Tis_variable_str(fileType) > 0) {
        check();
        Handle memType(H5Tcopy(H5T_C_S1), H5Tclose);
        H5Tset_size(memType.id(), H5T_VARIABLE);
        std::vector<char*> values(static_cast<std::size_t>(count), nullptr);
        if (read(memType.id(), values.data()) < 0)
            return {};
        std::string out = values[0] ? values[0] : "";
        H5Dvlen_reclaim(memType.id(), space, H5P_DEFAULT, values.data());
        return out;
    }
    const std::size_t size = H5Tget_size(fileType);
    if (size == 0 || size > (64u << 20))
        return {};
    // One extra byte per element: a NUL-terminated memory type of the file's size would drop a
    // char.
    Handle memType(H5Tcopy(H5T_C_S1), H5Tclose);
    H5Tset_size(memType.id(), size + 1);
    std::vector<char> buffer((size + 1) * static_cast<std::size_t>(count) + 1, '\0');
    if (read(memType.id(), buffer.data()) < 0)
        return {};
    std::string out(buffer.data(), size);
    const auto nul = out.find('\0');
    return nul == std::string::npos ? out : out.substr(0, nul);
}

} // namespace

std::string stringAttribute(hid_t object, const std::string& name)
{
    if (H5Aexists(object, name.c_str()) <= 0)
        return {};
    Handle attr(H5Aopen(object, name.c_str(), H5P_DEFAULT), H5Aclose);
    Handle type(H5Aget_type(attr.id()), H5Tclose);
    Handle space(H5Aget_space(attr.id()), H5Sclose);
    return readString(
        type.id(), space.id(),
        [&] {
            refuseDamaged(attr.id(), "attribute " + name,
                          hdf5::vlenStringAttributeProblem(attr.id()));
        },
        [&](hid_t mem, void* out) { return H5Aread(attr.id(), mem, out); });
}

std::string stringDataset(hid_t loc, const std::string& path)
{
    Handle ds = openDataset(loc, path);
    if (!ds.valid())
        return {};
    Handle type(H5Dget_type(ds.id()), H5Tclose);
    Handle space(H5Dget_space(ds.id()), H5Sclose);
    return readString(
        type.id(), space.id(),
        [&] { refuseDamaged(ds.id(), "dataset " + path, hdf5::vlenStringDatasetProblem(ds.id())); },
        [&](hid_t mem, void* out) {
            return H5Dread(ds.id(), mem, H5S_ALL, H5S_ALL, H5P_DEFAULT, out);
        });
}

std::optional<double> numberAttribute(hid_t object, const std::string& name)
{
    if (H5Aexists(object, name.c_str()) <= 0)
        return std::nullopt;
    Handle attr(H5Aopen(object, name.c_str(), H5P_DEFAULT), H5Aclose);
    Handle type(H5Aget_type(attr.id()), H5Tclose);
    const H5T_class_t cls = H5Tget_class(type.id());
    if (cls == H5T_INTEGER || cls == H5T_FLOAT) {
        Handle space(H5Aget_space(attr.id()), H5Sclose);
        const hssize_t count = H5Sget_simple_extent_npoints(space.id());
        if (count < 1 || count > 1'000'000)
            return std::nullopt;
        std::vector<double> values(static_cast<std::size_t>(count));
        if (H5Aread(attr.id(), H5T_NATIVE_DOUBLE, values.data()) < 0)
            return std::nullopt;
        return values[0];
    }
    const std::string text = stringAttribute(object, name);
    char* end = nullptr;
    const double value = std::strtod(text.c_str(), &end);
    if (text.empty() || end == text.c_str())
        return std::nullopt;
    return value;
}

std::vector<double> numbers(hid_t loc, const std::string& path)
{
    Handle ds = openDataset(loc, path);
    if (!ds.valid())
        return {};
    Handle type(H5Dget_type(ds.id()), H5Tclose);
    const H5T_class_t cls = H5Tget_class(type.id());
    if (cls != H5T_INTEGER && cls != H5T_FLOAT)
        return {};
    Handle space(H5Dget_space(ds.id()), H5Sclose);
    const hssize_t count = H5Sget_simple_extent_npoints(space.id());
    if (count < 1 || count > 100'000'000)
        return {};
    // A dataset declaring 10⁸ values with (almost) no storage is damage: its fill values would
    // cost 800 MB to read. Stored bytes × 1100 (deflate's ratio is below it) bound the values.
    const auto elementBytes = static_cast<hsize_t>(H5Tget_size(type.id()));
    if (count > 4096 &&
        H5Dget_storage_size(ds.id()) * 1100 < static_cast<hsize_t>(count) * elementBytes)
        return {};
    std::vector<double> values(static_cast<std::size_t>(count));
    if (H5Dread(ds.id(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()) < 0)
        return {};
    return values;
}

bool readFrameSlab(hid_t dataset, const std::vector<hsize_t>& shape, std::size_t frameAxis,
                   int index, hid_t memType, void* dst)
{
    std::vector<hsize_t> start(shape.size(), 0);
    std::vector<hsize_t> count = shape;
    if (shape.size() == 3) {
        start[frameAxis] = static_cast<hsize_t>(index);
        count[frameAxis] = 1;
    }
    return readHyperslab(dataset, start, count, memType, dst);
}

bool readHyperslab(hid_t dataset, const std::vector<hsize_t>& start,
                   const std::vector<hsize_t>& count, hid_t memType, void* out)
{
    Handle fileSpace(H5Dget_space(dataset), H5Sclose);
    if (H5Sselect_hyperslab(fileSpace.id(), H5S_SELECT_SET, start.data(), nullptr, count.data(),
                            nullptr) < 0)
        return false;
    Handle memSpace(H5Screate_simple(static_cast<int>(count.size()), count.data(), nullptr),
                    H5Sclose);
    return H5Dread(dataset, memType, memSpace.id(), fileSpace.id(), H5P_DEFAULT, out) >= 0;
}

} // namespace insitu::emdh5
