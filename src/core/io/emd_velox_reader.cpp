// Velox EMD (Thermo Fisher): /Data/Image/<uuid>/{Data (rows, cols, frames), Metadata,
// FrameLookupTable}.

#include "emd_hdf5.h"

#include "insitu/error.h"
#include "insitu/io/emd_reader.h"
#include "insitu/io/length_unit.h"
#include "insitu/json_text.h"

#include <cmath>
#include <map>

namespace insitu {

namespace {

using emdh5::Handle;

/// Parses a JSON value given as a string ("0.8") into a double.
std::optional<double> jsonNumber(const nlohmann::json& j,
                                 const nlohmann::json::json_pointer& pointer)
{
    if (!j.contains(pointer))
        return std::nullopt;
    const auto& v = j.at(pointer);
    if (v.is_number())
        return v.get<double>();
    if (!v.is_string())
        return std::nullopt;
    const std::string text = v.get<std::string>();
    char* end = nullptr;
    const double value = std::strtod(text.c_str(), &end);
    if (end == text.c_str())
        return std::nullopt;
    return value;
}

std::string jsonText(const nlohmann::json& j, const nlohmann::json::json_pointer& pointer)
{
    if (!j.contains(pointer) || !j.at(pointer).is_string())
        return {};
    return j.at(pointer).get<std::string>();
}

/// Reads an image of Velox Data (rows, cols, frames) one frame at a time.
class VeloxEmdReader final : public MovieReader
{
public:
    explicit VeloxEmdReader(const std::filesystem::path& path)
    {
        const hdf5::Lock lock;
        m_name = path.string();
        m_info.path = path;
        m_file = emdh5::openFile(m_name);
        if (!m_file.valid())
            fail("cannot open it as HDF5");
        Handle images = emdh5::openGroup(m_file.id(), "/Data/Image");
        if (!images.valid())
            fail("not an image series (Velox file without /Data/Image; spectra are not supported)");
        std::vector<std::string> skipped;
        std::string chosen;
        for (const auto& uuid : emdh5::childNames(images.id())) {
            Handle data = emdh5::openDataset(images.id(), uuid + "/Data");
            if (!data.valid())
                continue;
            const auto shape = emdh5::shapeOf(data.id());
            const auto type = emdh5::pixelTypeOf(data.id());
            if (!type || shape.size() < 2 || shape.size() > 3) {
                skipped.push_back(uuid);
                continue;
            }
            if (chosen.empty()) {
                chosen = uuid;
                m_data = std::move(data);
                m_shape = shape;
                m_info.pixelType = *type;
            } else {
                skipped.push_back(uuid);
            }
        }
        if (chosen.empty())
            fail("not an image series (only complex or non-image data in /Data/Image, e.g. a Velox "
                 "FFT)");
        if (!skipped.empty())
            m_info.notes.push_back("file holds " + std::to_string(skipped.size() + 1) +
                                   " datasets; the first image (" + chosen + ") is shown");
        m_info.height = static_cast<int>(m_shape[0]);
        m_info.width = static_cast<int>(m_shape[1]);
        const hsize_t frames = m_shape.size() == 3 ? m_shape[2] : 1;
        if (m_shape[0] == 0 || m_shape[1] == 0 || frames == 0 || m_shape[0] > 1'000'000 ||
            m_shape[1] > 1'000'000 || frames > 100'000'000)
            fail("absurd image dimensions");
        m_info.frameCount = static_cast<int>(frames);
        m_info.format = "Velox EMD";

        m_group = emdh5::openGroup(images.id(), chosen);
        readMetadata();
        m_info.metadata["velox"] = {{"version", emdh5::stringDataset(m_file.id(), "/Version")},
                                    {"dataset", "/Data/Image/" + chosen + "/Data"}};
    }

    [[nodiscard]] const MovieInfo& info() const override { return m_info; }

    [[nodiscard]] Frame readFrame(int index) override
    {
        if (index < 0 || index >= m_info.frameCount)
            fail("frame " + std::to_string(index) + " out of range");
        const hdf5::Lock lock;
        cv::Mat mat(m_info.height, m_info.width, cvDepth(m_info.pixelType));
        if (!emdh5::readFrameSlab(m_data.id(), m_shape, 2, index,
                                  emdh5::memoryType(m_info.pixelType), mat.data))
            fail("cannot read frame " + std::to_string(index));
        return Frame(mat, m_info.pixelType);
    }

private:
    [[noreturn]] void fail(const std::string& what) const { throw Error(m_name + ": " + what); }

    /// The metadata JSON of one metadata column (NUL-padded UTF-8), or null.
    nlohmann::json metadataColumn(hid_t metadata, const std::vector<hsize_t>& shape,
                                  hsize_t column) const
    {
        if (shape.size() != 2 || column >= shape[1] || shape[0] == 0 || shape[0] > (16u << 20))
            return nullptr;
        std::vector<unsigned char> bytes(static_cast<std::size_t>(shape[0]));
        if (!emdh5::readHyperslab(metadata, {0, column}, {shape[0], 1}, H5T_NATIVE_UINT8,
                                  bytes.data()))
            return nullptr;
        std::size_t length = 0;
        while (length < bytes.size() && bytes[length] != 0)
            ++length;
        auto json =
            parseJsonLimited(std::string_view(reinterpret_cast<const char*>(bytes.data()), length));
        return json ? std::move(*json) : nlohmann::json(nlohmann::json::value_t::discarded);
    }

