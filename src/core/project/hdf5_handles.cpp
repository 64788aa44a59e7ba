#include "hdf5_handles.h"

#include "../hdf5/group_guard.h"
#include "../hdf5/vlen_guard.h"
#include "insitu/error.h"

#include <algorithm>
#include <array>

namespace insitu::h5 {

namespace {

[[noreturn]] void fail(const std::string& what)
{
    throw Error(what);
}

Handle checked(hid_t id, Handle::Closer closer, const std::string& what)
{
    if (id < 0)
        fail(what);
    return Handle(id, closer);
}

void check(herr_t status, const std::string& what)
{
    if (status < 0)
        fail(what);
}

Handle utf8StringType()
{
    Handle type = checked(H5Tcopy(H5T_C_S1), H5Tclose, "cannot create string type");
    check(H5Tset_size(type.id(), H5T_VARIABLE), "cannot size string type");
    check(H5Tset_cset(type.id(), H5T_CSET_UTF8), "cannot set string encoding");
    return type;
}

/// Object-creation properties without modification times, so equal projects give equal bytes.
Handle untimedCreationList(hid_t cls)
{
    Handle list = checked(H5Pcreate(cls), H5Pclose, "cannot create property list");
    check(H5Pset_obj_track_times(list.id(), false), "cannot disable object times");
    return list;
}

Handle createScalarAttribute(hid_t object, const std::string& name, hid_t fileType)
{
    if (H5Aexists(object, name.c_str()) > 0)
        check(H5Adelete(object, name.c_str()), "cannot replace attribute " + name);
    Handle space = checked(H5Screate(H5S_SCALAR), H5Sclose, "cannot create dataspace");
    return checked(H5Acreate2(object, name.c_str(), fileType, space.id(), H5P_DEFAULT, H5P_DEFAULT),
                   H5Aclose, "cannot create attribute " + name);
}

Handle openAttribute(hid_t object, const std::string& name)
{
    if (H5Aexists(object, name.c_str()) <= 0)
        fail("missing attribute " + name);
    return checked(H5Aopen(object, name.c_str(), H5P_DEFAULT), H5Aclose,
                   "cannot open attribute " + name);
}

hssize_t elementCount(hid_t space)
{
    const hssize_t n = H5Sget_simple_extent_npoints(space);
    if (n < 0)
        fail("cannot read dataspace size");
    return n;
}

void writeUnits(hid_t dataset, const std::string& units)
{
    if (!units.empty())
        writeAttribute(dataset, "units", units);
}

Handle createDataset(hid_t parent, const std::string& name, hid_t fileType,
                     const std::vector<hsize_t>& dims, bool compress)
{
    Handle space = checked(H5Screate_simple(static_cast<int>(dims.size()), dims.data(), nullptr),
                           H5Sclose, "cannot create dataspace for " + name);
    Handle dcpl = untimedCreationList(H5P_DATASET_CREATE);
    hsize_t total = 1;
    for (const auto d : dims)
        total *= d;
    if (compress && total > 4096) {
        // Chunks of whole rows, about 64 KiB: gzip that h5py and h5dump read without plugins.
        std::vector<hsize_t> chunk = dims;
        const hsize_t rowElements = dims.size() > 1 ? dims[1] : 1;
        chunk[0] = std::clamp<hsize_t>(16384 / std::max<hsize_t>(rowElements, 1), 1, dims[0]);
        check(H5Pset_chunk(dcpl.id(), static_cast<int>(chunk.size()), chunk.data()),
              "cannot set chunking of " + name);
        check(H5Pset_deflate(dcpl.id(), 4), "cannot set compression of " + name);
    }
    return checked(
        H5Dcreate2(parent, name.c_str(), fileType, space.id(), H5P_DEFAULT, dcpl.id(), H5P_DEFAULT),
        H5Dclose, "cannot create dataset " + name);
}

template <typename T>
void writeNumeric(hid_t parent, const std::string& name, const std::vector<T>& values,
                  const std::vector<hsize_t>& dims, hid_t fileType, hid_t memType,
                  const std::string& units, bool compress)
{
    Handle dataset = createDataset(parent, name, fileType, dims, compress);
    if (!values.empty())
        check(H5Dwrite(dataset.id(), memType, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()),
              "cannot write dataset " + name);
    writeUnits(dataset.id(), units);
}

Handle openDataset(hid_t parent, const std::string& name)
{
    if (!exists(parent, name))
        fail("missing dataset " + name);
    return checked(H5Dopen2(parent, name.c_str(), H5P_DEFAULT), H5Dclose,
                   "cannot open dataset " + name);
}

std::vector<hsize_t> shapeOf(hid_t dataset, const std::string& name)
{
    Handle space = checked(H5Dget_space(dataset), H5Sclose, "cannot read shape of " + name);
    const int rank = H5Sget_simple_extent_ndims(space.id());
    if (rank < 0 || rank > 8)
        fail("bad shape of dataset " + name);
    std::vector<hsize_t> dims(static_cast<std::size_t>(rank));
    if (rank > 0)
        check(H5Sget_simple_extent_dims(space.id(), dims.data(), nullptr) < 0 ? -1 : 0,
              "bad shape of dataset " + name);
    return dims;
}

template <typename T>
std::vector<T> readNumeric(hid_t parent, const std::string& name, hid_t memType,
                           std::vector<hsize_t>& dims)
{
    Handle dataset = openDataset(parent, name);
    dims = shapeOf(dataset.id(), name);
    Handle type = checked(H5Dget_type(dataset.id()), H5Tclose, "cannot read type of " + name);
    const H5T_class_t cls = H5Tget_class(type.id());
    if (cls != H5T_INTEGER && cls != H5T_FLOAT)
        fail("dataset " + name + " is not numeric");
    hsize_t total = 1;
    for (const auto d : dims)
        total *= d;
    std::vector<T> values(static_cast<std::size_t>(total));
    if (total > 0)
        check(H5Dread(dataset.id(), memType, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()),
              "cannot read dataset " + name);
    return values;
}

template <typename T> std::vector<T> read1d(hid_t parent, const std::string& name, hid_t memType)
{
    std::vector<hsize_t> dims;
    auto values = readNumeric<T>(parent, name, memType, dims);
    if (dims.size() != 1)
        fail("dataset " + name + " is not one-dimensional");
    return values;
}

template <typename T>
std::vector<T> read2d(hid_t parent, const std::string& name, hid_t memType, std::size_t& rows,
                      std::size_t& cols)
{
    std::vector<hsize_t> dims;
    auto values = readNumeric<T>(parent, name, memType, dims);
    if (dims.size() != 2)
        fail("dataset " + name + " is not two-dimensional");
    rows = static_cast<std::size_t>(dims[0]);
    cols = static_cast<std::size_t>(dims[1]);
    return values;
}

template <typename T> T readScalarAttribute(hid_t object, const std::string& name, hid_t memType)
{
    Handle attr = openAttribute(object, name);
    Handle space = checked(H5Aget_space(attr.id()), H5Sclose, "cannot read attribute " + name);
    if (elementCount(space.id()) != 1)
        fail("attribute " + name + " is not a single value");
    Handle type = checked(H5Aget_type(attr.id()), H5Tclose, "cannot read attribute " + name);
    const H5T_class_t cls = H5Tget_class(type.id());
    if (cls != H5T_INTEGER && cls != H5T_FLOAT)
        fail("attribute " + name + " is not a number");
    T value{};
    check(H5Aread(attr.id(), memType, &value), "cannot read attribute " + name);
    return value;
}

} // namespace

Handle createFile(const std::filesystem::path& path)
{
    return checked(H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT), H5Fclose,
                   "cannot create HDF5 file");
}

