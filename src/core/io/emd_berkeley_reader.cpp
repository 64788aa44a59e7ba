// Berkeley EMD 1.0 (NCEM): groups with emd_group_type = 1 hold `data` and `dim1..dimN` (dim1 = axis
// 0). Also openEmdReader(), which tells Velox and Berkeley files apart.

#include "emd_hdf5.h"

#include "insitu/error.h"
#include "insitu/io/emd_reader.h"
#include "insitu/io/length_unit.h"

#include <cmath>

namespace insitu {

namespace {

using emdh5::Handle;

herr_t collectEmdGroup(hid_t root, const char* name, const H5O_info_t* info, void* data)
{
    if (info->type != H5O_TYPE_GROUP)
        return 0;
    Handle group(H5Oopen(root, name, H5P_DEFAULT), H5Oclose);
    if (!group.valid())
        return 0;
    const auto type = emdh5::numberAttribute(group.id(), "emd_group_type");
    if (type && *type == 1)
        static_cast<std::vector<std::string>*>(data)->push_back(name);
    return 0;
}

/// Attributes of a group as a JSON object (numbers and strings only).
nlohmann::json attributesOf(hid_t object)
{
    nlohmann::json out = nlohmann::json::object();
    H5O_info_t info;
    if (H5Oget_info2(object, &info, H5O_INFO_NUM_ATTRS) < 0)
        return out;
    for (hsize_t i = 0; i < info.num_attrs && i < 500; ++i) {
        char name[256] = {};
        if (H5Aget_name_by_idx(object, ".", H5_INDEX_NAME, H5_ITER_INC, i, name, sizeof name,
                               H5P_DEFAULT) < 0)
            continue;
        const std::string text = emdh5::stringAttribute(object, name);
        if (!text.empty())
            out[name] = latin1ToUtf8IfNeeded(text);
        else if (const auto v = emdh5::numberAttribute(object, name))
            out[name] = *v;
    }
    return out;
}

/// Reads 2-D or 3-D Berkeley EMD data, frames along HDF5 axis 0 (dim1).
class BerkeleyEmdReader final : public MovieReader
{
public:
    explicit BerkeleyEmdReader(const std::filesystem::path& path)
    {
        const hdf5::Lock lock;
        m_name = path.string();
        m_info.path = path;
        m_file = emdh5::openFile(m_name);
        if (!m_file.valid())
            fail("cannot open it as HDF5");
        std::vector<std::string> groups;
        H5Ovisit2(m_file.id(), H5_INDEX_NAME, H5_ITER_INC, collectEmdGroup, &groups,
                  H5O_INFO_BASIC);
        if (groups.empty())
            fail("not an image series (HDF5 file without Velox or Berkeley EMD image data)");
        std::string reason;
        std::string chosen;
        for (const auto& g : groups) {
            Handle data = emdh5::openDataset(m_file.id(), g + "/data");
            if (!data.valid())
                continue;
            const auto shape = emdh5::shapeOf(data.id());
            const auto type = emdh5::pixelTypeOf(data.id());
            if (shape.size() < 2 || shape.size() > 3) {
                reason = std::to_string(shape.size()) + "-D data";
                continue;
            }
            if (!type) {
                reason = "unsupported (complex or 64-bit integer) pixel type";
                continue;
            }
            chosen = g;
            m_data = std::move(data);
            m_shape = shape;
            m_info.pixelType = *type;
            break;
        }
        if (chosen.empty())
            fail("not an image series (" + (reason.empty() ? std::string("no data") : reason) +
                 ")");
        if (groups.size() > 1)
            m_info.notes.push_back("file holds " + std::to_string(groups.size()) +
                                   " EMD data groups; '" + chosen + "' is shown");
        const std::size_t rank = m_shape.size();
        m_info.height = static_cast<int>(m_shape[rank - 2]);
        m_info.width = static_cast<int>(m_shape[rank - 1]);
        const hsize_t frames = rank == 3 ? m_shape[0] : 1;
        if (m_info.width <= 0 || m_info.height <= 0 || frames == 0 ||
            m_shape[rank - 1] > 1'000'000 || m_shape[rank - 2] > 1'000'000 || frames > 100'000'000)
            fail("absurd image dimensions");
        m_info.frameCount = static_cast<int>(frames);
        m_info.format = "Berkeley EMD";
        readCalibration(chosen);

        nlohmann::json meta = {{"group", chosen}};
        for (const char* g : {"microscope", "sample", "user", "comments", "stage"}) {
            Handle group = emdh5::openGroup(m_file.id(), std::string("/") + g);
            if (group.valid())
                meta[g] = attributesOf(group.id());
        }
        m_info.metadata["emd"] = meta;
    }