    void readMetadata()
    {
        Handle metadata = emdh5::openDataset(m_group.id(), "Metadata");
        if (!metadata.valid()) {
            m_info.notes.push_back("no Velox metadata: calibration unknown");
            return;
        }
        const auto shape = emdh5::shapeOf(metadata.id());
        const std::vector<double> lookup = emdh5::numbers(m_group.id(), "FrameLookupTable");
        const auto columnOf = [&](int frame) -> hsize_t {
            if (static_cast<std::size_t>(frame) < lookup.size() &&
                lookup[static_cast<std::size_t>(frame)] >= 0)
                return static_cast<hsize_t>(lookup[static_cast<std::size_t>(frame)]);
            return static_cast<hsize_t>(frame);
        };
        const nlohmann::json first = metadataColumn(metadata.id(), shape, columnOf(0));
        if (!first.is_object()) {
            m_info.notes.push_back(
                "Velox metadata of frame 0 is not valid JSON: calibration unknown");
            return;
        }
        using P = nlohmann::json::json_pointer;
        Calibration& cal = m_info.calibration;
        const auto width = jsonNumber(first, P("/BinaryResult/PixelSize/width"));
        const std::string unit = jsonText(first, P("/BinaryResult/PixelUnitX"));
        const auto perUnit = nmPerLengthUnit(unit.empty() ? "m" : unit);
        if (width && *width > 0 && perUnit)
            cal.nmPerPixel = *width * *perUnit;
        else if (width)
            m_info.notes.push_back("pixel size in '" + unit +
                                   "' (reciprocal space) is not a length");

        // Detector of this image, for its exposure time and per-frame timestamps.
        std::string detectorName;
        nlohmann::json detector;
        if (const auto index = jsonText(first, P("/BinaryResult/DetectorIndex")); !index.empty()) {
            const P pointer("/Detectors/Detector-" + index);
            if (first.contains(pointer)) {
                detector = first.at(pointer);
                detectorName = jsonText(detector, P("/DetectorName"));
            }
        }
        const auto frameTime = jsonNumber(first, P("/Scan/FrameTime"));
        const auto exposure =
            detector.is_null() ? std::nullopt : jsonNumber(detector, P("/ExposureTime"));

        // Per-frame absolute times: CustomProperties["Detectors[<name>].TimeStamp"].value, in µs.
        const std::string stampKey = "Detectors[" + detectorName + "].TimeStamp";
        const auto stampOf = [&](const nlohmann::json& j) -> std::optional<double> {
            if (!j.is_object() || !j.contains("CustomProperties"))
                return std::nullopt;
            const auto& custom = j.at("CustomProperties");
            if (!custom.is_object() || !custom.contains(stampKey))
                return std::nullopt;
            return jsonNumber(custom.at(stampKey), P("/value"));
        };
        if (const auto stamp0 = stampOf(first))
            m_info.metadata["frame0_timestamp_unix_us"] = *stamp0; // frame 0's clock (UTC)
        if (m_info.frameCount > 1 && m_info.frameCount <= 20000 && stampOf(first)) {
            // Each column is read and parsed once, however many frames point at it.
            std::map<hsize_t, std::optional<double>> stampOfColumn{{columnOf(0), stampOf(first)}};
            std::vector<double> stamps;
            for (int k = 0; k < m_info.frameCount; ++k) {
                const hsize_t column = columnOf(k);
                auto known = stampOfColumn.find(column);
                if (known == stampOfColumn.end())
                    known =
                        stampOfColumn
                            .emplace(column, stampOf(metadataColumn(metadata.id(), shape, column)))
                            .first;
                const auto s = known->second;
                if (!s)
                    break;
                stamps.push_back(*s);
            }
            if (stamps.size() == static_cast<std::size_t>(m_info.frameCount))
                for (const double s : stamps)
                    cal.timestampsS.push_back((s - stamps.front()) * 1e-6);
        }
        if (m_info.frameCount > 1) {
            if (frameTime && *frameTime > 0)
                cal.frameIntervalS = frameTime;
            else if (exposure && *exposure > 0)
                cal.frameIntervalS = exposure;
            else if (!cal.timestampsS.empty())
                cal.frameIntervalS = cal.timestampsS.back() / (m_info.frameCount - 1);
        }

        nlohmann::json meta;
        for (const char* key :
             {"Acquisition", "Optics", "Instrument", "Stage", "Scan", "BinaryResult"})
            if (first.contains(key))
                meta[key] = first.at(key);
        if (!detector.is_null())
            meta["Detector"] = detector;
        m_info.metadata["acquisition"] = meta;
    }

    std::string m_name;
    MovieInfo m_info;
    Handle m_file;
    Handle m_group;
    Handle m_data;
    std::vector<hsize_t> m_shape;
};

} // namespace

std::unique_ptr<MovieReader> openVeloxEmdReader(const std::filesystem::path& path)
{
    return std::make_unique<VeloxEmdReader>(path);
}

} // namespace insitu