Handle openFileReadOnly(const std::filesystem::path& path)
{
    Handle file = checked(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose,
                          "cannot open as HDF5 (damaged or truncated)");
    if (const auto damage = hdf5::groupStructureProblem(file.id())) // before any group is walked
        fail("damaged HDF5 file (" + *damage + ")");
    return file;
}

Handle createGroup(hid_t parent, const std::string& name)
{
    Handle gcpl = untimedCreationList(H5P_GROUP_CREATE);
    return checked(H5Gcreate2(parent, name.c_str(), H5P_DEFAULT, gcpl.id(), H5P_DEFAULT), H5Gclose,
                   "cannot create group " + name);
}

Handle openGroup(hid_t parent, const std::string& name)
{
    if (!exists(parent, name))
        fail("missing group " + name);
    return checked(H5Gopen2(parent, name.c_str(), H5P_DEFAULT), H5Gclose,
                   "cannot open group " + name);
}

bool exists(hid_t parent, const std::string& name)
{
    const htri_t result = H5Lexists(parent, name.c_str(), H5P_DEFAULT);
    if (result < 0)
        fail("cannot look up " + name);
    return result > 0;
}

bool hasAttribute(hid_t object, const std::string& name)
{
    const htri_t result = H5Aexists(object, name.c_str());
    if (result < 0)
        fail("cannot look up attribute " + name);
    return result > 0;
}

void writeAttribute(hid_t object, const std::string& name, const std::string& value)
{
    Handle type = utf8StringType();
    Handle attr = createScalarAttribute(object, name, type.id());
    const char* text = value.c_str();
    check(H5Awrite(attr.id(), type.id(), &text), "cannot write attribute " + name);
}