    [[nodiscard]] const MovieInfo& info() const override { return m_info; }

    [[nodiscard]] Frame readFrame(int index) override
    {
        if (index < 0 || index >= m_info.frameCount)
            fail("frame " + std::to_string(index) + " out of range");
        const hdf5::Lock lock;
        cv::Mat mat(m_info.height, m_info.width, cvDepth(m_info.pixelType));
        if (!emdh5::readFrameSlab(m_data.id(), m_shape, 0, index,
                                  emdh5::memoryType(m_info.pixelType), mat.data))
            fail("cannot read frame " + std::to_string(index));
        return Frame(mat, m_info.pixelType);
    }

private:
    [[noreturn]] void fail(const std::string& what) const { throw Error(m_name + ": " + what); }

    /// Step and units of dimK: scale = dim[1] − dim[0] (full vectors or [offset, offset+step]).
    std::pair<std::optional<double>, std::string> axis(const std::string& group,
                                                       std::size_t k) const
    {
        const std::string path = group + "/dim" + std::to_string(k);
        Handle ds = emdh5::openDataset(m_file.id(), path);
        if (!ds.valid())
            return {std::nullopt, {}};
        const std::string units = emdh5::stringAttribute(ds.id(), "units");
        const auto values = emdh5::numbers(m_file.id(), path);
        if (values.size() < 2)
            return {std::nullopt, units};
        return {values[1] - values[0], units};
    }

    void readCalibration(const std::string& group)
    {
        const std::size_t rank = m_shape.size();
        const auto [xStep, xUnits] = axis(group, rank); // last axis = x
        nlohmann::json dims = nlohmann::json::array();
        for (std::size_t k = 1; k <= rank; ++k) {
            Handle ds = emdh5::openDataset(m_file.id(), group + "/dim" + std::to_string(k));
            if (ds.valid())
                dims.push_back({{"name", emdh5::stringAttribute(ds.id(), "name")},
                                {"units", emdh5::stringAttribute(ds.id(), "units")}});
        }
        m_info.metadata["dims"] = dims;
        if (xStep && *xStep > 0)
            if (const auto perUnit = nmPerLengthUnit(xUnits))
                m_info.calibration.nmPerPixel = *xStep * *perUnit;
        if (rank == 3) {
            const auto [tStep, tUnits] = axis(group, 1);
            if (tStep && *tStep > 0)
                if (const auto s = secondsPerTimeUnit(tUnits))
                    m_info.calibration.frameIntervalS = *tStep * *s;
        }
    }

    std::string m_name;
    MovieInfo m_info;
    Handle m_file;
    Handle m_data;
    std::vector<hsize_t> m_shape;
};

} // namespace

bool isHdf5Magic(const std::vector<unsigned char>& head)
{
    static const unsigned char magic[8] = {0x89, 'H', 'D', 'F', '\r', '\n', 0x1A, '\n'};
    return head.size() >= 8 && std::equal(magic, magic + 8, head.begin());
}

bool isVeloxEmd(const std::filesystem::path& path)
{
    const hdf5::Lock lock;
    Handle file = emdh5::openFile(path.string());
    if (!file.valid())
        return false;
    if (emdh5::exists(file.id(), "/Data/Image"))
        return true;
    return emdh5::stringDataset(file.id(), "/Version").find("Velox") != std::string::npos;
}

std::unique_ptr<MovieReader> openBerkeleyEmdReader(const std::filesystem::path& path)
{
    return std::make_unique<BerkeleyEmdReader>(path);
}

std::unique_ptr<MovieReader> openEmdReader(const std::filesystem::path& path)
{
    {
        const hdf5::Lock lock;
        std::string problem;
        if (!emdh5::openFile(path.string(), &problem).valid())
            throw Error(path.string() + (problem.empty()
                                             ? ": not a readable HDF5 file (truncated or damaged?)"
                                             : ": damaged HDF5 file (" + problem + ")"));
    }
    if (isVeloxEmd(path))
        return openVeloxEmdReader(path);
    return openBerkeleyEmdReader(path);
}

} // namespace insitu