void writeAttribute(hid_t object, const std::string& name, const char* value)
{
    writeAttribute(object, name, std::string(value));
}

void writeAttribute(hid_t object, const std::string& name, double value)
{
    Handle attr = createScalarAttribute(object, name, H5T_IEEE_F64LE);
    check(H5Awrite(attr.id(), H5T_NATIVE_DOUBLE, &value), "cannot write attribute " + name);
}

void writeAttribute(hid_t object, const std::string& name, std::int64_t value)
{
    Handle attr = createScalarAttribute(object, name, H5T_STD_I64LE);
    check(H5Awrite(attr.id(), H5T_NATIVE_INT64, &value), "cannot write attribute " + name);
}

void writeAttribute(hid_t object, const std::string& name, std::uint64_t value)
{
    Handle attr = createScalarAttribute(object, name, H5T_STD_U64LE);
    check(H5Awrite(attr.id(), H5T_NATIVE_UINT64, &value), "cannot write attribute " + name);
}

void writeAttribute(hid_t object, const std::string& name, const std::vector<std::uint8_t>& value)
{
    if (H5Aexists(object, name.c_str()) > 0)
        check(H5Adelete(object, name.c_str()), "cannot replace attribute " + name);
    const hsize_t n = value.size();
    Handle space = checked(H5Screate_simple(1, &n, nullptr), H5Sclose, "cannot create dataspace");
    Handle attr = checked(
        H5Acreate2(object, name.c_str(), H5T_STD_U8LE, space.id(), H5P_DEFAULT, H5P_DEFAULT),
        H5Aclose, "cannot create attribute " + name);
    if (n > 0)
        check(H5Awrite(attr.id(), H5T_NATIVE_UINT8, value.data()),
              "cannot write attribute " + name);
}

void writeOptionalAttribute(hid_t object, const std::string& name,
                            const std::optional<double>& value)
{
    if (value)
        writeAttribute(object, name, *value);
}

std::string readStringAttribute(hid_t object, const std::string& name)
{
    Handle attr = openAttribute(object, name);
    Handle type = checked(H5Aget_type(attr.id()), H5Tclose, "cannot read attribute " + name);
    if (H5Tget_class(type.id()) != H5T_STRING)
        fail("attribute " + name + " is not a string");
    Handle space = checked(H5Aget_space(attr.id()), H5Sclose, "cannot read attribute " + name);
    if (elementCount(space.id()) != 1)
        fail("attribute " + name + " is not a single string");
    const htri_t isVariable = H5Tis_variable_str(type.id());
    if (isVariable < 0)
        fail("cannot read attribute " + name);
    if (isVariable > 0) {
        if (const auto problem = hdf5::vlenStringAttributeProblem(attr.id()))
            fail("attribute " + name + " is " + *problem);
        Handle memType = utf8StringType();
        char* text = nullptr;
        check(H5Aread(attr.id(), memType.id(), &text), "cannot read attribute " + name);
        std::string value = text ? text : "";
        H5free_memory(text);
        return value;
    }
    // Fixed-length strings (h5py's np.bytes_ attributes): read with a buffer of that size.
    const std::size_t size = H5Tget_size(type.id());
    std::string buffer(size, '\0');
    Handle memType = checked(H5Tcopy(H5T_C_S1), H5Tclose, "cannot create string type");
    check(H5Tset_size(memType.id(), size), "cannot size string type");
    check(H5Aread(attr.id(), memType.id(), buffer.data()), "cannot read attribute " + name);
    return buffer.substr(0, buffer.find('\0'));
}

double readDoubleAttribute(hid_t object, const std::string& name)
{
    return readScalarAttribute<double>(object, name, H5T_NATIVE_DOUBLE);
}

std::int64_t readIntAttribute(hid_t object, const std::string& name)
{
    return readScalarAttribute<std::int64_t>(object, name, H5T_NATIVE_INT64);
}

std::uint64_t readUInt64Attribute(hid_t object, const std::string& name)
{
    return readScalarAttribute<std::uint64_t>(object, name, H5T_NATIVE_UINT64);
}

std::vector<std::uint8_t> readBytesAttribute(hid_t object, const std::string& name)
{
    Handle attr = openAttribute(object, name);
    Handle space = checked(H5Aget_space(attr.id()), H5Sclose, "cannot read attribute " + name);
    std::vector<std::uint8_t> values(static_cast<std::size_t>(elementCount(space.id())));
    Handle type = checked(H5Aget_type(attr.id()), H5Tclose, "cannot read attribute " + name);
    if (H5Tget_class(type.id()) != H5T_INTEGER)
        fail("attribute " + name + " is not integer");
    if (!values.empty())
        check(H5Aread(attr.id(), H5T_NATIVE_UINT8, values.data()), "cannot read attribute " + name);
    return values;
}

std::optional<double> readOptionalDoubleAttribute(hid_t object, const std::string& name)
{
    if (!hasAttribute(object, name))
        return std::nullopt;
    return readDoubleAttribute(object, name);
}

void writeDataset(hid_t parent, const std::string& name, const std::vector<double>& values,
                  const std::string& units)
{
    writeNumeric(parent, name, values, {values.size()}, H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, units,
                 false);
}

void writeDataset(hid_t parent, const std::string& name, const std::vector<std::int32_t>& values,
                  const std::string& units)
{
    writeNumeric(parent, name, values, {values.size()}, H5T_STD_I32LE, H5T_NATIVE_INT32, units,
                 false);
}

void writeDataset(hid_t parent, const std::string& name, const std::vector<std::uint8_t>& values,
                  const std::string& units)
{
    writeNumeric(parent, name, values, {values.size()}, H5T_STD_U8LE, H5T_NATIVE_UINT8, units,
                 false);
}

void writeDataset(hid_t parent, const std::string& name, const std::vector<std::string>& values)
{
    Handle type = utf8StringType();
    Handle dataset = createDataset(parent, name, type.id(), {values.size()}, false);
    if (values.empty())
        return;
    std::vector<const char*> pointers;
    pointers.reserve(values.size());
    for (const auto& v : values)
        pointers.push_back(v.c_str());
    check(H5Dwrite(dataset.id(), type.id(), H5S_ALL, H5S_ALL, H5P_DEFAULT, pointers.data()),
          "cannot write dataset " + name);
}

void writeMatrix(hid_t parent, const std::string& name, const std::vector<double>& values,
                 std::size_t rows, std::size_t cols, const std::string& units)
{
    if (values.size() != rows * cols)
        fail("matrix " + name + " has the wrong number of values");
    writeNumeric(parent, name, values, {rows, cols}, H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, units,
                 true);
}

void writeMatrix(hid_t parent, const std::string& name, const std::vector<float>& values,
                 std::size_t rows, std::size_t cols, const std::string& units)
{
    if (values.size() != rows * cols)
        fail("matrix " + name + " has the wrong number of values");
    writeNumeric(parent, name, values, {rows, cols}, H5T_IEEE_F32LE, H5T_NATIVE_FLOAT, units, true);
}

std::vector<double> readDoubles(hid_t parent, const std::string& name)
{
    return read1d<double>(parent, name, H5T_NATIVE_DOUBLE);
}

std::vector<std::int32_t> readInts(hid_t parent, const std::string& name)
{
    return read1d<std::int32_t>(parent, name, H5T_NATIVE_INT32);
}

std::vector<std::uint8_t> readBytes(hid_t parent, const std::string& name)
{
    return read1d<std::uint8_t>(parent, name, H5T_NATIVE_UINT8);
}

std::vector<std::string> readStrings(hid_t parent, const std::string& name)
{
    Handle dataset = openDataset(parent, name);
    const auto dims = shapeOf(dataset.id(), name);
    if (dims.size() != 1)
        fail("dataset " + name + " is not one-dimensional");
    Handle fileType = checked(H5Dget_type(dataset.id()), H5Tclose, "cannot read type of " + name);
    if (H5Tget_class(fileType.id()) != H5T_STRING || H5Tis_variable_str(fileType.id()) <= 0)
        fail("dataset " + name + " is not variable-length strings");
    if (const auto problem = hdf5::vlenStringDatasetProblem(dataset.id()))
        fail("dataset " + name + " holds " + *problem);
    std::vector<char*> pointers(static_cast<std::size_t>(dims[0]), nullptr);
    std::vector<std::string> values;
    if (pointers.empty())
        return values;
    Handle memType = utf8StringType();
    check(H5Dread(dataset.id(), memType.id(), H5S_ALL, H5S_ALL, H5P_DEFAULT, pointers.data()),
          "cannot read dataset " + name);
    values.reserve(pointers.size());
    for (const char* p : pointers)
        values.emplace_back(p ? p : "");
    Handle space = checked(H5Dget_space(dataset.id()), H5Sclose, "cannot read shape of " + name);
    H5Dvlen_reclaim(memType.id(), space.id(), H5P_DEFAULT, pointers.data());
    return values;
}

std::vector<double> readMatrix(hid_t parent, const std::string& name, std::size_t& rows,
                               std::size_t& cols)
{
    return read2d<double>(parent, name, H5T_NATIVE_DOUBLE, rows, cols);
}

std::vector<float> readMatrixF32(hid_t parent, const std::string& name, std::size_t& rows,
                                 std::size_t& cols)
{
    return read2d<float>(parent, name, H5T_NATIVE_FLOAT, rows, cols);
}

} // namespace insitu::h5
